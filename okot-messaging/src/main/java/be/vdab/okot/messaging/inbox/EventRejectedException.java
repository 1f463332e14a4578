package be.vdab.okot.messaging.inbox;

/** An event that breaks the contract in a way retrying cannot fix; it is dead-lettered with this reason. */
public class EventRejectedException extends RuntimeException {

    public EventRejectedException(String reason) {
        super(reason);
    }

    public EventRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
