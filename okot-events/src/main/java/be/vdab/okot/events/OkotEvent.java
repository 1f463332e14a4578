package be.vdab.okot.events;

/**
 * An event of the OKOT platform. Every event names the key it is published under: the
 * pseudonymous personId for events about a person, the course code for catalogue events,
 * so that all events of one person (or one course) land on one partition, in order.
 */
public interface OkotEvent {

    /** Kafka key and CloudEvents subject. */
    String subject();
}
