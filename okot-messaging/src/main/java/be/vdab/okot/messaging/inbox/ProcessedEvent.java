package be.vdab.okot.messaging.inbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** The {@code ce_id} of an event this service applied, stored with the change the event caused. */
@Entity
@Table(name = "okot_processed_event")
public class ProcessedEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_id", length = 64)
    public String eventId;

    @Column(name = "event_type", nullable = false, length = 100)
    public String eventType;

    @Column(name = "source_topic", nullable = false, length = 200)
    public String sourceTopic;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;

    /** The row that says this event was applied at that instant. */
    public static ProcessedEvent of(IncomingEvent event, Instant processedAt) {
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventId = event.id();
        processed.eventType = event.type().ceType();
        processed.sourceTopic = event.topic();
        processed.processedAt = processedAt;
        return processed;
    }

    public static boolean isProcessed(String eventId) {
        return count("eventId", eventId) > 0;
    }

    /** Which of these event ids were applied before (one query; a poll holds at most max.poll.records ids). */
    public static Set<String> processedAmong(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(getEntityManager()
                .createQuery("select p.eventId from ProcessedEvent p where p.eventId in :ids", String.class)
                .setParameter("ids", eventIds).getResultList());
    }
}
