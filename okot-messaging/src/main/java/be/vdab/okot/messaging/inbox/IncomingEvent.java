package be.vdab.okot.messaging.inbox;

import be.vdab.okot.events.EventType;
import be.vdab.okot.events.OkotEvent;

import java.time.Instant;

/** A decoded event with its CloudEvents attributes and where it was read. */
public record IncomingEvent(
        String id,
        EventType type,
        String source,
        Instant time,
        String subject,
        OkotEvent payload,
        String topic,
        int partition,
        long offset) {

    /** The payload as the record of its type. */
    public <T extends OkotEvent> T payload(Class<T> type) {
        return type.cast(payload);
    }
}
