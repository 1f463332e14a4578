package be.vdab.okot.messaging.inbox;

import be.vdab.okot.events.EventType;

import java.util.List;
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

    /**
     * Called in the transaction before the events of a poll (or the one event of a retry) this handler
     * takes are handled, in their order. A handler that derives state across events (the stats service's
     * live aggregate) reads here, once, what it needs for all of them.
     */
    default void beforeHandling(List<IncomingEvent> events) {
    }

    /** Called in the same transaction after those events were handled, before the commit. */
    default void afterHandling() {
    }
}
