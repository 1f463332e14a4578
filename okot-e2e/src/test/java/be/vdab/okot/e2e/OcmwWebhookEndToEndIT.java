package be.vdab.okot.e2e;

import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.ServiceProcess;
import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook pushes that survive both sides going away: the OCMW's receiver is down while its clients
 * are registered, intake-service is restarted in between, and once the receiver is back every
 * notification arrives; repeated pushes carry the same id, so nothing visible is duplicated.
 */
class OcmwWebhookEndToEndIT {

    @Test
    void noNotificationIsLostOrVisiblyDuplicatedAcrossAReceiverOutageAndARestart() throws IOException {
        AtomicBoolean receiverUp = new AtomicBoolean(false);
        Set<String> notificationIds = ConcurrentHashMap.newKeySet();
        AtomicInteger pushes = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/okot", exchange -> {
            exchange.getRequestBody().readAllBytes();
            pushes.incrementAndGet();
            if (receiverUp.get()) {
                notificationIds.add(exchange.getRequestHeaders().getFirst("X-OKOT-Notification-Id"));
            }
            exchange.sendResponseHeaders(receiverUp.get() ? 200 : 503, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String ocmw = "ocmw-e2e-" + System.nanoTime();
            String socialWorker = RunningPlatform.get().tokens().issue("sw@" + ocmw, "ocmw", ocmw, Duration.ofHours(1));
            given().baseUri(RunningPlatform.url(Service.INTAKE)).auth().oauth2(socialWorker).contentType(ContentType.JSON)
                    .body("{ \"url\": \"http://127.0.0.1:%d/okot\", \"secret\": \"shared-secret-of-this-ocmw\" }"
                            .formatted(receiver.getAddress().getPort()))
                    .put("/ocmw/{ocmw}/webhook", ocmw).then().statusCode(200);

            int clients = 5;
            for (int i = 0; i < clients; i++) {
                Candidacies.submitNewOcmwClient(ocmw);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> pushes.get() >= clients);
            ServiceProcess intake = RunningPlatform.service(Service.INTAKE);
            intake.stop();
            intake.startAndAwaitReady(RunningPlatform.START_TIMEOUT);
            receiverUp.set(true);

            await().atMost(Duration.ofSeconds(60)).until(() -> notificationIds.size() == clients);
            List<String> statuses = given().baseUri(RunningPlatform.url(Service.INTAKE)).auth().oauth2(socialWorker)
                    .get("/ocmw/{ocmw}/notifications", ocmw).then().statusCode(200).extract().path("items.delivery.status");
            assertThat(statuses).hasSize(clients).containsOnly("DELIVERED");
            List<String> categories = given().baseUri(RunningPlatform.url(Service.INTAKE)).auth().oauth2(socialWorker)
                    .get("/ocmw/{ocmw}/notifications", ocmw).then().statusCode(200).extract().path("items.delivery.category");
            assertThat(categories).hasSize(clients).containsOnly("DELIVERED");
            assertThat(pushes.get()).as("refused pushes were repeated").isGreaterThan(clients);
        } finally {
            receiver.stop(0);
        }
    }
}
