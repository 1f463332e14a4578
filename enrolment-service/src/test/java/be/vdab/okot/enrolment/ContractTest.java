package be.vdab.okot.enrolment;

import be.vdab.okot.enrolment.persistence.Contract;
import be.vdab.okot.enrolment.persistence.KnownCandidacy;
import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.ReferralKind;
import be.vdab.okot.events.Topics;
import be.vdab.okot.events.intake.CandidacySubmitted;
import be.vdab.okot.events.intake.ScreeningCompleted;
import be.vdab.okot.messaging.outbox.OutboxMessage;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Contracts per training year (domain step 4): only for approved candidacies, clusters, cancellation. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class ContractTest {

    static final String KLEUTER = "onderwijs-educatieve-bachelor-kleuteronderwijs";

    record Candidate(String candidacyId, String personId) {
    }

    @Test
    void anApprovedCandidacyGetsAContractPerTrainingYearInOneClusterAndEachStartIsPublished() {
        Candidate candidate = candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null);

        String first = asCounsellor().body(contract(candidate, "908001", "2020-09-21", "2021-06-30"))
                .when().post("/contracts").then().statusCode(201)
                .body("trainingYear", equalTo(1)).body("finalYear", equalTo(false))
                .body("courseCode", equalTo(KLEUTER)).body("createdBy", equalTo("counsellor-test"))
                .extract().path("clusterId");
        String second = asCounsellor().body(contract(candidate, "908002", "2021-09-20", "2022-06-30"))
                .when().post("/contracts").then().statusCode(201).extract().path("clusterId");
        assertThat(second).isEqualTo(first);

        List<ConsumerRecord<String, String>> events = new KafkaTestClient(KafkaBrokerResource.bootstrapServers())
                .awaitAtLeast(Topics.ENROLMENT, record -> candidate.personId().equals(record.key()), 2, Duration.ofSeconds(20));
        assertThat(events).hasSize(2).allSatisfy(event -> assertThat(KafkaTestClient.header(event, "ce_type"))
                .isEqualTo("okot.contract.started"));
        assertThat(events.get(0).value()).contains("\"trainingCode\":\"908001\"", "\"finalYear\":false",
                "\"type\":\"PBA\"", "\"sector\":\"ONDERWIJS\"", "\"programme\":\"OKOT\"", "\"birthDate\":\"1990-03-03\"",
                "\"gender\":\"V\"", "\"clusterId\":\"" + first + "\"", "\"startDate\":\"2020-09-21\"", "\"province\":\"ANT\"");

        asCounsellor().queryParam("candidacyId", candidate.candidacyId()).when().get("/contracts")
                .then().statusCode(200).body("total", equalTo(2)).body("items.trainingCode", equalTo(List.of("908001", "908002")));
    }

    @Test
    void aReorientationToAnotherCourseOpensANewCluster() {
        Candidate first = candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null);
        String firstCluster = asCounsellor().body(contract(first, "908001", "2020-09-21", "2021-01-31"))
                .when().post("/contracts").then().statusCode(201).extract().path("clusterId");
        Candidate reoriented = candidacy("pba-verpleegkunde", ScreeningCompleted.Decision.APPROVED, first.personId());

        asCounsellor().body(contract(reoriented, "pba-verpleegkunde-1", "2021-02-08", "2021-06-30"))
                .when().post("/contracts").then().statusCode(201).body("clusterId", not(equalTo(firstCluster)));
    }

    @Test
    void refusesAContractForACandidacyThatIsNotApprovedHereAndChangesNothing() {
        Candidate rejected = candidacy(KLEUTER, ScreeningCompleted.Decision.REJECTED, null);
        refused(asCounsellor(), contract(rejected, "908001", "2020-09-21", "2021-06-30"), 409)
                .body("type", containsString("candidacy-not-approved"));
        refused(asCounsellor(), contract(new Candidate(UUID.randomUUID().toString(), "p"), "908001",
                "2020-09-21", "2021-06-30"), 409).body("type", containsString("candidacy-unknown"));
        Candidate waiting = candidacy(KLEUTER, null, null);
        refused(asCounsellor(), contract(waiting, "908001", "2020-09-21", "2021-06-30"), 409);
    }

    @Test
    void refusesTrainingYearsOfAnotherCourseOverlapsAndInsaneDates() {
        Candidate candidate = candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null);
        refused(asCounsellor(), contract(candidate, "908011", "2020-09-21", "2021-06-30"), 422)
                .body("violations.field", hasItem("trainingCode"));
        refused(asCounsellor(), contract(candidate, "999999", "2020-09-21", "2021-06-30"), 422);
        refused(asCounsellor(), contract(candidate, "908001", "2021-06-30", "2020-09-21"), 400)
                .body("violations.field", hasItem("plannedEndDate"));
        refused(asCounsellor(), contract(candidate, "908001", "2020-09-21", "2023-06-30"), 400);
        refused(asCounsellor(), contract(candidate, "908001", "2020-05-01", "2020-12-31"), 400)
                .body("violations.field", hasItem("startDate"));
        refused(asCounsellor(), contract(candidate, "908001", "2020-09-21", "2021-06-30").replace("\"ANT\"", "\"XYZ\""), 400);
        refused(asCounsellor(), "{}", 400).body("violations.field", hasItem("candidacyId"));
        // beyond the platform's history window (okot.history.horizon-years after this Brussels year)
        int beyondHorizon = LocalDate.now(java.time.ZoneId.of("Europe/Brussels")).getYear() + 3;
        refused(asCounsellor(), contract(candidate, "908001", beyondHorizon + "-01-10", beyondHorizon + "-06-30"), 400)
                .body("violations.field", hasItem("startDate")).body("violations.field", hasItem("plannedEndDate"));

        asCounsellor().body(contract(candidate, "908001", "2020-09-21", "2021-06-30")).when().post("/contracts")
                .then().statusCode(201);
        refused(asCounsellor(), contract(candidate, "908002", "2021-06-01", "2022-06-30"), 409)
                .body("type", containsString("contracts-overlap"));
        refused(asAdmin(), contract(candidate, "908002", "2021-09-01", "2022-06-30"), 403);
        refused(given().contentType(ContentType.JSON), contract(candidate, "908002", "2021-09-01", "2022-06-30"), 401);
    }

    @Test
    void aCancelledContractIsPublishedOnceAndFreesItsPeriod() {
        Candidate candidate = candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null);
        String id = asCounsellor().body(contract(candidate, "908001", "2020-09-21", "2021-06-30"))
                .when().post("/contracts").then().statusCode(201).extract().path("id");

        asCounsellor().when().post("/contracts/{id}/cancellation", id).then().statusCode(200)
                .body("cancelled", equalTo(true));
        long events = outboxEvents();
        asCounsellor().when().post("/contracts/{id}/cancellation", id).then().statusCode(409)
                .contentType("application/problem+json");
        asCounsellor().when().post("/contracts/{id}/cancellation", "no-such-contract").then().statusCode(404);
        assertThat(outboxEvents()).isEqualTo(events);
        asCounsellor().body(contract(candidate, "908001", "2020-10-01", "2021-06-30")).when().post("/contracts")
                .then().statusCode(201);

        List<ConsumerRecord<String, String>> published = new KafkaTestClient(KafkaBrokerResource.bootstrapServers())
                .await(Topics.ENROLMENT, record -> candidate.personId().equals(record.key())
                        && "okot.contract.cancelled".equals(KafkaTestClient.header(record, "ce_type")), Duration.ofSeconds(20));
        assertThat(published).hasSize(1);
        assertThat(published.get(0).value()).contains("\"contractId\":\"" + id + "\"");
    }

    /** A candidacy as intake-service publishes it, screened with the decision (null: not screened yet). */
    static Candidate candidacy(String courseCode, ScreeningCompleted.Decision decision, String personId) {
        String candidacyId = UUID.randomUUID().toString();
        PersonProfile person = new PersonProfile(personId != null ? personId : UUID.randomUUID().toString(),
                LocalDate.of(1990, 3, 3), Gender.V);
        publish(new CandidacySubmitted(candidacyId, person, LocalDate.of(2020, 3, 2), Instant.now(), courseCode,
                Province.ANT, ReferralKind.SELF, null, "AWAITING_SCREENING"));
        if (decision != null) {
            publish(new ScreeningCompleted(candidacyId, person, courseCode, Province.ANT, ReferralKind.SELF, null,
                    decision, LocalDate.of(2020, 6, 1), LocalDate.of(2020, 9, 14), "KdG"));
        }
        KnownCandidacy.Status expected = decision == null ? KnownCandidacy.Status.AWAITING_SCREENING
                : decision == ScreeningCompleted.Decision.APPROVED ? KnownCandidacy.Status.APPROVED : KnownCandidacy.Status.REJECTED;
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            KnownCandidacy known = KnownCandidacy.findById(candidacyId);
            return known != null && known.status == expected;
        }));
        return new Candidate(candidacyId, person.personId());
    }

    private static void publish(OkotEvent event) {
        String type = event instanceof CandidacySubmitted ? "okot.candidacy.submitted" : "okot.screening.completed";
        new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).send(Topics.INTAKE, event.subject(),
                EventJson.write(event), KafkaTestClient.cloudEventHeaders(null, type, event.subject()));
    }

    static String contract(Candidate candidate, String trainingCode, String start, String plannedEnd) {
        return """
                { "candidacyId": "%s", "trainingCode": "%s", "province": "ANT", "school": "Karel de Grote Hogeschool",
                  "startDate": "%s", "plannedEndDate": "%s" }""".formatted(candidate.candidacyId(), trainingCode, start, plannedEnd);
    }

    private static ValidatableResponse refused(RequestSpecification request, String body, int status) {
        long events = outboxEvents();
        long contracts = QuarkusTransaction.requiringNew().call(() -> Contract.count());
        ValidatableResponse response = request.body(body).when().post("/contracts")
                .then().statusCode(status).contentType("application/problem+json");
        assertThat(outboxEvents()).isEqualTo(events);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Contract.count())).isEqualTo(contracts);
        return response;
    }

    private static long outboxEvents() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count());
    }

    static RequestSpecification asCounsellor() {
        return given().auth().oauth2(TestTokens.counsellor()).contentType(ContentType.JSON);
    }

    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }
}
