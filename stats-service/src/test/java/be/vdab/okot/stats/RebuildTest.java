package be.vdab.okot.stats;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractCancelled;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.enrolment.CostKind;
import be.vdab.okot.events.enrolment.CostRecorded;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.stats.persistence.ContractEndFact;
import be.vdab.okot.stats.persistence.FactStores;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import be.vdab.okot.stats.events.StoreRebuild;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * POST /stats/rebuild applies the whole event log again into the store that is not active and swaps it in:
 * a fact damaged in the active store comes back as the events say it, events published during the rebuild
 * are counted once, and the figures answer all along, never below what they said before. A second rebuild
 * goes back to the first store. Before any rebuild the status is a 404; of many starts at once, one runs.
 * Only this class starts rebuilds, and its first test runs first (the status is the service run's).
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class RebuildTest {

    private static final int YEAR = 2005;
    private static final int PERSONS = 30;
    private static final int FOLD_YEAR = 2006;
    private static final int BETWEEN_YEAR = 2007;
    private static final TrainingYearRef BETWEEN = new TrainingYearRef("tko-between", "tko-between-1", "TKO between", 1,
            true, "TKO", "HORECA", "OKOT");
    /** Persons published while a rebuild runs. */
    private static final int DURING = 12;
    private static final TrainingYearRef TKO = new TrainingYearRef("tko-rebuild", "tko-rebuild-1", "TKO rebuild", 1, true,
            "TKO", "HORECA", "OKOT");

    @Inject
    FactStores stores;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @TestHTTPResource("/stats/rebuild")
    URI rebuildUri;

    @Test
    @Order(1)
    void beforeAnyRebuildTheStatusIsANotFoundProblem() {
        given().auth().oauth2(TestTokens.admin()).get("/stats/rebuild")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("https://okot.vdab.be/problems/not-found"));
    }

    /** Eight admins ask for a rebuild at the same instant: exactly one starts, the others are told it runs. */
    @Test
    @Order(2)
    void ofManyStartsAtOnceOneRunsAndTheOthersConflict() throws Exception {
        int requests = 8;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest post = HttpRequest.newBuilder(rebuildUri).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + TestTokens.admin()).header("Accept", "application/json").build();
        CountDownLatch ready = new CountDownLatch(requests);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        List<HttpResponse<String>> responses = new ArrayList<>();
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                sent.add(clients.submit(() -> {
                    ready.countDown();
                    go.await();
                    return http.send(post, HttpResponse.BodyHandlers.ofString());
                }));
            }
            ready.await();
            go.countDown();
            for (Future<HttpResponse<String>> response : sent) {
                responses.add(response.get());
            }
        } finally {
            clients.shutdownNow();
        }

        List<HttpResponse<String>> accepted = responses.stream().filter(response -> response.statusCode() == 202).toList();
        List<HttpResponse<String>> refused = responses.stream().filter(response -> response.statusCode() != 202).toList();
        assertThat(accepted).as("accepted starts").hasSize(1);
        assertThat(refused).hasSize(requests - 1).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            JsonPath problem = JsonPath.from(response.body());
            assertThat(problem.getInt("status")).isEqualTo(409);
            assertThat(problem.getString("type")).isEqualTo("https://okot.vdab.be/problems/rebuild-running");
        });
        String id = JsonPath.from(accepted.get(0).body()).getString("id");
        assertThat(awaitSwapped(id).getString("id")).isEqualTo(id);
    }

    @Test
    void aRebuildRestoresTheFactsFromTheLogAndSwapsInWithoutAGapInAnswers() throws Exception {
        List<String> contracts = new ArrayList<>();
        for (int i = 0; i < PERSONS; i++) {
            contracts.add(diplomaOf(new PersonProfile(id(), LocalDate.of(1990, 1, 1).plusDays(i), i % 2 == 0 ? Gender.M : Gender.V)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> total("diplomas") == PERSONS);
        String first = stores.active();

        // a stored end is lost, as after a bad manual fix: the facts no longer say what the log says
        QuarkusTransaction.requiringNew().run(() -> ContractEndFact.deleteById(contracts.get(0)));
        given().auth().oauth2(TestTokens.analyst()).get("/stats/reconciliation").then().body("consistent", equalTo(false));

        ConcurrentLinkedQueue<String> wrongAnswers = new ConcurrentLinkedQueue<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                try {
                    long starts = total("starts");
                    if (starts < PERSONS) {
                        wrongAnswers.add(starts + " starts");
                    }
                } catch (Throwable e) { // a 5xx, a refused connection: a gap in answers
                    wrongAnswers.add(e.toString());
                }
            }
        });
        reader.start();
        try {
            JsonPath started = given().auth().oauth2(TestTokens.admin()).post("/stats/rebuild")
                    .then().statusCode(202).extract().jsonPath();
            given().auth().oauth2(TestTokens.admin()).post("/stats/rebuild")
                    .then().statusCode(409).contentType("application/problem+json");
            // published while the rebuild runs (persons of every pass, while any pass reads): counted once, in
            // whichever store answers
            for (int i = 0; i < DURING; i++) {
                diplomaOf(new PersonProfile(id(), LocalDate.of(1985, 5, 5).plusDays(i), Gender.X));
            }

            JsonPath swapped = awaitSwapped(started.getString("id"));
            assertThat(swapped.getString("store")).isNotEqualToIgnoringCase(first);
            assertThat(swapped.getLong("eventsTarget")).isGreaterThanOrEqualTo(2L * PERSONS);
            assertThat(swapped.getLong("eventsRead")).isGreaterThanOrEqualTo(swapped.getLong("eventsTarget"));
            assertThat(swapped.getInt("passes")).as("a fold in several passes over the log").isEqualTo(3);
            assertThat(stores.active()).isEqualTo(swapped.getString("store"));
            assertThat(storeFoundAfterARestart()).isEqualTo(swapped.getString("store"));
        } finally {
            reading.set(false);
            reader.join();
        }
        assertThat(wrongAnswers).isEmpty();

        await().atMost(Duration.ofSeconds(60)).until(() -> total("diplomas") == PERSONS + DURING);
        ContractEndFact restored = QuarkusTransaction.requiringNew().call(() -> ContractEndFact.findById(contracts.get(0)));
        assertThat(restored).isNotNull();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(TestTokens.analyst())
                .get("/stats/reconciliation").then().body("consistent", equalTo(true)));

        // and back into the first store, emptied first
        JsonPath again = given().auth().oauth2(TestTokens.admin()).post("/stats/rebuild").then().statusCode(202).extract().jsonPath();
        assertThat(awaitSwapped(again.getString("id")).getString("store")).isEqualToIgnoringCase(first);
        assertThat(total("diplomas")).isEqualTo(PERSONS + DURING);
        assertThat(total("starts")).isEqualTo(PERSONS + DURING);
    }

    /**
     * Events published while the fold is between two passes lie past the end offsets it read up to: no pass
     * folds them (their person may belong to a pass that is over), catching up applies them, each once.
     */
    @Test
    void eventsPublishedBetweenTwoPassesAreCountedOnce() throws Exception {
        BetweenPasses.reached = new CountDownLatch(1);
        BetweenPasses.release = new CountDownLatch(1);
        try {
            JsonPath started = given().auth().oauth2(TestTokens.admin()).post("/stats/rebuild").then().statusCode(202)
                    .extract().jsonPath();
            assertThat(BetweenPasses.reached.await(120, TimeUnit.SECONDS)).as("the first pass ended").isTrue();
            for (int i = 0; i < DURING; i++) {
                PersonProfile person = new PersonProfile(id(), LocalDate.of(1988, 8, 8).plusDays(i), Gender.M);
                publish(EventType.CONTRACT_STARTED, new ContractStarted(id(), id(), id(), person, BETWEEN, Province.VBR,
                        "CVO Leuven", LocalDate.of(BETWEEN_YEAR, 2, 1), LocalDate.of(BETWEEN_YEAR, 6, 30)));
            }
            BetweenPasses.release.countDown();
            assertThat(awaitSwapped(started.getString("id")).getInt("passes")).isGreaterThan(1);
        } finally {
            BetweenPasses.release.countDown();
            BetweenPasses.release = null;
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(TestTokens.analyst())
                .get("/stats/starts?year=" + BETWEEN_YEAR + "&training=tko-between-1").then().statusCode(200)
                .extract().jsonPath().getLong("total") == DURING);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(TestTokens.analyst())
                .get("/stats/reconciliation").then().body("consistent", equalTo(true)));
    }

    /** Holds a rebuild after its first pass while a test has armed it. */
    @ApplicationScoped
    public static class BetweenPasses {

        static volatile CountDownLatch reached;
        static volatile CountDownLatch release;

        void onPassFolded(@Observes StoreRebuild.PassFolded folded) throws InterruptedException {
            CountDownLatch held = release;
            if (folded.pass() == 1 && held != null) {
                reached.countDown();
                held.await(120, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The rebuild folds the log in memory by the consumer's own rules: a course end before its start, a higher
     * revision, a late lower one, an event id published twice with other content, a cancellation — the rebuilt
     * store answers exactly what the live consumer made of the same events.
     */
    @Test
    void aRebuildFoldsTheLogAsTheConsumerAppliedIt() {
        TrainingYearRef training = new TrainingYearRef("tko-fold", "tko-fold-1", "TKO fold", 1, true, "TKO", "HORECA", "OKOT");
        LocalDate start = LocalDate.of(FOLD_YEAR, 1, 10);
        LocalDate end = LocalDate.of(FOLD_YEAR, 6, 28);

        PersonProfile diploma = new PersonProfile(id(), LocalDate.of(1991, 3, 3), Gender.V);
        String contract = id();
        String cluster = id();
        String candidacy = id();
        String revisionTwo = id();
        publish(null, EventType.COURSE_ENDED, new CourseEnded(contract, candidacy, cluster, 1, diploma, training, Province.LIM,
                start, end, Result.STOPPED, StopReason.BY_CLIENT, false, null, null));
        publish(null, EventType.CONTRACT_STARTED, new ContractStarted(contract, candidacy, cluster, diploma, training,
                Province.LIM, "CVO Hasselt", start, end));
        publish(revisionTwo, EventType.COURSE_ENDED, new CourseEnded(contract, candidacy, cluster, 2, diploma, training,
                Province.LIM, start, end, Result.PASSED, null, false, null, null));
        // the same event id again with other content: applied never, live or rebuilt
        publish(revisionTwo, EventType.COURSE_ENDED, new CourseEnded(contract, candidacy, cluster, 3, diploma, training,
                Province.LIM, start, end, Result.STOPPED, StopReason.BY_CLIENT, false, null, null));
        publish(null, EventType.COURSE_ENDED, new CourseEnded(contract, candidacy, cluster, 1, diploma, training, Province.LIM,
                start, end, Result.STOPPED, StopReason.BY_CLIENT, false, null, null));

        PersonProfile stopped = new PersonProfile(id(), LocalDate.of(1970, 7, 7), Gender.M);
        String stoppedContract = id();
        publish(null, EventType.CONTRACT_STARTED, new ContractStarted(stoppedContract, id(), id(), stopped, training,
                Province.WVL, "CVO Brugge", start, end));
        publish(null, EventType.COURSE_ENDED, new CourseEnded(stoppedContract, id(), id(), 1, stopped, training,
                Province.WVL, start, LocalDate.of(FOLD_YEAR, 3, 1), Result.STOPPED, StopReason.BY_CLIENT, false, null, null));
        // the same person drops out again on the same training year: 2 drop-outs, 1 person (the persons measure)
        String stoppedAgain = id();
        String stoppedAgainCluster = id();
        publish(null, EventType.CONTRACT_STARTED, new ContractStarted(stoppedAgain, id(), stoppedAgainCluster, stopped, training,
                Province.WVL, "CVO Brugge", LocalDate.of(FOLD_YEAR, 3, 15), end));
        publish(null, EventType.COURSE_ENDED, new CourseEnded(stoppedAgain, id(), stoppedAgainCluster, 1, stopped, training,
                Province.WVL, LocalDate.of(FOLD_YEAR, 3, 15), LocalDate.of(FOLD_YEAR, 5, 2), Result.FAILED, null, false, null, null));

        PersonProfile mistaken = new PersonProfile(id(), LocalDate.of(1980, 8, 8), Gender.X);
        String mistakenContract = id();
        String mistakenCandidacy = id();
        String mistakenCluster = id();
        publish(null, EventType.CONTRACT_CANCELLED, new ContractCancelled(mistakenContract, mistakenCandidacy, mistakenCluster,
                mistaken.personId(), java.time.Instant.now()));
        publish(null, EventType.CONTRACT_STARTED, new ContractStarted(mistakenContract, mistakenCandidacy, mistakenCluster,
                mistaken, training, Province.OVL, "CVO Gent", start, end));

        // F9: an entry, a correction, and an event id published again with other content (applied never)
        String costEvent = id();
        CostRecorded entry = new CostRecorded(id(), contract, candidacy, CostKind.STUDY_COSTS, new java.math.BigDecimal("100.00"),
                LocalDate.of(FOLD_YEAR, 2, 1), null, training, Province.LIM, diploma);
        publish(costEvent, EventType.COST_RECORDED, entry);
        publish(costEvent, EventType.COST_RECORDED, new CostRecorded(id(), contract, candidacy, CostKind.ADMINISTRATION,
                new java.math.BigDecimal("999.00"), LocalDate.of(FOLD_YEAR, 2, 1), null, training, Province.LIM, diploma));
        publish(null, EventType.COST_RECORDED, new CostRecorded(id(), contract, candidacy, CostKind.STUDY_COSTS,
                new java.math.BigDecimal("-40.00"), LocalDate.of(FOLD_YEAR, 3, 1), entry.costId(), training, Province.LIM, diploma));

        Map<String, String> live = new java.util.TreeMap<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            live.clear();
            for (String figure : List.of("starts", "diplomas", "dropouts", "spending")) {
                live.put(figure, foldAnswer(figure));
            }
            assertThat(live.get("starts")).startsWith("2 ");
            assertThat(live.get("diplomas")).startsWith("1 ");
            assertThat(live.get("dropouts")).startsWith("2 persons 1 ").contains("value=2, persons=1");
            assertThat(live.get("spending")).startsWith("60.0");
        });

        JsonPath started = given().auth().oauth2(TestTokens.admin()).post("/stats/rebuild").then().statusCode(202).extract().jsonPath();
        awaitSwapped(started.getString("id"));
        for (String figure : live.keySet()) {
            assertThat(foldAnswer(figure)).as(figure).isEqualTo(live.get(figure));
        }
        given().auth().oauth2(TestTokens.analyst()).get("/stats/reconciliation").then().body("consistent", equalTo(true))
                // the persons measure is recounted from the log too (the person with two drop-outs counts once)
                .body("figures.find { it.figure == 'dropouts' && it.year == " + FOLD_YEAR + " && it.ending == 'persons' }.equal",
                        equalTo(true));
    }

    private static String foldAnswer(String figure) {
        JsonPath answer = given().auth().oauth2(TestTokens.analyst())
                .get("/stats/" + figure + "?year=" + FOLD_YEAR + "&training=tko-fold-1&by="
                        + (figure.equals("spending") ? "kind,province" : "gender,province"))
                .then().statusCode(200).extract().jsonPath();
        return answer.getString("total") + (answer.get("persons") == null ? "" : " persons " + answer.getString("persons"))
                + " " + answer.getList("rows");
    }

    /** The store a restarted service puts its connections on: what the registry says, read afresh. */
    private String storeFoundAfterARestart() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            new FactStores().onConnectionAcquire(connection);
            return connection.getSchema();
        }
    }

    @Test
    void onlyAnAdminRebuilds() {
        given().auth().oauth2(TestTokens.analyst()).post("/stats/rebuild").then().statusCode(403);
        given().auth().oauth2(TestTokens.counsellor()).get("/stats/rebuild").then().statusCode(403);
    }

    private static JsonPath awaitSwapped(String id) {
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            JsonPath status = given().auth().oauth2(TestTokens.admin()).get("/stats/rebuild").then().statusCode(200)
                    .body("id", equalTo(id)).extract().jsonPath();
            assertThat(status.getString("state")).isNotEqualTo("FAILED");
            return "SWAPPED".equals(status.getString("state"));
        });
        return given().auth().oauth2(TestTokens.admin()).get("/stats/rebuild").then().extract().jsonPath();
    }

    private static long total(String figure) {
        return given().auth().oauth2(TestTokens.analyst()).get("/stats/" + figure + "?year=" + YEAR + "&training=tko-rebuild-1")
                .then().statusCode(200).extract().jsonPath().getLong("total");
    }

    /** A contract of the person that starts in September before YEAR and ends with a diploma in June of YEAR. */
    private static String diplomaOf(PersonProfile person) {
        String contract = id();
        String cluster = id();
        LocalDate start = LocalDate.of(YEAR, 1, 10);
        LocalDate end = LocalDate.of(YEAR, 6, 28);
        publish(EventType.CONTRACT_STARTED, new ContractStarted(contract, id(), cluster, person, TKO, Province.ANT,
                "CVO Antwerpen", start, end));
        publish(EventType.COURSE_ENDED, new CourseEnded(contract, id(), cluster, 1, person, TKO, Province.ANT, start, end,
                Result.PASSED, null, false, null, null));
        return contract;
    }

    private static void publish(EventType type, OkotEvent event) {
        publish(null, type, event);
    }

    /** Publishes under this event id (a new one when null), as an outbox relay would. */
    private static void publish(String eventId, EventType type, OkotEvent event) {
        new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).send(type.topic(), event.subject(), EventJson.write(event),
                KafkaTestClient.cloudEventHeaders(eventId, type.ceType(), event.subject()));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
