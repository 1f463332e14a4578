package be.vdab.okot.stats.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The single row that says which event the figures reflect last. */
@Entity
@Table(name = "stats_watermark")
public class StatsWatermark extends PanacheEntityBase {

    static final int SINGLETON = 1;

    @Id
    public Integer id;

    @Column(name = "last_event_id", nullable = false)
    public String lastEventId;

    @Column(name = "last_event_type", nullable = false)
    public String lastEventType;

    @Column(name = "last_event_time")
    public Instant lastEventTime;

    @Column(name = "applied_at", nullable = false)
    public Instant appliedAt;

    public static StatsWatermark current() {
        return findById(SINGLETON);
    }

    /** The row for a store whose last applied event is this one (a rebuild writes it once, at the end). */
    public static StatsWatermark at(String eventId, String eventType, Instant eventTime) {
        StatsWatermark watermark = new StatsWatermark();
        watermark.id = SINGLETON;
        watermark.lastEventId = eventId;
        watermark.lastEventType = eventType;
        watermark.lastEventTime = eventTime;
        watermark.appliedAt = Instant.now();
        return watermark;
    }

    public static void advance(String eventId, String eventType, Instant eventTime) {
        StatsWatermark known = current();
        StatsWatermark watermark = known != null ? known : new StatsWatermark();
        watermark.id = SINGLETON;
        watermark.lastEventId = eventId;
        watermark.lastEventType = eventType;
        watermark.lastEventTime = eventTime;
        watermark.appliedAt = Instant.now();
        if (known == null) {
            watermark.persist();
        }
    }
}
