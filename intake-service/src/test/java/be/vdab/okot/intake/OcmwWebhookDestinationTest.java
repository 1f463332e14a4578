package be.vdab.okot.intake;

import be.vdab.okot.intake.notification.OcmwWebhook;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static be.vdab.okot.intake.IntakeFixtures.asOcmw;
import static be.vdab.okot.intake.IntakeFixtures.ocmwCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Issue 12 item 4: an OCMW's webhook cannot reach the platform's own network. The tests allow only
 * 127.0.0.1 and ::1 ({@code %test.okot.ocmw.webhook.allowed-networks}); a receiver on 127.0.0.2 (loopback,
 * so nothing leaves the machine) stands in for every refused destination and counts the connections it gets.
 * Names resolve through {@link TestHostResolver}, never through DNS.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class OcmwWebhookDestinationTest {

    private static final String SECRET = "a-long-shared-secret-of-the-ocmw";

    @Inject
    TestHostResolver names;

    /** A non-allowed loopback address that counts every connection made to it. */
    private ServerSocket forbidden;
    private final AtomicInteger forbiddenConnections = new AtomicInteger();
    private Thread acceptor;

    @BeforeEach
    void start() throws IOException {
        IntakeFixtures.catalogue();
        forbidden = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"));
        acceptor = new Thread(() -> {
            while (!forbidden.isClosed()) {
                try (Socket ignored = forbidden.accept()) {
                    forbiddenConnections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "forbidden-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        forbidden.close();
        acceptor.join(2000);
    }

    @Test
    void aNonPublicDestinationIsRefusedAtRegistrationAndNothingIsStored() {
        String ocmw = ocmw();
        int port = forbidden.getLocalPort();
        names.map("rebound.okot.test", "127.0.0.2");
        names.map("mixed.okot.test", "127.0.0.2");
        for (String url : List.of("http://127.0.0.2:%d/hook", "http://2130706434:%d/hook", "http://2130706433:%d/hook",
                "http://0x7f000001:%d/hook", "http://0x7f000002:%d/hook", "http://0177.0.0.1:%d/hook", "http://127.1:%d/hook",
                "http://127.0.0.1.:%d/hook", "http://[::ffff:127.0.0.2]:%d/hook", "http://[::ffff:7f00:2]:%d/hook",
                "http://[::]:%d/hook", "http://0.0.0.0:%d/hook", "http://rebound.okot.test:%d/hook",
                "http://unknown.okot.test:%d/hook", "http://169.254.169.254:%d/latest/meta-data/",
                "http://10.0.0.1:%d/hook", "http://192.168.1.1:%d/hook", "http://[fe80::1]:%d/hook",
                "http://[fd00::1]:%d/hook", "http://224.0.0.1:%d/hook", "http://255.255.255.255:%d/hook")) {
            String body = asOcmw(ocmw).body("{ \"url\": \"%s\", \"secret\": \"%s\" }".formatted(url.formatted(port), SECRET))
                    .when().put("/ocmw/{ocmw}/webhook", ocmw).then().statusCode(400)
                    .contentType("application/problem+json").body("violations.field", contains("url"))
                    .extract().asString();
            assertThat(body).as(url).doesNotContain("127.0.0", "10.0.0.1", "Exception", "Unknown", "okot.test");
        }
        asOcmw(ocmw).when().get("/ocmw/{ocmw}/webhook", ocmw).then().statusCode(404);

        // a refused change keeps the webhook the OCMW had
        asOcmw(ocmw).body("{ \"url\": \"http://127.0.0.1:9/hook\", \"secret\": \"%s\" }".formatted(SECRET))
                .when().put("/ocmw/{ocmw}/webhook", ocmw).then().statusCode(200);
        asOcmw(ocmw).body("{ \"url\": \"http://127.0.0.2:%d/hook\", \"secret\": \"%s\" }".formatted(port, SECRET))
                .when().put("/ocmw/{ocmw}/webhook", ocmw).then().statusCode(400)
                .body("violations.message", hasItem("must resolve to public addresses only"));
        asOcmw(ocmw).when().get("/ocmw/{ocmw}/webhook", ocmw).then().statusCode(200)
                .body("url", equalTo("http://127.0.0.1:9/hook"));
        assertThat(forbiddenConnections).hasValue(0);
    }

    @Test
    void aWebhookStoredBeforeTheCheckGetsNoConnectionAndTheInboxShowsTheCategory() {
        String ocmw = ocmw();
        // as left by a version that did not check: a webhook on one of the platform's own addresses
        QuarkusTransaction.requiringNew().run(() -> {
            OcmwWebhook webhook = new OcmwWebhook();
            webhook.ocmwId = ocmw;
            webhook.url = "http://127.0.0.2:%d/hook".formatted(forbidden.getLocalPort());
            webhook.secret = SECRET;
            webhook.updatedAt = Instant.now();
            webhook.updatedBy = "before-the-fix";
            webhook.persist();
        });
        submitted(ocmwCandidacy(LocalDate.of(1983, 3, 3), "tko-zorgkundige", ocmw));

        awaitRefusedInInbox(ocmw);
        assertThat(forbiddenConnections).hasValue(0);
    }

    @Test
    void aNameThatResolvesElsewhereAfterRegistrationIsRefusedAtDelivery() {
        String ocmw = ocmw();
        String name = "rebinding-" + ocmw + ".okot.test";
        names.map(name, "127.0.0.1"); // allowed when registered
        asOcmw(ocmw).body("{ \"url\": \"http://%s:%d/hook\", \"secret\": \"%s\" }".formatted(name, forbidden.getLocalPort(), SECRET))
                .when().put("/ocmw/{ocmw}/webhook", ocmw).then().statusCode(200);
        names.map(name, "127.0.0.2"); // and then the name points elsewhere (DNS rebinding)
        submitted(ocmwCandidacy(LocalDate.of(1984, 4, 4), "tko-zorgkundige", ocmw));

        awaitRefusedInInbox(ocmw);
        assertThat(forbiddenConnections).hasValue(0);
    }

    @Test
    void aPushGoesToTheCheckedAddressUnderTheWebhooksName() throws IOException {
        String ocmw = ocmw();
        String name = "receiver-" + ocmw + ".okot.test"; // resolvable only by the test's table: the push uses its answer
        names.map(name, "127.0.0.1");
        List<String> hosts = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            int port = receiver.getAddress().getPort();
            asOcmw(ocmw).body("{ \"url\": \"http://%s:%d/hook\", \"secret\": \"%s\" }".formatted(name, port, SECRET))
                    .when().put("/ocmw/{ocmw}/webhook", ocmw).then().statusCode(200);
            submitted(ocmwCandidacy(LocalDate.of(1985, 5, 5), "tko-zorgkundige", ocmw));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asOcmw(ocmw)
                    .when().get("/ocmw/{ocmw}/notifications", ocmw).then().statusCode(200)
                    .body("items.delivery.status", contains("DELIVERED"))
                    .body("items.delivery.category", contains("DELIVERED")));
            assertThat(hosts).containsExactly(name + ":" + port);
        } finally {
            receiver.stop(0);
        }
    }

    /** Refused at once, not retried, and the inbox shows the category only: no address, port or error text. */
    private void awaitRefusedInInbox(String ocmw) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asOcmw(ocmw)
                .when().get("/ocmw/{ocmw}/notifications", ocmw).then().statusCode(200)
                .body("items.delivery.status", contains("FAILED"))
                .body("items.delivery.category", contains("DESTINATION_REFUSED"))
                .body("items.delivery.attempts", contains(1)));
        String inbox = asOcmw(ocmw).when().get("/ocmw/{ocmw}/notifications", ocmw).then().extract().asString();
        assertThat(inbox).doesNotContain("127.0.0", "okot.test", "Exception", "lastError");
    }

    private static String ocmw() {
        return "ocmw-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
