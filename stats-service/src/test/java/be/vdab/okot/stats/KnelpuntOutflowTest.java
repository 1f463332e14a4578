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
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.CourseEnded.Ending;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.events.outcome.OutflowRecorded;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * {@code GET /stats/knelpunt-outflow} (figures.md F7, question 315 answers 2–3), from the events the services publish
 * for module 4a/4b trainings: a module cluster closes on any end, year Y takes the clusters closed from 1 October Y-1
 * to 30 September Y, {@code stopped=true} keeps those whose training stopped, ages on the cluster's end, and module
 * trainings stay out of F1–F4. The years 2023–2025 are this test's alone.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class KnelpuntOutflowTest {

    private static final TrainingYearRef MODULE_4A = new TrainingYearRef("knelpunt-module-4a", "knelpunt-module-4a-1",
            "module 4a: beroepsgerichte doorstroomopleiding", 1, true, "MODULE", "KNELPUNT", "KNELPUNT_4A");
    private static final TrainingYearRef MODULE_4B = new TrainingYearRef("knelpunt-module-4b", "knelpunt-module-4b-1",
            "module 4b: beroepsgerichte opleiding", 1, true, "MODULE", "KNELPUNT", "KNELPUNT_4B");
    private static final TrainingYearRef OKOT = new TrainingYearRef("tko-kinderzorg", "tko-kinderzorg-1",
            "TKO Kinderzorg 1ste jaar", 1, true, "TKO", "ZORG", "OKOT");

    @Test
    void stoppersAndAllClosedModuleClustersOfTheOctoberToSeptemberYearByGenderAge3AndModule() {
        // 2024 = closed 1 October 2023 – 30 September 2024
        training(MODULE_4A, Gender.M, LocalDate.of(2000, 1, 1), LocalDate.of(2023, 10, 1),
                Result.STOPPED, StopReason.BY_CLIENT, true);                       // 23: -25
        training(MODULE_4B, Gender.V, LocalDate.of(1999, 11, 15), LocalDate.of(2024, 9, 30),
                Result.PASSED, null, false);                                       // 24 on the end, 25 when measured: -25
        training(MODULE_4B, Gender.M, LocalDate.of(1968, 1, 1), LocalDate.of(2024, 3, 15),
                Result.FAILED, null, true);                                        // 56: 55+
        Training corrected = training(MODULE_4A, Gender.V, LocalDate.of(1980, 6, 6), LocalDate.of(2024, 6, 28),
                Result.STOPPED, StopReason.OTHER, true);                           // 44: 25-54, passed after all (below)
        // outside 2024: closed the day before it starts, and the day after it ends (a stop to reorient closes a module)
        training(MODULE_4A, Gender.V, LocalDate.of(1985, 1, 1), LocalDate.of(2023, 9, 30),
                Result.STOPPED, StopReason.EMPLOYMENT, true);
        training(MODULE_4A, Gender.M, LocalDate.of(1985, 1, 1), LocalDate.of(2024, 10, 1),
                Result.STOPPED, StopReason.REORIENTATION, false);
        // ended but never measured, and a measured training that was cancelled: in no outflow
        Training unmeasured = started(MODULE_4B, Gender.M, LocalDate.of(1990, 1, 1), LocalDate.of(2023, 11, 6));
        ended(unmeasured, 1, LocalDate.of(2024, 2, 2), Result.STOPPED, StopReason.BY_CLIENT);
        Training cancelled = training(MODULE_4B, Gender.M, LocalDate.of(1990, 1, 1), LocalDate.of(2024, 1, 31),
                Result.STOPPED, StopReason.BY_CLIENT, true);
        publish(EventType.CONTRACT_CANCELLED, new ContractCancelled(cancelled.contract(), cancelled.candidacy(),
                cancelled.cluster(), cancelled.person().personId(), Instant.now()));
        ended(corrected, 2, LocalDate.of(2024, 6, 28), Result.PASSED, null);
        // an OKOT cluster of the same period counts in F4, not here
        training(OKOT, Gender.V, LocalDate.of(1990, 1, 1), LocalDate.of(2024, 5, 31), Result.FAILED, null, true);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> knelpuntOutflow(2024, null, false)
                .body("figure", equalTo("knelpunt-outflow")).body("unit", equalTo("clusters"))
                .body("total.closedClusters", equalTo(4)).body("total.atWork", equalTo(3))
                .body("total.rate", equalTo(75.0f)));
        knelpuntOutflow(2024, null, true).body("filters.stopped", equalTo("true"))
                .body("total.closedClusters", equalTo(1)).body("total.atWork", equalTo(1)).body("total.rate", equalTo(100.0f));
        knelpuntOutflow(2024, "gender", false)
                .body("rows.find { it.key == ['M'] }.closedClusters", equalTo(2))
                .body("rows.find { it.key == ['M'] }.atWork", equalTo(2))
                .body("rows.find { it.key == ['V'] }.closedClusters", equalTo(2))
                .body("rows.find { it.key == ['V'] }.rate", equalTo(50.0f));
        knelpuntOutflow(2024, "age3", false)
                .body("rows.find { it.label == ['-25 jaar'] }.closedClusters", equalTo(2))
                .body("rows.find { it.label == ['-25 jaar'] }.atWork", equalTo(1))
                .body("rows.find { it.label == ['25 tot en met 54 jaar'] }.closedClusters", equalTo(1))
                .body("rows.find { it.label == ['55 jaar en +'] }.closedClusters", equalTo(1));
        knelpuntOutflow(2024, "age3", true)
                .body("rows.size()", equalTo(1))
                .body("rows[0].label", equalTo(java.util.List.of("-25 jaar")))
                .body("rows[0].closedClusters", equalTo(1));
        knelpuntOutflow(2024, "module", false)
                .body("rows.find { it.key == ['4A'] }.closedClusters", equalTo(2))
                .body("rows.find { it.key == ['4B'] }.closedClusters", equalTo(2))
                .body("rows.find { it.key == ['4B'] }.atWork", equalTo(1))
                .body("rows.find { it.key == ['4B'] }.label[0]", equalTo("module 4b: beroepsgerichte opleiding"));
        knelpuntOutflow(2023, null, false).body("total.closedClusters", equalTo(1)).body("total.atWork", equalTo(1));
        knelpuntOutflow(2025, null, false).body("total.closedClusters", equalTo(1)).body("total.atWork", equalTo(0));
        knelpuntOutflow(2025, null, true).body("total.closedClusters", equalTo(1));
        // a date range selects by the measurement date, as F4: the stopper closed on 1 October 2023 is measured 1 January
        analyst().queryParam("from", "2024-01-01").queryParam("to", "2024-01-01").when().get("/stats/knelpunt-outflow")
                .then().statusCode(200).body("total.closedClusters", equalTo(1));

        // module trainings are in none of F1–F4; the OKOT cluster is in F4 and not in F7's outflow
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> analyst().queryParam("year", 2024)
                .queryParam("ending", "NON_POSITIVE").queryParam("sector", "ZORG").queryParam("course", OKOT.courseCode())
                .when().get("/stats/outflow").then().statusCode(200).body("total.closedClusters", equalTo(1)));
        for (String figure : new String[] {"starts", "diplomas", "dropouts"}) {
            for (int year : new int[] {2023, 2024}) {
                analyst().queryParam("year", year).queryParam("sector", "KNELPUNT").when().get("/stats/" + figure)
                        .then().statusCode(200).body("total", equalTo(0));
            }
        }
        for (String ending : new String[] {"POSITIVE", "NON_POSITIVE"}) {
            analyst().queryParam("year", 2024).queryParam("sector", "KNELPUNT").queryParam("ending", ending)
                    .when().get("/stats/outflow").then().statusCode(200).body("total.closedClusters", equalTo(0));
        }
        // the four knelpunt counts see the same trainings: in 2024 the unmeasured stop, the cancelled one is gone
        analyst().queryParam("year", 2024).queryParam("by", "module").when().get("/stats/knelpunt").then().statusCode(200)
                .body("rows.find { it.key == ['STOPPED_EARLY', '4B'] }.value", equalTo(1))
                .body("rows.find { it.key == ['FAILED', '4B'] }.value", equalTo(1))
                .body("rows.find { it.key == ['COMPLETED', '4A'] }.value", equalTo(1));
    }

    @Test
    void stoppedIsTrueOrLeftOutAndOnlyForKnelpuntOutflow() {
        analyst().queryParam("year", 2024).queryParam("stopped", "false").when().get("/stats/knelpunt-outflow")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("stopped"));
        analyst().queryParam("year", 2024).queryParam("stopped", "yes").when().get("/stats/knelpunt-outflow")
                .then().statusCode(400);
        analyst().queryParam("year", 2024).queryParam("stopped", "true").when().get("/stats/outflow")
                .then().statusCode(400).body("violations.message", hasItem(containsString("knelpunt-outflow")));
        analyst().queryParam("year", 2024).queryParam("by", "type").when().get("/stats/knelpunt-outflow")
                .then().statusCode(400).body("violations.message", hasItem(containsString("not a breakdown")));
        analyst().queryParam("year", 2024).queryParam("by", "gender").queryParam("stopped", "true")
                .header("Accept", "text/csv").when().get("/stats/knelpunt-outflow")
                .then().statusCode(200).body(containsString("closed_clusters,at_work,rate"));
    }

    private record Training(String contract, String candidacy, String cluster, PersonProfile person, TrainingYearRef training,
                            LocalDate start) {
    }

    /** A training that started 4 months before its end, ended so (revision 1) and was measured 3 months after it. */
    private static Training training(TrainingYearRef year, Gender gender, LocalDate birthDate, LocalDate end, Result result,
                                     StopReason reason, boolean atWork) {
        Training training = started(year, gender, birthDate, end.minusMonths(4));
        ended(training, 1, end, result, reason);
        Ending ending = result == Result.PASSED || reason == StopReason.EMPLOYMENT ? Ending.POSITIVE : Ending.NON_POSITIVE;
        publish(EventType.OUTFLOW_RECORDED, new OutflowRecorded(training.cluster(), training.candidacy(), training.person(),
                year, Province.WVL, end, ending, end.plusMonths(3), end.plusMonths(3), atWork));
        return training;
    }

    private static Training started(TrainingYearRef year, Gender gender, LocalDate birthDate, LocalDate start) {
        Training training = new Training(id(), id(), id(), new PersonProfile(id(), birthDate, gender), year, start);
        publish(EventType.CONTRACT_STARTED, new ContractStarted(training.contract(), training.candidacy(), training.cluster(),
                training.person(), year, Province.WVL, "VDAB", start, start.plusMonths(5)));
        return training;
    }

    private static void ended(Training training, int revision, LocalDate end, Result result, StopReason reason) {
        publish(EventType.COURSE_ENDED, new CourseEnded(training.contract(), training.candidacy(), training.cluster(), revision,
                training.person(), training.training(), Province.WVL, training.start(), end, result, reason, true, null, null));
    }

    private static void publish(EventType type, OkotEvent event) {
        new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).send(type.topic(), event.subject(),
                EventJson.write(event), KafkaTestClient.cloudEventHeaders(null, type.ceType(), event.subject()));
    }

    private static ValidatableResponse knelpuntOutflow(int year, String by, boolean stopped) {
        RequestSpecification request = analyst().queryParam("year", year);
        if (by != null) {
            request = request.queryParam("by", by);
        }
        if (stopped) {
            request = request.queryParam("stopped", "true");
        }
        return request.when().get("/stats/knelpunt-outflow").then().statusCode(200);
    }

    private static RequestSpecification analyst() {
        return given().auth().oauth2(TestTokens.analyst());
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
