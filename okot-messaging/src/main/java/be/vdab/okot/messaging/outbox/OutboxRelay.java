package be.vdab.okot.messaging.outbox;

import be.vdab.okot.events.CloudEventHeaders;
import be.vdab.okot.messaging.MessagingConfig;
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
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes outbox rows to Kafka in the order they were written, with CloudEvents binary
 * headers, and marks a row published only after the broker acknowledged it. A row that was
 * sent but not marked (crash in between) is sent again: consumers de-duplicate on {@code ce_id}.
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

    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "okot-outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    // at most one drain queued behind the running one: wake-ups during a drain are coalesced
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean stopping;
    private Counter published;

    void onStart(@Observes StartupEvent event) {
        published = Counter.builder("okot.outbox.published").description("Outbox events acknowledged by Kafka")
                .register(registry);
        Gauge.builder("okot.outbox.backlog", this, OutboxRelay::backlog)
                .description("Outbox events not yet acknowledged by Kafka").register(registry);
        started = true;
        wakeUp();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        wakeUp();
    }

    // skipped until start-up has finished: the emitter is wired by Reactive Messaging at start-up
    @Scheduled(every = "${okot.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wakeUp();
    }

    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeOldRows() {
        Instant threshold = Instant.now().minus(config.outbox().retention());
        long purged = QuarkusTransaction.requiringNew().call(() -> OutboxMessage.purgePublishedBefore(threshold));
        if (purged > 0) {
            LOG.debugf("Purged %d published outbox rows older than %s", purged, threshold);
        }
    }

    /** Asks for a drain of the outbox; returns at once. */
    public void wakeUp() {
        if (started && !stopping && drainQueued.compareAndSet(false, true)) {
            worker.execute(() -> {
                drainQueued.set(false);
                drain();
            });
        }
    }

    private void drain() {
        try {
            while (!stopping) {
                List<OutboxMessage> batch = QuarkusTransaction.requiringNew()
                        .call(() -> OutboxMessage.nextUnpublished(config.outbox().batchSize()));
                if (batch.isEmpty()) {
                    return;
                }
                List<Long> acknowledged = send(batch);
                QuarkusTransaction.requiringNew().run(() -> OutboxMessage.markPublished(acknowledged, Instant.now()));
                published.increment(acknowledged.size());
                if (acknowledged.size() < batch.size()) {
                    return; // the broker refused or is away: the next poll tries again from the first unacknowledged row
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay failed, retrying at the next poll: %s", e.toString());
        }
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

    private double backlog() {
        try {
            return QuarkusTransaction.requiringNew().call(OutboxMessage::backlog);
        } catch (RuntimeException e) {
            return Double.NaN; // database away: the readiness check says so
        }
    }
}
