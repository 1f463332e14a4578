package be.vdab.okot.intake.notification;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;

/** A notification as the inbox and the webhook show it: no personal data beyond what the OCMW has. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationView(
        String id,
        String cursor,
        String ocmwId,
        OcmwNotification.Kind kind,
        String candidacyId,
        Instant occurredAt,
        LocalDate occurredOn,
        String decision,
        LocalDate probableStartDate,
        String probableLocation,
        String trainingCode,
        String trainingName,
        String result,
        Integer revision,
        DeliveryView delivery) {

    /**
     * Where the push to the webhook stands: {@code status} PENDING (due at {@code nextAttemptAt}), DELIVERED or
     * FAILED (given up), and {@code category}, what the last attempt came to (absent before the first).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(WebhookDelivery.Status status, DeliveryCategory category, int attempts,
                               Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt) {
    }

    public static NotificationView of(OcmwNotification notification, WebhookDelivery delivery) {
        return new NotificationView(notification.id, notification.cursor == null ? null : notification.cursor.toString(),
                notification.ocmwId, notification.kind, notification.candidacyId, notification.createdAt,
                notification.occurredOn, notification.decision, notification.probableStartDate,
                notification.probableLocation, notification.trainingCode, notification.trainingName, notification.result,
                notification.revision, delivery == null ? null : new DeliveryView(delivery.status, delivery.lastCategory,
                delivery.attempts, delivery.lastAttemptAt, delivery.nextAttemptAt, delivery.deliveredAt));
    }
}
