package be.vdab.okot.messaging.inbox;

import be.vdab.okot.events.CloudEventHeaders;
import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.MalformedEventException;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.messaging.MessagingConfig;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the topics a service subscribes to, in order per partition, and applies each event
 * once: the event id is recorded in the same transaction as the change the handler makes.
 * Undecodable or invalid events are nacked, so the connector dead-letters them with the reason
 * in the {@code dead-letter-reason} header, and consumption goes on.
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

    @Incoming("okot-events-in")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        IncomingEvent event;
        try {
            event = decode(record);
        } catch (MalformedEventException e) {
            count(headerValue(record, CloudEventHeaders.TYPE).orElse("unknown"), "dead-lettered");
            LOG.warnf("Dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            throw e;
        }
        List<EventHandler> interested = handlers.stream()
                .filter(handler -> handler.handledTypes().contains(event.type())).toList();
        if (interested.isEmpty()) {
            count(event.type().ceType(), "ignored");
            return;
        }
        applyOnce(event, interested, Instant.ofEpochMilli(record.timestamp()));
    }

    private void applyOnce(IncomingEvent event, List<EventHandler> interested, Instant brokerTime) {
        Duration backoff = config.consumer().initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                    if (ProcessedEvent.isProcessed(event.id())) {
                        return false;
                    }
                    ProcessedEvent processed = new ProcessedEvent();
                    processed.eventId = event.id();
                    processed.eventType = event.type().ceType();
                    processed.sourceTopic = event.topic();
                    processed.processedAt = Instant.now();
                    processed.persistAndFlush(); // a concurrent duplicate fails here and is retried as a duplicate
                    interested.forEach(handler -> handler.handle(event));
                    return true;
                });
                count(event.type().ceType(), applied ? "applied" : "duplicate");
                if (applied) {
                    lag.record(event, brokerTime, Instant.now());
                }
                return;
            } catch (EventRejectedException e) {
                count(event.type().ceType(), "dead-lettered");
                LOG.warnf("Dead-lettering event %s (%s): %s", event.id(), event.type().ceType(), e.getMessage());
                throw e;
            } catch (RuntimeException e) {
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

    private void count(String type, String outcome) {
        registry.counter("okot.events.consumed", "type", type, "outcome", outcome).increment();
    }
}
