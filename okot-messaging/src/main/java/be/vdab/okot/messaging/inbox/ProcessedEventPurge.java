package be.vdab.okot.messaging.inbox;

import be.vdab.okot.messaging.MessagingConfig;
import be.vdab.okot.messaging.retention.BatchedPurge;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Deletes the processed-event rows ({@code okot_processed_event}) applied longer ago than
 * {@code okot.consumer.processed-retention} (30 days by default), every {@code okot.purge.interval}.
 *
 * <p>Why a row can go then, and not earlier: the row exists to refuse a second copy of its event. A second copy
 * reaches a consumer in two ways only. (1) The producer's relay re-sends an outbox row that Kafka acknowledged
 * but the relay did not mark published (a crash in between): the row is re-sent in the relay's first round
 * after its service is back, so the copy follows the original by the producer's outage. (2) The consumer reads
 * again the records after its last committed offset, which it had applied just before it stopped: that
 * happens in its first polls after it is back, whatever the outage lasted, and this purge does not run
 * while its service is down and first runs {@code okot.purge.delay} (10 minutes) after the start, when those
 * records were long applied (as duplicates). So a copy is always refused while the window exceeds the
 * longest outage of a producer; 30 days is beyond any outage the platform plans for, and four times the
 * outbox's own retention. stats-service's rebuild writes a row per event with the time of the rebuild, so its
 * rows are young when the live consumer takes over. A copy that comes later than the window (an operator
 * writing old events again, e.g. {@code ./okot populate} repeated a month later) is applied again.
 */
@ApplicationScoped
public class ProcessedEventPurge {

    private static final Logger LOG = Logger.getLogger(ProcessedEventPurge.class);

    @Inject
    MessagingConfig config;

    @Scheduled(every = "${okot.purge.interval:1h}", delayed = "${okot.purge.delay:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeOnSchedule() {
        purge();
    }

    /** Deletes the rows of events applied longer ago than the retention; returns how many. */
    public long purge() {
        return purgeBefore(Instant.now().minus(config.consumer().processedRetention()));
    }

    /**
     * Deletes the rows of events applied before {@code threshold}.
     *
     * @return how many rows were deleted
     */
    public long purgeBefore(Instant threshold) {
        long purged = BatchedPurge.before("okot_processed_event", "event_id", "processed_at", threshold,
                config.purge().batchSize());
        if (purged > 0) {
            LOG.infof("Purged %d processed-event rows applied before %s", purged, threshold);
        }
        return purged;
    }
}
