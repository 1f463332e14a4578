package be.vdab.okot.stats;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.CourseEnded.Ending;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.OutflowRecorded;
import be.vdab.okot.stats.persistence.ContractEndFact;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import be.vdab.okot.stats.domain.Contribution;
import be.vdab.okot.stats.domain.Fact;
import be.vdab.okot.stats.domain.FigureKind;
import be.vdab.okot.stats.domain.LiveFigures;
import jakarta.inject.Inject;
import java.util.List;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

/**
 * GET /stats/reconciliation reads the event log from the beginning and checks the stored facts and
 * the figures against it: nothing differs after duplicates and a late older revision, and a
 * stored fact that no longer says what the events say is reported, with the figure it changes.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class ReconciliationTest {

    @Inject
    LiveFigures live;

    private static final int YEAR = 2002;
    private static final TrainingYearRef TKO = new TrainingYearRef("tko-kok", "tko-kok-1", "TKO kok", 1, true, "TKO",
            "HORECA", "OKOT");

    @Test
    void theFactsAndFiguresAgreeWithTheEventLogAndADamagedFactIsReported() {
        PersonProfile person = new PersonProfile(id(), LocalDate.of(1990, 4, 4), Gender.M);
        String contract = id();
        String cluster = id();
        LocalDate end = LocalDate.of(YEAR, 6, 28);
        publish(EventType.CONTRACT_STARTED, new ContractStarted(contract, id(), cluster, person, TKO, Province.LIM,
                "CVO Hasselt", end.minusMonths(9), end), null);
        // the first end, a correction, the correction again (a duplicate) and the first again, late
        CourseEnded failed = ended(person, contract, cluster, 1, end, Result.FAILED);
        CourseEnded passed = ended(person, contract, cluster, 2, end.plusMonths(2), Result.PASSED);
        Map<String, String> correctionHeaders = KafkaTestClient.cloudEventHeaders(null,
                EventType.COURSE_ENDED.ceType(), person.personId());
        publish(EventType.COURSE_ENDED, failed, null);
        publish(EventType.COURSE_ENDED, passed, correctionHeaders);
        publish(EventType.COURSE_ENDED, passed, correctionHeaders);
        publish(EventType.COURSE_ENDED, failed, null);
        publish(EventType.OUTFLOW_RECORDED, new OutflowRecorded(cluster, id(), person, TKO, Province.LIM,
                end.plusMonths(2), Ending.POSITIVE, end.plusMonths(5), end.plusMonths(5), true), null);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reconciliation()
                .body("consistent", equalTo(true))
                .body("eventsRead", greaterThan(5))
                .body("facts.find { it.kind == 'contract end' }.different", equalTo(0))
                .body("figures.find { it.figure == 'diplomas' && it.year == " + YEAR + " }.live", equalTo(1))
                .body("figures.find { it.figure == 'diplomas' && it.year == " + YEAR + " }.fromEvents", equalTo(1))
                .body("figures.find { it.figure == 'outflow' && it.year == " + YEAR + " && it.ending == 'POSITIVE' }.live",
                        equalTo("1 closed, 1 at work")));

        // the stored end loses its correction, as if an event had been applied wrongly
        QuarkusTransaction.requiringNew().run(() -> {
            ContractEndFact stored = ContractEndFact.findById(contract);
            stored.result = Result.FAILED;
        });
        try {
            reconciliation()
                    .body("consistent", equalTo(false))
                    .body("facts.find { it.kind == 'contract end' }.different", equalTo(1))
                    .body("facts.find { it.kind == 'contract end' }.examples", hasItem(containsString(contract)))
                    // the live aggregate still says what the events said: a recount of the facts differs from it
                    .body("aggregates.find { it.figure == 'diplomas' }.different", equalTo(1))
                    .body("aggregates.find { it.figure == 'diplomas' }.examples[0]", containsString("live 1, facts say 0"))
                    .body("aggregates.find { it.figure == 'dropouts' }.different", equalTo(1))
                    .body("figures.find { it.figure == 'diplomas' && it.year == " + YEAR + " }.equal", equalTo(true));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                ContractEndFact stored = ContractEndFact.findById(contract);
                stored.result = Result.PASSED;
            });
        }
        reconciliation().body("consistent", equalTo(true));
        given().auth().oauth2(TestTokens.counsellor()).when().get("/stats/reconciliation").then().statusCode(403);
    }

    /** A cell of the live aggregate that no fact backs (a lost retraction, a bug) is reported with its figure. */
    @Test
    void aDamagedAggregateIsReportedWithItsCell() {
        Fact diploma = new Fact(null, LocalDate.of(YEAR, 3, 1), LocalDate.of(1980, 3, 1), Gender.X, "TKO", Province.WVL,
                "tko-damaged-1", "TKO damaged", "tko-damaged", "HORECA", null, null, null, null, null, "OKOT");
        Contribution stray = new Contribution(FigureKind.DIPLOMAS, LocalDate.of(YEAR, 3, 15), diploma);
        live.cells().apply(List.of(), List.of(stray));
        try {
            reconciliation()
                    .body("consistent", equalTo(false))
                    .body("aggregates.find { it.figure == 'diplomas' }.different", equalTo(1))
                    .body("aggregates.find { it.figure == 'diplomas' }.examples[0]",
                            allOf(containsString(YEAR + "-03"), containsString("tko-damaged-1"), containsString("live 1, facts say 0")))
                    .body("aggregates.find { it.figure == 'starts' }.different", equalTo(0));
        } finally {
            live.cells().apply(List.of(stray), List.of());
        }
        reconciliation().body("aggregates.find { it.figure == 'diplomas' }.different", equalTo(0));
    }

    /**
     * A fact dated before the history window (here an event as a legacy producer could have sent it; the
     * writes refuse such dates) never makes the reconciliation fail, while a read of that year is a 400.
     */
    @Test
    void aDateOutsideTheHistoryWindowNeverBreaksTheReconciliationAndReadsNameTheWindow() {
        PersonProfile person = new PersonProfile(id(), LocalDate.of(1970, 4, 4), Gender.V);
        String contract = id();
        LocalDate start = LocalDate.of(1998, 9, 1); // the test profile's history starts 2000-01-01
        publish(EventType.CONTRACT_STARTED, new ContractStarted(contract, id(), id(), person, TKO, Province.LIM,
                "CVO Hasselt", start, start.plusMonths(9)), null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reconciliation()
                .body("figures.find { it.figure == 'starts' && it.year == 1998 }.fromEvents", equalTo(1))
                .body("figures.find { it.figure == 'starts' && it.year == 1998 }.equal", equalTo(true)));

        int beyondHorizon = LocalDate.now(java.time.ZoneId.of("Europe/Brussels")).getYear() + 3;
        for (String query : new String[] {"year=1998", "year=" + beyondHorizon, "from=1999-12-01&to=2000-03-01"}) {
            given().auth().oauth2(TestTokens.analyst()).when().get("/stats/starts?" + query)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].message", containsString("2000"));
        }
        given().auth().oauth2(TestTokens.analyst()).when().get("/stats/starts/evolution?fromYear=1999&toYear=2001")
                .then().statusCode(400).body("violations[0].field", equalTo("fromYear"));
        given().auth().oauth2(TestTokens.analyst()).when().get("/stats/starts?year=2000").then().statusCode(200);
    }

    private static CourseEnded ended(PersonProfile person, String contract, String cluster, int revision, LocalDate end,
                                     Result result) {
        return new CourseEnded(contract, id(), cluster, revision, person, TKO, Province.LIM, LocalDate.of(YEAR - 1, 9, 28),
                end, result, null, false, null, null);
    }

    private static void publish(EventType type, OkotEvent event, Map<String, String> headers) {
        new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).send(type.topic(), event.subject(),
                EventJson.write(event), headers != null ? headers
                        : KafkaTestClient.cloudEventHeaders(null, type.ceType(), event.subject()));
    }

    private static ValidatableResponse reconciliation() {
        return given().auth().oauth2(TestTokens.analyst()).when().get("/stats/reconciliation").then().statusCode(200);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
