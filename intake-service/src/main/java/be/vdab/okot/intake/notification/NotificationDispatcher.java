package be.vdab.okot.intake.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Numbers new notifications for the inboxes (in one serial step, so a cursor never passes a row
 * committed later) and pushes them to the OCMWs' webhooks: signed with HMAC-SHA256, at least once,
 * retried with exponential back-off and jitter until the give-up time. All state is in the
 * database, so retries go on across restarts; receivers de-duplicate on the notification id. Each push goes
 * only to an address {@link WebhookDestinationPolicy} accepted right before it; the inbox learns a
 * {@link DeliveryCategory} of each attempt, never its error text.
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

    @ConfigProperty(name = "okot.ocmw.webhook.connect-timeout", defaultValue = "5s")
    Duration connectTimeout;

    @ConfigProperty(name = "okot.ocmw.webhook.response-timeout", defaultValue = "10s")
    Duration responseTimeout;

    @Inject
    WebhookDestinationPolicy destinations;

    @Inject
    Vertx vertx;

    /**
     * One connection per push (no keep-alive: a pooled connection would outlive the address check). Over https the
     * TLS engine gets the webhook's name as peer host: the JDK sends it as SNI and the certificate is verified
     * against it, although the connection goes to the checked address.
     */
    private HttpClient http;

    @PostConstruct
    void createClient() {
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setVerifyHost(true)
                .setMaxRedirects(0));
    }

    @PreDestroy
    void closeClient() {
        http.close();
    }

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
        record Attempt(String ocmwId, String url, String secret, String body) {
        }
        Attempt attempt = QuarkusTransaction.requiringNew().call(() -> {
            OcmwNotification notification = OcmwNotification.findById(notificationId);
            OcmwWebhook webhook = OcmwWebhook.findById(notification.ocmwId);
            return webhook == null ? null : new Attempt(notification.ocmwId, webhook.url, webhook.secret,
                    json(NotificationView.of(notification, null)));
        });
        DeliveryCategory category = attempt == null ? DeliveryCategory.NO_WEBHOOK
                : push(notificationId, attempt.ocmwId(), attempt.url(), attempt.secret(), attempt.body());
        QuarkusTransaction.requiringNew().run(() -> {
            WebhookDelivery delivery = WebhookDelivery.findById(notificationId);
            Instant now = Instant.now();
            delivery.attempts++;
            delivery.lastAttemptAt = now;
            delivery.lastCategory = category;
            if (category == DeliveryCategory.DELIVERED) {
                delivery.status = WebhookDelivery.Status.DELIVERED;
                delivery.deliveredAt = now;
                delivery.nextAttemptAt = null;
                return;
            }
            Instant next = now.plus(backoff(delivery.attempts));
            if (!category.retried() || next.isAfter(delivery.createdAt.plus(giveUpAfter))) {
                delivery.status = WebhookDelivery.Status.FAILED;
                delivery.nextAttemptAt = null;
                LOG.warnf("Gave up delivering notification %s to the webhook of %s after %d attempts: %s",
                        notificationId, delivery.ocmwId, delivery.attempts, category);
            } else {
                delivery.nextAttemptAt = next;
            }
        });
    }

    /**
     * Resolves the webhook's host once, checks every address against the destination policy and connects to
     * the checked address (the request keeps the name for its Host header, TLS SNI and certificate check), so
     * a name that resolves elsewhere since its registration (DNS rebinding) reaches nothing that is refused.
     */
    private DeliveryCategory push(String notificationId, String ocmwId, String url, String secret, String body) {
        WebhookDestinationPolicy.Destination destination;
        try {
            destination = destinations.check(url);
        } catch (WebhookDestinationPolicy.RefusedDestination e) {
            LOG.warnf("Refused to push notification %s to the webhook of %s: its URL %s", notificationId, ocmwId,
                    e.getMessage());
            return DeliveryCategory.DESTINATION_REFUSED;
        }
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(destination.port(), destination.address().getHostAddress()))
                .setHost(destination.host()).setPort(destination.port()).setSsl(destination.https())
                .setURI(destination.pathAndQuery()).setFollowRedirects(false)
                .setConnectTimeout(connectTimeout.toMillis()).setIdleTimeout(responseTimeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(ID_HEADER, notificationId)
                .putHeader(SIGNATURE_HEADER, "sha256=" + sign(secret, body));
        try {
            int status = http.request(request)
                    .compose(sending -> sending.send(Buffer.buffer(body)))
                    .map(HttpClientResponse::statusCode)
                    .toCompletionStage().toCompletableFuture()
                    .get(connectTimeout.plus(responseTimeout).toMillis(), TimeUnit.MILLISECONDS);
            return DeliveryCategory.ofStatus(status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryCategory.UNREACHABLE;
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.debugf("Pushing notification %s to the webhook of %s failed: %s", notificationId, ocmwId, cause);
            return timedOut(cause) ? DeliveryCategory.TIMEOUT : DeliveryCategory.UNREACHABLE;
        }
    }

    private static boolean timedOut(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof java.net.SocketTimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
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
