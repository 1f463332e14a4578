package be.vdab.okot.messaging.outbox;

import be.vdab.okot.events.CloudEventHeaders;
import be.vdab.okot.messaging.MessagingConfig;
import be.vdab.okot.messaging.persistence.DurableCommits;
import be.vdab.okot.messaging.retention.BatchedPurge;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes outbox rows to Kafka in the order they were written, with CloudEvents binary
 * headers, and marks a row published only after the broker acknowledged it. A row that was
 * sent but not marked (crash in between) is sent again: consumers de-duplicate on {@code ce_id}.
 * A row is sent only once its commit is durable ({@link DurableCommits}): no event for a change a kill could lose.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    MessagingConfig config;

    @Inject
    @Channel("okot-events-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<String> emitter;

    @Inject
    MeterRegistry registry;

    @Inject
    DurableCommits durableCommits;

    private final RelaySignal signal = new RelaySignal();
    private volatile Thread relay;
    private volatile boolean stopping;
    private volatile boolean suspended;
    private volatile int lastBatchSize;
    private volatile long lastStallWarning;
    /** The first row of the relay's last read: the oldest unpublished row then; null when that read found none. */
    private volatile OutboxMessage oldestRead;
    private Counter published;

    void onStart(@Observes StartupEvent event) {
        published = Counter.builder("okot.outbox.published").description("Outbox events acknowledged by Kafka")
                .register(registry);
        Gauge.builder("okot.outbox.backlog", this, OutboxRelay::backlog)
                .description("Outbox events not yet acknowledged by Kafka").register(registry);
        Gauge.builder("okot.outbox.oldest.unpublished.age", this, OutboxRelay::oldestUnpublishedAgeSeconds)
                .description("How long the oldest outbox event not yet acknowledged by Kafka has waited; 0 when none")
                .baseUnit("seconds").register(registry);
        Thread thread = new Thread(this::relayLoop, "okot-outbox-relay");
        thread.setDaemon(true);
        relay = thread;
        thread.start();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
        Thread thread = relay;
        if (thread != null) {
            signal.wakeUp();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        LOG.tracef("Wake-up after the commit of %s", written.eventId());
        wakeUp();
    }

    /**
     * Deletes the rows Kafka acknowledged more than {@code okot.outbox.retention} ago (7 days by default), every
     * {@code okot.purge.interval}; an unpublished row is never purged. The topics keep every event (the log
     * the consumers and stats-service's rebuild read); the rows kept here serve to look into what this service
     * published lately without a Kafka client.
     */
    @Scheduled(every = "${okot.purge.interval:1h}", delayed = "${okot.purge.delay:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeOnSchedule() {
        purgeOldRows();
    }

    /** Deletes the rows published longer ago than the retention; returns how many. */
    public long purgeOldRows() {
        return purgePublishedBefore(Instant.now().minus(config.outbox().retention()));
    }

    /** Deletes the rows published before {@code threshold}; returns how many. */
    public long purgePublishedBefore(Instant threshold) {
        long purged = BatchedPurge.before("okot_outbox", "id", "published_at", threshold, config.purge().batchSize());
        if (purged > 0) {
            LOG.infof("Purged %d outbox rows published before %s", purged, threshold);
        }
        return purged;
    }

    /**
     * Holds publishing (for a broker maintenance, or a test): rows keep being written and waiting,
     * the stall warning and the age gauge report them, and {@link #resume()} publishes them in order.
     */
    public void suspend() {
        suspended = true;
    }

    /** Publishing again after {@link #suspend()}, at once. */
    public void resume() {
        suspended = false;
        wakeUp();
    }

    /** Asks for a round of the relay that reads the outbox after this call; returns at once. */
    public void wakeUp() {
        signal.wakeUp();
    }

    /**
     * The relay thread: a round reads and publishes what is unpublished, then waits for a wake-up
     * that came after the round's start, or the poll interval (the safety net, which nothing can
     * skip: no scheduler, no coalescing). A failing round is logged and retried at the next one.
     */
    private void relayLoop() {
        while (!stopping) {
            long observed = signal.observed(); // before the read: a commit after this point wakes the next round
            try {
                if (!suspended) {
                    drain();
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.warnf("Outbox relay failed, retrying at the next poll: %s", e.toString());
            }
            try {
                signal.awaitAfter(observed, config.outbox().pollInterval());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void drain() {
        while (!stopping && !suspended) {
            List<OutboxMessage> batch = QuarkusTransaction.requiringNew()
                    .call(() -> OutboxMessage.nextUnpublished(config.outbox().batchSize()));
            lastBatchSize = batch.size();
            oldestRead = batch.isEmpty() ? null : batch.get(0);
            LOG.tracef("Outbox relay read %d rows", batch.size());
            if (batch.isEmpty()) {
                return;
            }
            // an event leaves only once its change is durable: the relay is woken right after the commit, before
            // the embedded H2 has written it to its file; a kill in between would lose the change and keep the
            // event (a phantom). A failed flush fails the round, which the next poll retries
            durableCommits.awaitDurable();
            List<Long> acknowledged = send(batch);
            QuarkusTransaction.requiringNew().run(() -> OutboxMessage.markPublished(acknowledged, Instant.now()));
            published.increment(acknowledged.size());
            if (acknowledged.size() < batch.size()) {
                oldestRead = batch.get(acknowledged.size());
                return; // the broker refused or is away: the next round tries again from the first unacknowledged row
            }
        }
    }

    /**
     * A WARN, at most every stall-warning period ({@code okot.outbox.stall-warning}, 5 s), while the oldest unpublished
     * row is older than that. Checked every second on the scheduler's thread, not the relay's: a backlog keeps the
     * relay draining and an absent broker keeps it waiting for acknowledgements (up to 60 s a batch), and a check
     * after each round was never reached then (the newcomer's finding of issue 15: no WARN while rows waited 293 s).
     * It reads no table while the relay runs ({@link #oldestUnpublished()}).
     */
    @Scheduled(every = "${okot.outbox.stall-check:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void warnIfStalled() {
        Duration threshold = config.outbox().stallWarning();
        if (System.nanoTime() - lastStallWarning < threshold.toNanos()) {
            return;
        }
        oldestUnpublished().ifPresent(oldest -> {
            Duration waited = Duration.between(oldest.occurredAt, Instant.now());
            if (waited.compareTo(threshold) > 0) {
                lastStallWarning = System.nanoTime();
                LOG.warnf("Outbox event %s (%s, row %d) has waited %d ms for Kafka; %s", oldest.eventId,
                        oldest.eventType, oldest.id, waited.toMillis(), suspended ? "the relay is suspended"
                                : "the relay's last read returned " + lastBatchSize + " rows");
            }
        });
    }

    /** Sends a batch and returns the ids of the longest acknowledged prefix, so order is kept. */
    private List<Long> send(List<OutboxMessage> batch) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (OutboxMessage message : batch) {
            acks.add(emitter.sendMessage(toKafkaMessage(message)).subscribeAsCompletionStage());
        }
        List<Long> acknowledged = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            try {
                acks.get(i).get(60, TimeUnit.SECONDS);
                acknowledged.add(batch.get(i).id);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("Kafka did not acknowledge outbox event %s (%s): %s", batch.get(i).eventId,
                        batch.get(i).eventType, e.getCause() != null ? e.getCause().toString() : e.toString());
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return acknowledged;
    }

    private Message<String> toKafkaMessage(OutboxMessage message) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, message.eventId);
        header(headers, CloudEventHeaders.TYPE, message.eventType);
        header(headers, CloudEventHeaders.SOURCE, "/okot/" + config.service().name());
        header(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(message.occurredAt));
        header(headers, CloudEventHeaders.SUBJECT, message.messageKey);
        header(headers, CloudEventHeaders.CONTENT_TYPE, "application/json");
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(message.topic)
                .withKey(message.messageKey)
                .withHeaders(headers)
                .build();
        return Message.of(message.payload).addMetadata(metadata);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The oldest row not yet acknowledged by Kafka: the first of the relay's last read while it runs (rows are read
     * oldest first), read from the table only while it is suspended (it then reads nothing). The stall check and the
     * age gauge ask every second and at every scrape ({@code ./okot demo} scrapes every 500 ms): querying the table
     * for it during a 100,000-row backlog, which H2 answers by sorting every unpublished row, ran intake-service out
     * of its 160 MB heap in the H2 acceptance run.
     */
    private Optional<OutboxMessage> oldestUnpublished() {
        return suspended ? QuarkusTransaction.requiringNew().call(OutboxMessage::oldestUnpublished)
                : Optional.ofNullable(oldestRead);
    }

    private double oldestUnpublishedAgeSeconds() {
        try {
            return oldestUnpublished()
                    .map(oldest -> Math.max(0, Duration.between(oldest.occurredAt, Instant.now()).toMillis() / 1000.0))
                    .orElse(0.0);
        } catch (RuntimeException e) {
            return Double.NaN; // database away: the readiness check says so
        }
    }

    private double backlog() {
        try {
            return QuarkusTransaction.requiringNew().call(OutboxMessage::backlog);
        } catch (RuntimeException e) {
            return Double.NaN; // database away: the readiness check says so
        }
    }
}
