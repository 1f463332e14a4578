package be.vdab.okot.messaging.outbox;

import be.vdab.okot.messaging.persistence.TimeOrderedIds;
import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.messaging.MessagingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Records an event in the caller's transaction. It reaches Kafka if and only if that
 * transaction commits: no lost events, no phantom events.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    MessagingConfig config;

    @Inject
    Event<OutboxWritten> written;

    /** @return the event id, the {@code ce_id} the event will carry */
    @Transactional(Transactional.TxType.MANDATORY)
    public String publish(OkotEvent event) {
        EventType type = EventType.of(event);
        if (!config.outbox().topic().map(type.topic()::equals).orElse(false)) {
            throw new IllegalArgumentException(type.ceType() + " belongs on " + type.topic()
                    + ", not on this service's topic " + config.outbox().topic().orElse("(none)"));
        }
        OutboxMessage message = new OutboxMessage();
        message.eventId = TimeOrderedIds.next();
        message.eventType = type.ceType();
        message.topic = type.topic();
        message.messageKey = event.subject();
        message.payload = EventJson.write(event);
        message.occurredAt = Instant.now();
        message.persist();
        // observed after a successful commit only: wakes the relay without waiting for its poll
        written.fire(new OutboxWritten(message.eventId));
        return message.eventId;
    }

    /** Fired for every outbox row; observers use {@code TransactionPhase.AFTER_SUCCESS}. */
    public record OutboxWritten(String eventId) {
    }
}
