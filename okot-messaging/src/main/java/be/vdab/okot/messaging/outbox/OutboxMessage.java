package be.vdab.okot.messaging.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** An event waiting in the outbox until the broker has acknowledged it. */
@Entity
@Table(name = "okot_outbox")
public class OutboxMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "okot_outbox_seq")
    @SequenceGenerator(name = "okot_outbox_seq", sequenceName = "okot_outbox_seq", allocationSize = 50)
    public Long id;

    @Column(name = "event_id", nullable = false, unique = true, length = 64)
    public String eventId;

    @Column(name = "event_type", nullable = false, length = 100)
    public String eventType;

    @Column(nullable = false, length = 200)
    public String topic;

    @Column(name = "message_key", nullable = false, length = 200)
    public String messageKey;

    @Column(nullable = false, length = 1_000_000)
    public String payload;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** The oldest unpublished messages, in the order they were written. */
    public static List<OutboxMessage> nextUnpublished(int limit) {
        return find("publishedAt is null order by id").page(0, limit).list();
    }

    public static long backlog() {
        return count("publishedAt is null");
    }

    /** The oldest row not yet acknowledged by Kafka, if any. */
    public static java.util.Optional<OutboxMessage> oldestUnpublished() {
        return find("publishedAt is null order by id").firstResultOptional();
    }

    public static int markPublished(List<Long> ids, Instant publishedAt) {
        return ids.isEmpty() ? 0 : update("publishedAt = ?1 where id in ?2", publishedAt, ids);
    }
}
