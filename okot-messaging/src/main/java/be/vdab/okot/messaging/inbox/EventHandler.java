package be.vdab.okot.messaging.inbox;

import be.vdab.okot.events.EventType;

import java.util.Set;

/**
 * A service's reaction to the events it consumes. {@link #handle} runs inside the
 * transaction that also records the event id, so an event changes state exactly once.
 */
public interface EventHandler {

    /** The event types this handler applies; other types on the subscribed topics are skipped. */
    Set<EventType> handledTypes();

    /**
     * Applies the event. Throw {@link EventRejectedException} for an event that can never be
     * applied (it goes to the dead-letter topic); any other exception is retried.
     */
    void handle(IncomingEvent event);
}
