package be.vdab.okot.intake;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.intake.notification.NotificationDispatcher;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.asOcmw;
import static be.vdab.okot.intake.IntakeFixtures.ocmwCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.screening;
import static be.vdab.okot.intake.IntakeFixtures.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Seed 003's notifications to the social worker: inbox and signed webhook pushes that survive a receiver outage. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class OcmwNotificationsTest {

    private static final String SECRET = "a-long-shared-secret-of-the-ocmw";

    /** A real local HTTP receiver: refuses the first pushes (down for a while), then takes them. */
    private HttpServer receiver;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusalsLeft = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        IntakeFixtures.catalogue();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = refusalsLeft.getAndDecrement() > 0 ? 503 : 204;
            if (status == 204) {
                Map<String, String> delivery = new ConcurrentHashMap<>();
                delivery.put("body", body);
                delivery.put("id", exchange.getRequestHeaders().getFirst("X-OKOT-Notification-Id"));
                delivery.put("signature", exchange.getRequestHeaders().getFirst("X-OKOT-Signature"));
                received.add(delivery);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void aClientsStepsReachTheInboxAndTheWebhookInOrderSignedAndOnceEach() {
        String ocmw = "ocmw-" + UUID.randomUUID().toString().substring(0, 8);
        refusalsLeft.set(3);
        asOcmw(ocmw).body("{ \"url\": \"http://127.0.0.1:%d/hook\", \"secret\": \"%s\" }"
                        .formatted(receiver.getAddress().getPort(), SECRET))
                .when().put("/ocmw/{ocmw}/webhook", ocmw).then().statusCode(200);

        String id = submitted(ocmwCandidacy(LocalDate.of(1987, 7, 7), "tko-kinderzorg", ocmw));
        asOcmw(ocmw).body("{}").when().post("/candidacies/{id}/formal-agreement", id).then().statusCode(200);
        asCounsellor().body(screening("APPROVED")).when().post("/candidacies/{id}/screening", id).then().statusCode(200);
        String personId = asCounsellor().when().get("/candidacies/{id}", id).then().extract().path("personId");
        PersonProfile person = new PersonProfile(personId, LocalDate.of(1987, 7, 7), Gender.V);
        TrainingYearRef year = new TrainingYearRef("tko-kinderzorg", "tko-kinderzorg-1", "TKO kinderzorg", 1, true,
                "TKO", "ZORG", "OKOT");
        String contract = UUID.randomUUID().toString();
        String cluster = UUID.randomUUID().toString();
        LocalDate start = LocalDate.now().minusMonths(10);
        publish(EventType.CONTRACT_STARTED, new ContractStarted(contract, id, cluster, person, year, Province.OVL, "CVO",
                start, start.plusMonths(9)));
        publish(EventType.COURSE_ENDED, ended(contract, id, cluster, person, year, start, 1, CourseEnded.Result.FAILED));
        publish(EventType.COURSE_ENDED, ended(contract, id, cluster, person, year, start, 2, CourseEnded.Result.PASSED));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asOcmw(ocmw)
                .when().get("/ocmw/{ocmw}/notifications", ocmw).then().statusCode(200)
                .body("items.kind", equalTo(List.of("FORMAL_AGREEMENT_REQUESTED", "SCREENING_RESULT", "TRAINING_STARTED",
                        "TRAINING_ENDED", "TRAINING_ENDED")))
                .body("items.result", equalTo(java.util.Arrays.asList(null, null, null, "FAILED", "PASSED")))
                .body("items[1].decision", equalTo("APPROVED"))
                .body("items[1].probableLocation", equalTo("HOGENT Campus Schoonmeersen"))
                .body("items.delivery.status", everyItem(equalTo("DELIVERED")))
                .body("items.delivery.category", everyItem(equalTo("DELIVERED"))));

        assertThat(received).hasSize(5);
        assertThat(received).extracting(delivery -> delivery.get("id")).doesNotHaveDuplicates();
        for (Map<String, String> delivery : received) {
            assertThat(delivery.get("signature")).isEqualTo("sha256=" + NotificationDispatcher.sign(SECRET, delivery.get("body")));
            assertThat(delivery.get("body")).contains("\"candidacyId\":\"" + id + "\"")
                    .doesNotContain("Peeters", "insz", "an.peeters", personId);
        }
        // the receiver was down for the first pushes: they were retried, and the inbox says so
        asOcmw(ocmw).when().get("/ocmw/{ocmw}/notifications", ocmw).then().statusCode(200)
                .body("items.delivery.attempts.max()", org.hamcrest.Matchers.greaterThan(1));
        // api.md: own organisation only, so not a VDAB counsellor either
        asCounsellor().when().get("/ocmw/{ocmw}/notifications", ocmw).then().statusCode(403);
        asCounsellor().when().get("/ocmw/{ocmw}/webhook", ocmw).then().statusCode(403);
    }

    @Test
    void theInboxIsReadAfterACursorInPages() {
        String ocmw = "ocmw-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            submitted(ocmwCandidacy(LocalDate.of(1982, 2, 2 + i), "tko-zorgkundige", ocmw));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> asOcmw(ocmw).when().get("/ocmw/{ocmw}/notifications", ocmw)
                .then().body("items", hasSize(3)));

        String cursor = asOcmw(ocmw).queryParam("limit", 2).when().get("/ocmw/{ocmw}/notifications", ocmw)
                .then().statusCode(200).body("items", hasSize(2)).extract().path("nextCursor");
        String last = asOcmw(ocmw).queryParam("after", cursor).when().get("/ocmw/{ocmw}/notifications", ocmw)
                .then().statusCode(200).body("items", hasSize(1)).extract().path("nextCursor");
        asOcmw(ocmw).queryParam("after", last).when().get("/ocmw/{ocmw}/notifications", ocmw)
                .then().statusCode(200).body("items", hasSize(0)).body("nextCursor", equalTo(last));
        asOcmw(ocmw).queryParam("after", "yesterday").when().get("/ocmw/{ocmw}/notifications", ocmw).then().statusCode(400);
    }

    @Test
    void anotherOcmwGets403EverywhereAndABadWebhookIsRefused() {
        String ocmw = "ocmw-" + UUID.randomUUID().toString().substring(0, 8);
        String id = submitted(ocmwCandidacy(LocalDate.of(1981, 1, 1), "tko-zorgkundige", ocmw));
        asOcmw("ocmw-other").when().get("/ocmw/{ocmw}/notifications", ocmw).then().statusCode(403)
                .contentType("application/problem+json");
        asOcmw("ocmw-other").body("{ \"url\": \"https://x.example/hook\", \"secret\": \"%s\" }".formatted(SECRET))
                .when().put("/ocmw/{ocmw}/webhook", ocmw).then().statusCode(403);
        asOcmw("ocmw-other").when().get("/candidacies/{id}", id).then().statusCode(403);
        asOcmw("ocmw-other").body("{}").when().post("/candidacies/{id}/formal-agreement", id).then().statusCode(403);
        asCounsellor().body("{ \"url\": \"https://x.example/hook\", \"secret\": \"%s\" }".formatted(SECRET))
                .when().put("/ocmw/{ocmw}/webhook", ocmw).then().statusCode(403);

        for (String url : List.of("ftp://x.example/hook", "https://user:pw@x.example/hook", "/relative", "not a url")) {
            asOcmw(ocmw).body("{ \"url\": \"%s\", \"secret\": \"%s\" }".formatted(url, SECRET))
                    .when().put("/ocmw/{ocmw}/webhook", ocmw).then().statusCode(400).body("violations.field", hasItem("url"));
        }
        asOcmw(ocmw).body("{ \"url\": \"https://x.example/hook\", \"secret\": \"short\" }")
                .when().put("/ocmw/{ocmw}/webhook", ocmw).then().statusCode(400).body("violations.field", hasItem("secret"));
        asOcmw(ocmw).when().get("/ocmw/{ocmw}/webhook", ocmw).then().statusCode(404);
    }

    private static CourseEnded ended(String contract, String candidacy, String cluster, PersonProfile person,
                                     TrainingYearRef year, LocalDate start, int revision, CourseEnded.Result result) {
        return new CourseEnded(contract, candidacy, cluster, revision, person, year, Province.OVL, start,
                start.plusMonths(9), result, null, true,
                result == CourseEnded.Result.PASSED ? CourseEnded.Ending.POSITIVE : CourseEnded.Ending.NON_POSITIVE,
                start.plusMonths(12));
    }

    private static void publish(EventType type, OkotEvent event) {
        new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).send(type.topic(), event.subject(),
                EventJson.write(event), KafkaTestClient.cloudEventHeaders(null, type.ceType(), event.subject()));
    }
}
