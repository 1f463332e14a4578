package be.vdab.okot.intake.notification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The delivery of one notification to the OCMW's webhook: pending (with its next attempt), delivered or failed
 * (given up: after a day of retries, at once when the destination is refused or the webhook removed).
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    public enum Status { PENDING, DELIVERED, FAILED }

    @Id
    @Column(name = "notification_id", length = 36)
    public String notificationId;

    @Column(name = "ocmw_id", nullable = false)
    public String ocmwId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    /** What the last attempt came to; null before the first. Never raw error text (see {@link DeliveryCategory}). */
    @Enumerated(EnumType.STRING)
    @Column(name = "last_category", length = 30)
    public DeliveryCategory lastCategory;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
