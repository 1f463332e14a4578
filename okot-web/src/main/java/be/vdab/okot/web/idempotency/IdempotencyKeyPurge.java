package be.vdab.okot.web.idempotency;

import be.vdab.okot.messaging.retention.BatchedPurge;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Deletes the stored first answers of {@code Idempotency-Key}s ({@code okot_idempotency_key}) older than
 * {@code okot.idempotency.retention} (one day by default), every {@code okot.idempotency.purge-interval}.
 *
 * <p>A key is there for a client that repeats a request it is not sure went through: a retry after a timeout
 * or a dropped connection comes seconds or minutes later, a batch job that failed half-way is run again the
 * same day. Within the window the repetition gets the first answer again; after it, the request is handled as
 * new, and the domain refuses what would be a second change (a second open candidacy for the course, a second
 * screening, an overlapping contract: 409). The stored answer is a copy of the resource (personal data of a
 * candidacy included), which is one more reason not to keep it longer than a retry needs.
 */
@ApplicationScoped
public class IdempotencyKeyPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeyPurge.class);

    @ConfigProperty(name = "okot.idempotency.retention", defaultValue = "P1D")
    Duration retention;

    @ConfigProperty(name = "okot.purge.batch-size", defaultValue = "1000")
    int batchSize;

    @Scheduled(every = "${okot.idempotency.purge-interval:1h}", delayed = "${okot.idempotency.purge-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeOnSchedule() {
        purge();
    }

    /** Deletes the keys first used longer ago than the retention; returns how many. */
    public long purge() {
        return purgeBefore(Instant.now().minus(retention));
    }

    /**
     * Deletes the keys first used before {@code threshold}, in transactions of {@code okot.purge.batch-size} keys
     * (okot-messaging's {@link BatchedPurge}, as the outbox and processed-event purges: a busy hour's keys are
     * too many for one transaction).
     *
     * @return how many keys were deleted
     */
    public long purgeBefore(Instant threshold) {
        long purged = BatchedPurge.before("okot_idempotency_key", "scoped_key_hash", "created_at", threshold, batchSize);
        if (purged > 0) {
            LOG.infof("Purged %d Idempotency-Keys first used before %s", purged, threshold);
        }
        return purged;
    }
}
