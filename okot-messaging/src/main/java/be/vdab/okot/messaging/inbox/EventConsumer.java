package be.vdab.okot.messaging.inbox;

import be.vdab.okot.events.CloudEventHeaders;
import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.MalformedEventException;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.messaging.MessagingConfig;
import be.vdab.okot.messaging.persistence.DurableCommits;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.micrometer.core.instrument.DistributionSummary;
import jakarta.annotation.PostConstruct;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the topics a service subscribes to, in order per partition, and applies each event
 * once: the event id is recorded in the same transaction as the change the handler makes.
 *
 * <p>A poll's records come as one batch ({@code batch=true}, at most {@code max.poll.records}) and are
 * applied in <b>one</b> transaction, in their order per partition: one commit for the whole poll, so a
 * backlog drains at the speed of the handlers rather than of the commits. Event ids already applied
 * (earlier, or earlier in the same poll) are skipped. Should that transaction fail, nothing of it stays and
 * the poll's events are applied one by one, each in its own transaction with the retries below, so one
 * bad event never holds up or takes down the others.
 *
 * <p>Undecodable or invalid events, and events a handler rejects, are nacked one by one, so the connector
 * dead-letters each with the reason in the {@code dead-letter-reason} header; then the batch is acked and
 * consumption goes on.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject
    Instance<EventHandler> handlers;

    @Inject
    Validator validator;

    @Inject
    MessagingConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    ConsumerLag lag;

    @Inject
    ApplyGate gate;

    @Inject
    DurableCommits durableCommits;

    /** Set when the service starts to stop: a failure from then on is the shutdown's, not the event's. */
    private volatile boolean stopping;

    void onStop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
    }

    /** An event that could not be applied because the service is stopping: left for the next start. */
    private static final class LeftForNextStart extends RuntimeException {
        LeftForNextStart(Throwable cause) {
            super("The service is stopping; the poll stays unacknowledged and comes again after the restart", cause);
        }
    }

    /** Events per applied poll: near 1 on an idle platform, up to max.poll.records while a backlog drains. */
    private DistributionSummary batchSize;

    @PostConstruct
    void meters() {
        batchSize = DistributionSummary.builder("okot.consumer.batch.events")
                .description("Events a poll brought to apply in one transaction").register(registry);
    }

    /** A decoded event of the poll, with the handlers that want it and its record, to nack it alone. */
    private record Routed(IncomingEvent event, List<EventHandler> interested, Instant brokerTime,
                          KafkaRecord<String, String> record) {
    }

    @Incoming("okot-events-in")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        try {
            return consumeOnce(batch);
        } catch (LeftForNextStart e) {
            // neither acked nor nacked: its offsets are never committed, so the broker hands it out again after the
            // restart (what was applied of it is skipped by event id); a nack would dead-letter good events
            LOG.info(e.getMessage());
            return new java.util.concurrent.CompletableFuture<>();
        }
    }

    private CompletionStage<Void> consumeOnce(KafkaRecordBatch<String, String> batch) {
        List<CompletionStage<Void>> deadLetters = gate.applying(() -> {
            List<Routed> routed = new ArrayList<>();
            List<CompletionStage<Void>> rejected = new ArrayList<>();
            for (KafkaRecord<String, String> record : batch.getRecords()) {
                ConsumerRecord<String, String> consumed = consumerRecord(record);
                try {
                    route(consumed, record).ifPresent(routed::add);
                } catch (MalformedEventException e) {
                    count(headerValue(consumed, CloudEventHeaders.TYPE).orElse("unknown"), "dead-lettered");
                    LOG.warnf("Dead-lettering %s-%d@%d: %s", consumed.topic(), consumed.partition(), consumed.offset(), e.getMessage());
                    rejected.add(record.nack(e));
                }
            }
            batchSize.record(routed.size());
            applyPoll(routed, true, (one, e) -> rejected.add(one.record().nack(e)));
            return rejected;
        });
        for (CompletionStage<Void> deadLetter : deadLetters) {
            try {
                deadLetter.toCompletableFuture().join();
            } catch (RuntimeException e) {
                LOG.errorf("A dead letter could not be written: %s", rootMessage(e));
            }
        }
        // the offsets committed after this ack must never run ahead of what the database has in its file
        try {
            durableCommits.awaitDurable();
        } catch (IllegalStateException e) {
            // like a stop in the middle of a poll: never acked, so its offsets are never committed and the poll comes
            // again after a restart (skipped by event id where applied); the stuck offset makes the channel unhealthy
            LOG.errorf("A poll's changes could not be written to the database file; it stays unacknowledged: %s",
                    rootMessage(e));
            return new java.util.concurrent.CompletableFuture<>();
        }
        return batch.ack();
    }

    /** The event of a record with the handlers that want it; empty when none does. */
    private Optional<Routed> route(ConsumerRecord<String, String> consumed, KafkaRecord<String, String> record) {
        IncomingEvent event = decode(consumed);
        List<EventHandler> interested = handlers.stream()
                .filter(handler -> handler.handledTypes().contains(event.type())).toList();
        if (interested.isEmpty()) {
            count(event.type().ceType(), "ignored");
            return Optional.empty();
        }
        return Optional.of(new Routed(event, interested, Instant.ofEpochMilli(consumed.timestamp()), record));
    }

    /** A poll in one transaction, else one event per transaction; each rejected event goes to {@code rejected}. */
    private void applyPoll(List<Routed> routed, boolean live, java.util.function.BiConsumer<Routed, EventRejectedException> rejected) {
        if (routed.isEmpty() || applyAllOnce(routed, live)) {
            return;
        }
        for (Routed one : routed) {
            try {
                applyOnce(one, live);
            } catch (EventRejectedException e) {
                rejected.accept(one, e);
            }
        }
    }

    /** What a replay did with the records it was given. */
    public record Replayed(int read, int skipped) {
    }

    /**
     * Applies records read again from the topics by the caller (not by the connector) exactly as a poll is
     * applied, in the caller's thread: one transaction, an event id applied before skipped, the one-by-one
     * fallback. Records the connector dead-lettered — undecodable, invalid, rejected by a handler — are
     * skipped and counted, not dead-lettered again; no consumer lag is recorded. stats-service rebuilds its
     * store this way.
     */
    public Replayed replay(List<ConsumerRecord<String, String>> records) {
        List<Routed> routed = new ArrayList<>();
        int[] skipped = {0};
        for (ConsumerRecord<String, String> consumed : records) {
            try {
                route(consumed, null).ifPresent(routed::add);
            } catch (MalformedEventException e) {
                skipped[0]++;
            }
        }
        applyPoll(routed, false, (one, e) -> skipped[0]++);
        return new Replayed(records.size(), skipped[0]);
    }

    /**
     * The event of a record read again by the caller, decoded and validated exactly as a poll's record is; empty
     * when the connector would have dead-lettered it as malformed or no handler wants it. A rebuild folds the
     * log with it ({@link #replay} applies records instead).
     */
    public Optional<IncomingEvent> decodeForReplay(ConsumerRecord<String, String> record) {
        try {
            return route(record, null).map(Routed::event);
        } catch (MalformedEventException e) {
            return Optional.empty();
        }
    }

    /**
     * Applies the poll's events in one transaction. Returns false, with nothing of it kept, when that
     * transaction failed: the caller then applies them one by one.
     */
    private boolean applyAllOnce(List<Routed> routed, boolean live) {
        List<Boolean> applied;
        try {
            applied = QuarkusTransaction.requiringNew().call(() -> {
                Set<String> done = new HashSet<>(ProcessedEvent.processedAmong(
                        routed.stream().map(one -> one.event().id()).collect(Collectors.toSet())));
                List<Boolean> outcomes = new ArrayList<>(routed.size());
                Map<EventHandler, List<IncomingEvent>> byHandler = new LinkedHashMap<>();
                for (Routed one : routed) {
                    boolean first = done.add(one.event().id());
                    if (first) {
                        one.interested().forEach(handler -> byHandler.computeIfAbsent(handler, h -> new ArrayList<>())
                                .add(one.event()));
                    }
                    outcomes.add(first);
                }
                byHandler.forEach(EventHandler::beforeHandling);
                for (int i = 0; i < routed.size(); i++) {
                    Routed one = routed.get(i);
                    if (outcomes.get(i)) {
                        record(one.event()).persist();
                        one.interested().forEach(handler -> handler.handle(one.event()));
                    }
                }
                byHandler.keySet().forEach(EventHandler::afterHandling);
                return outcomes;
            });
        } catch (RuntimeException e) {
            LOG.infof("A poll of %d events was not applied in one transaction, applying them one by one: %s",
                    routed.size(), rootMessage(e));
            count("poll", "batch-failed");
            return false;
        }
        Instant now = Instant.now();
        for (int i = 0; i < routed.size(); i++) {
            Routed one = routed.get(i);
            count(one.event().type().ceType(), outcome(applied.get(i), live));
            if (applied.get(i) && live) {
                lag.record(one.event(), one.brokerTime(), now);
            }
        }
        return true;
    }

    /** One event in its own transaction; lock conflicts are retried without limit, other failures a few times. */
    private void applyOnce(Routed one, boolean live) {
        IncomingEvent event = one.event();
        Duration backoff = config.consumer().initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                    if (ProcessedEvent.isProcessed(event.id())) {
                        return false;
                    }
                    record(event).persistAndFlush(); // a concurrent duplicate fails here and is retried as a duplicate
                    one.interested().forEach(handler -> handler.beforeHandling(List.of(event)));
                    one.interested().forEach(handler -> handler.handle(event));
                    one.interested().forEach(EventHandler::afterHandling);
                    return true;
                });
                count(event.type().ceType(), outcome(applied, live));
                if (applied && live) {
                    lag.record(event, one.brokerTime(), Instant.now());
                }
                return;
            } catch (EventRejectedException e) {
                count(event.type().ceType(), "dead-lettered");
                LOG.warnf("Dead-lettering event %s (%s): %s", event.id(), event.type().ceType(), e.getMessage());
                throw e;
            } catch (RuntimeException e) {
                if (stopping) {
                    throw new LeftForNextStart(e);
                }
                if (!isTransient(e) && attempt >= config.consumer().maxAttempts()) {
                    count(event.type().ceType(), "dead-lettered");
                    throw new EventRejectedException("Failed " + attempt + " times: " + rootMessage(e), e);
                }
                LOG.warnf("Applying event %s (%s) failed (attempt %d), retrying in %s: %s",
                        event.id(), event.type().ceType(), attempt, backoff, rootMessage(e));
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), config.consumer().maxBackoff());
            }
        }
    }

    private static ProcessedEvent record(IncomingEvent event) {
        return ProcessedEvent.of(event, Instant.now());
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> consumerRecord(KafkaRecord<String, String> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(metadata -> (ConsumerRecord<String, String>) metadata.getRecord())
                .orElseThrow(() -> new IllegalStateException("A batch record without its Kafka metadata"));
    }

    private IncomingEvent decode(ConsumerRecord<String, String> record) {
        String id = requiredHeader(record, CloudEventHeaders.ID);
        String ceType = requiredHeader(record, CloudEventHeaders.TYPE);
        String specVersion = requiredHeader(record, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
            throw new MalformedEventException("Unsupported CloudEvents spec version " + specVersion);
        }
        String source = requiredHeader(record, CloudEventHeaders.SOURCE);
        EventType type = EventType.ofCeType(ceType)
                .orElseThrow(() -> new MalformedEventException("Unknown event type " + ceType));
        Instant time = headerValue(record, CloudEventHeaders.TIME).map(EventConsumer::parseTime).orElse(null);
        OkotEvent payload = EventJson.read(record.value(), type.payloadType());
        Set<ConstraintViolation<OkotEvent>> violations = validator.validate(payload);
        if (!violations.isEmpty()) {
            throw new MalformedEventException("Invalid " + ceType + ": " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining(", ")));
        }
        String subject = headerValue(record, CloudEventHeaders.SUBJECT).orElse(record.key());
        return new IncomingEvent(id, type, source, time, subject, payload, record.topic(), record.partition(),
                record.offset());
    }

    private static Instant parseTime(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("ce_time is not an RFC 3339 instant: " + value);
        }
    }

    private static String requiredHeader(ConsumerRecord<String, String> record, String name) {
        return headerValue(record, name).filter(value -> !value.isBlank())
                .orElseThrow(() -> new MalformedEventException("Missing CloudEvents header " + name));
    }

    private static Optional<String> headerValue(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /**
     * Failures that go away by themselves are retried without limit, in order: the database away, and
     * a concurrent transaction holding or changing the same rows (lock timeout, deadlock, serialization
     * failure, stale version; as Hibernate classifies them from the SQLState of H2 or PostgreSQL, as the
     * driver marks them transient, or by the SQL standard's class 40, transaction rollback). Dead-lettering such an event would drop it from the figures for a
     * conflict that the next attempt resolves. Anything else, a constraint violation included (a
     * concurrent duplicate passes on the next attempt as already processed), gets a few attempts and is
     * then dead-lettered.
     */
    static boolean isTransient(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JDBCConnectionException || cause instanceof SQLTransientException
                    || cause instanceof LockAcquisitionException || cause instanceof org.hibernate.PessimisticLockException
                    || cause instanceof org.hibernate.exception.LockTimeoutException
                    || cause instanceof StaleStateException
                    || cause instanceof jakarta.persistence.PessimisticLockException
                    || cause instanceof jakarta.persistence.LockTimeoutException
                    || cause instanceof jakarta.persistence.OptimisticLockException
                    || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying an event", e);
        }
    }

    private static String outcome(boolean applied, boolean live) {
        return (live ? "" : "replayed-") + (applied ? "applied" : "duplicate");
    }

    private void count(String type, String outcome) {
        registry.counter("okot.events.consumed", "type", type, "outcome", outcome).increment();
    }
}
