package be.vdab.okot.intake.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Numbers new notifications for the inboxes (in one serial step, so a cursor never passes a row
 * committed later) and pushes them to the OCMWs' webhooks: signed with HMAC-SHA256, at least once,
 * retried with exponential back-off and jitter until the give-up time. All state is in the
 * database, so retries go on across restarts; receivers de-duplicate on the notification id.
 */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);
    public static final String SIGNATURE_HEADER = "X-OKOT-Signature";
    public static final String ID_HEADER = "X-OKOT-Notification-Id";

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "okot.ocmw.webhook.first-retry", defaultValue = "10s")
    Duration firstRetry;

    @ConfigProperty(name = "okot.ocmw.webhook.max-retry", defaultValue = "1h")
    Duration maxRetry;

    @ConfigProperty(name = "okot.ocmw.webhook.give-up-after", defaultValue = "P1D")
    Duration giveUpAfter;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Scheduled(every = "${okot.ocmw.dispatch-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void dispatch() {
        try {
            QuarkusTransaction.requiringNew().run(this::sequence);
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warnf("Notification dispatch failed, trying again at the next round: %s", e.toString());
        }
    }

    /** Gives committed, unnumbered notifications their inbox cursor, and a delivery where a webhook is set. */
    void sequence() {
        List<OcmwNotification> fresh = OcmwNotification.find("cursor is null order by createdAt, id").page(0, 500).list();
        // numbered after the highest cursor so far; a second instance doing the same at once fails on the
        // unique cursor and its transaction is retried at the next round
        long last = OcmwNotification.getEntityManager()
                .createQuery("select coalesce(max(n.cursor), 0) from OcmwNotification n", Long.class).getSingleResult();
        for (OcmwNotification notification : fresh) {
            notification.cursor = ++last;
            if (OcmwWebhook.findById(notification.ocmwId) != null) {
                WebhookDelivery delivery = new WebhookDelivery();
                delivery.notificationId = notification.id;
                delivery.ocmwId = notification.ocmwId;
                delivery.status = WebhookDelivery.Status.PENDING;
                delivery.nextAttemptAt = Instant.now();
                delivery.createdAt = Instant.now();
                delivery.persist();
            }
        }
    }

    private void deliverDue() {
        List<String> due = QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.<WebhookDelivery>find(
                        "status = ?1 and nextAttemptAt <= ?2 order by nextAttemptAt", WebhookDelivery.Status.PENDING,
                        Instant.now()).page(0, 50).list().stream().map(delivery -> delivery.notificationId).toList());
        for (String notificationId : due) {
            deliver(notificationId);
        }
    }

    private void deliver(String notificationId) {
        record Attempt(String url, String secret, String body) {
        }
        Attempt attempt = QuarkusTransaction.requiringNew().call(() -> {
            OcmwNotification notification = OcmwNotification.findById(notificationId);
            OcmwWebhook webhook = OcmwWebhook.findById(notification.ocmwId);
            return webhook == null ? null
                    : new Attempt(webhook.url, webhook.secret, json(NotificationView.of(notification, null)));
        });
        String error = attempt == null ? "no webhook configured any more" : post(notificationId, attempt.url(),
                attempt.secret(), attempt.body());
        QuarkusTransaction.requiringNew().run(() -> {
            WebhookDelivery delivery = WebhookDelivery.findById(notificationId);
            Instant now = Instant.now();
            delivery.attempts++;
            delivery.lastAttemptAt = now;
            if (error == null) {
                delivery.status = WebhookDelivery.Status.DELIVERED;
                delivery.deliveredAt = now;
                delivery.nextAttemptAt = null;
                delivery.lastError = null;
                return;
            }
            delivery.lastError = error.length() > 500 ? error.substring(0, 500) : error;
            Instant next = now.plus(backoff(delivery.attempts));
            if (next.isAfter(delivery.createdAt.plus(giveUpAfter))) {
                delivery.status = WebhookDelivery.Status.FAILED;
                delivery.nextAttemptAt = null;
                LOG.warnf("Gave up delivering notification %s to %s after %d attempts: %s", notificationId,
                        delivery.ocmwId, delivery.attempts, error);
            } else {
                delivery.nextAttemptAt = next;
            }
        });
    }

    /** @return null when the receiver accepted it (2xx), else why not */
    private String post(String notificationId, String url, String secret, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header(ID_HEADER, notificationId)
                    .header(SIGNATURE_HEADER, "sha256=" + sign(secret, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
        }
    }

    /** Exponential from the first retry, capped, with ±20 % jitter so retries of many notifications spread out. */
    Duration backoff(int attempts) {
        long millis = firstRetry.toMillis() << Math.min(attempts - 1, 20);
        millis = Math.min(millis, maxRetry.toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (millis * jitter));
    }

    /** Hex HMAC-SHA256 of the body with the OCMW's secret: the receiver recomputes it to trust the body. */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
