package be.vdab.okot.enrolment;

import be.vdab.okot.enrolment.ContractTest.Candidate;
import be.vdab.okot.enrolment.persistence.CostEntry;
import be.vdab.okot.events.Topics;
import be.vdab.okot.events.enrolment.CostKind;
import be.vdab.okot.events.intake.ScreeningCompleted;
import be.vdab.okot.messaging.outbox.OutboxMessage;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import be.vdab.okot.testing.Twins;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

import static be.vdab.okot.enrolment.ContractTest.KLEUTER;
import static be.vdab.okot.enrolment.ContractTest.asCounsellor;
import static be.vdab.okot.enrolment.ContractTest.candidacy;
import static be.vdab.okot.enrolment.ContractTest.contract;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * Money spent for a contract (api.md {@code POST /contracts/{id}/costs}, figures.md F9): entries and their
 * corrections over HTTP, the database's rules under parallel corrections, and the {@code okot.cost.recorded} event.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class CostTest {

    private static final int ROUNDS = 4;

    @Test
    void anEntryIsRecordedListedAndPublishedWithTheContractsTrainingAndPerson() {
        Candidate candidate = candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null);
        String contractId = newContract(candidate);

        Response created = asCounsellor().body(cost("STUDY_COSTS", "1250", "2020-10-05", null))
                .when().post("/contracts/{id}/costs", contractId);
        created.then().statusCode(201).body("kind", equalTo("STUDY_COSTS")).body("bookedOn", equalTo("2020-10-05"))
                .body("contractId", equalTo(contractId)).body("recordedBy", equalTo("counsellor-test"));
        String costId = created.path("id");
        assertThat(created.header("Location")).endsWith("/contracts/" + contractId + "/costs/" + costId);
        assertThat(created.asString()).contains("\"amount\":1250.00");
        asAdmin().body(cost("LEARNING_MATERIALS", "99.5", "2020-11-02", null))
                .when().post("/contracts/{id}/costs", contractId).then().statusCode(201);

        asCounsellor().when().get("/contracts/{id}/costs", contractId).then().statusCode(200)
                .body("total", equalTo(2)).body("items.kind", equalTo(List.of("STUDY_COSTS", "LEARNING_MATERIALS")));
        asCounsellor().when().get("/contracts/{id}/costs/{costId}", contractId, costId).then().statusCode(200)
                .body("id", equalTo(costId));
        asCounsellor().when().get("/contracts/{id}/costs", "no-such-contract").then().statusCode(404);
        given().auth().oauth2(TestTokens.analyst()).when().get("/contracts/{id}/costs", contractId).then().statusCode(403);

        List<ConsumerRecord<String, String>> events = new KafkaTestClient(KafkaBrokerResource.bootstrapServers())
                .awaitAtLeast(Topics.ENROLMENT, record -> candidate.personId().equals(record.key())
                        && "okot.cost.recorded".equals(KafkaTestClient.header(record, "ce_type")), 2, Duration.ofSeconds(20));
        assertThat(events).hasSize(2);
        assertThat(events.get(0).value()).contains("\"costId\":\"" + costId + "\"", "\"contractId\":\"" + contractId + "\"",
                "\"candidacyId\":\"" + candidate.candidacyId() + "\"", "\"kind\":\"STUDY_COSTS\"", "\"amount\":1250.00",
                "\"bookedOn\":\"2020-10-05\"", "\"programme\":\"OKOT\"", "\"type\":\"PBA\"", "\"sector\":\"ONDERWIJS\"",
                "\"courseCode\":\"" + KLEUTER + "\"", "\"province\":\"ANT\"", "\"birthDate\":\"1990-03-03\"", "\"gender\":\"V\"");
        assertThat(events.get(1).value()).contains("\"amount\":99.50");
    }

    @Test
    void correctionsSubtractButNeverTakeAnEntryBelowZero() {
        String contractId = newContract(candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null));
        String entry = record(contractId, cost("ADMINISTRATION", "100.00", "2020-10-05", null));

        String first = record(contractId, cost("ADMINISTRATION", "-60", "2020-11-05", entry));
        refused(contractId, cost("ADMINISTRATION", "-40.01", "2020-11-06", entry), 409)
                .body("type", containsString("correction-exceeds-entry"));
        record(contractId, cost("ADMINISTRATION", "-40", "2020-11-06", entry));
        refused(contractId, cost("ADMINISTRATION", "-0.01", "2020-11-07", entry), 409)
                .body("type", containsString("correction-exceeds-entry"));

        // a correction corrects an entry of this contract, of the same kind, and not another correction
        refused(contractId, cost("STUDY_COSTS", "-1", "2020-11-07", entry), 422)
                .body("type", containsString("correction-kind-differs"));
        // a correction is not booked before its entry: the year of a correction dated 2019 would spend a negative sum
        refused(contractId, cost("ADMINISTRATION", "-1", "2020-10-04", entry), 422)
                .body("type", containsString("correction-before-entry"))
                .body("violations.field", org.hamcrest.Matchers.hasItem("bookedOn"));
        refused(contractId, cost("ADMINISTRATION", "-1", "2019-12-31", entry), 422);
        refused(contractId, cost("ADMINISTRATION", "-1", "2020-11-07", "no-such-entry"), 422)
                .body("type", containsString("corrected-entry-unknown"));
        refused(contractId, cost("ADMINISTRATION", "-1", "2020-11-07", first), 422)
                .body("type", containsString("corrected-entry-unknown"));
        String other = newContract(candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null));
        record(other, cost("ADMINISTRATION", "500", "2020-10-05", null));
        refused(other, cost("ADMINISTRATION", "-1", "2020-11-07", entry), 422)
                .body("type", containsString("corrected-entry-unknown"));
        // the sign goes with corrects
        refused(contractId, cost("ADMINISTRATION", "5", "2020-11-07", entry), 400).body("violations.field", hasItems("amount"));
        refused(contractId, cost("ADMINISTRATION", "-5", "2020-11-07", null), 400).body("violations.field", hasItems("amount"));

        asCounsellor().when().get("/contracts/{id}/costs", contractId).then().statusCode(200).body("total", equalTo(3));
    }

    @Test
    void correctionsPostedTogetherNeverOvershootTheirEntry() {
        for (int round = 0; round < ROUNDS; round++) {
            String contractId = newContract(candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null));
            String entry = record(contractId, cost("STUDY_COSTS", "100.00", "2020-10-05", null));
            String correction = cost("STUDY_COSTS", "-30.00", "2020-11-05", entry);

            List<Response> answers = Twins.release(6, post(contractId, correction));

            assertThat(answers).extracting(Response::statusCode).as("round " + round).containsOnly(201, 409)
                    .filteredOn(status -> status == 201).hasSize(3);
            String what = "round " + round;
            answers.stream().filter(answer -> answer.statusCode() == 409).forEach(conflict ->
                    assertThat(conflict.asString()).as(what).contains("correction-exceeds-entry"));
            BigDecimal corrected = QuarkusTransaction.requiringNew().call(() -> CostEntry.correctionsOf(entry).stream()
                    .map(cost -> cost.amount).reduce(BigDecimal.ZERO, BigDecimal::add));
            assertThat(corrected).as("round " + round).isEqualByComparingTo("-90.00");
        }
    }

    @Test
    void badInputIsRefusedWithAProblemAndChangesNothing() {
        String contractId = newContract(candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null));
        String tomorrow = LocalDate.now(ZoneId.of("Europe/Brussels")).plusDays(1).toString();

        refused(contractId, "{}", 400).body("violations.field", hasItems("amount", "bookedOn", "kind"));
        refused(contractId, cost("STUDY_COSTS", "10.001", "2020-10-05", null), 400).body("violations.field", hasItems("amount"));
        refused(contractId, cost("STUDY_COSTS", "0", "2020-10-05", null), 400).body("violations.field", hasItems("amount"));
        refused(contractId, cost("STUDY_COSTS", "12345678901", "2020-10-05", null), 400).body("violations.field", hasItems("amount"));
        refused(contractId, cost("STUDY_COSTS", "10", tomorrow, null), 400).body("violations.field", hasItems("bookedOn"));
        refused(contractId, cost("STUDY_COSTS", "10", "1999-01-04", null), 400).body("violations.field", hasItems("bookedOn"));
        refused(contractId, cost("FOOD", "10", "2020-10-05", null), 400);
        refused(contractId, cost("STUDY_COSTS", "\"ten\"", "2020-10-05", null), 400);
        refused("no-such-contract", cost("STUDY_COSTS", "10", "2020-10-05", null), 404);
        refused(given().auth().oauth2(TestTokens.analyst()).contentType(ContentType.JSON), contractId,
                cost("STUDY_COSTS", "10", "2020-10-05", null), 403);
        refused(given().contentType(ContentType.JSON), contractId, cost("STUDY_COSTS", "10", "2020-10-05", null), 401);
    }

    @Test
    void aCancelledContractKeepsItsCostsAndTakesCorrectionsOnly() {
        String contractId = newContract(candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null));
        String entry = record(contractId, cost("REGISTRATION_FEE", "250", "2020-09-21", null));
        asCounsellor().when().post("/contracts/{id}/cancellation", contractId).then().statusCode(200);

        refused(contractId, cost("REGISTRATION_FEE", "10", "2020-10-05", null), 409)
                .body("type", containsString("contract-cancelled"));
        record(contractId, cost("REGISTRATION_FEE", "-250", "2020-10-05", entry));
        asCounsellor().when().get("/contracts/{id}/costs", contractId).then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void theSameKeyAndBodyRecordOnceAnotherBodyUnderItIsRefused() {
        String contractId = newContract(candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null));
        String body = cost("STUDY_COSTS", "1250.00", "2020-10-05", null);

        String first = asCounsellor().header("Idempotency-Key", "cost-1").body(body)
                .when().post("/contracts/{id}/costs", contractId).then().statusCode(201).extract().path("id");
        long events = outboxEvents();
        asCounsellor().header("Idempotency-Key", "cost-1").body(body)
                .when().post("/contracts/{id}/costs", contractId).then().statusCode(201).body("id", equalTo(first))
                .header("Location", endsWith("/costs/" + first));
        // the same amount written otherwise is the same request
        asCounsellor().header("Idempotency-Key", "cost-1").body(cost("STUDY_COSTS", "1250.0000", "2020-10-05", null))
                .when().post("/contracts/{id}/costs", contractId).then().statusCode(201).body("id", equalTo(first));
        asCounsellor().header("Idempotency-Key", "cost-1").body(cost("STUDY_COSTS", "1250", "2020-10-05", null))
                .when().post("/contracts/{id}/costs", contractId).then().statusCode(201).body("id", equalTo(first));
        asCounsellor().header("Idempotency-Key", "cost-1").body(cost("STUDY_COSTS", "1250.01", "2020-10-05", null))
                .when().post("/contracts/{id}/costs", contractId).then().statusCode(422);
        assertThat(outboxEvents()).isEqualTo(events);
        asCounsellor().when().get("/contracts/{id}/costs", contractId).then().body("total", equalTo(1));
    }

    /**
     * The database keeps the rules by itself (V4__cost_entries.sql), whatever code writes: the sign goes with
     * {@code corrects}, and a correction corrects an entry of the same contract and kind.
     */
    @Test
    void theDatabaseRefusesEntriesThatBreakTheSignOrCorrectAnotherContractOrKind() {
        String contractId = newContract(candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null));
        String other = newContract(candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null));
        String entry = record(contractId, cost("STUDY_COSTS", "100.00", "2020-10-05", null));

        assertThat(insert(contractId, CostKind.STUDY_COSTS, "-10.00", entry)).as("a correction").isTrue();
        assertThat(insert(contractId, CostKind.STUDY_COSTS, "-10.00", null)).as("negative, no corrects").isFalse();
        assertThat(insert(contractId, CostKind.STUDY_COSTS, "0.00", null)).as("zero").isFalse();
        assertThat(insert(contractId, CostKind.STUDY_COSTS, "10.00", entry)).as("positive correction").isFalse();
        assertThat(insert(contractId, CostKind.ADMINISTRATION, "-10.00", entry)).as("another kind").isFalse();
        assertThat(insert(other, CostKind.STUDY_COSTS, "-10.00", entry)).as("another contract").isFalse();
        assertThat(insert(contractId, CostKind.STUDY_COSTS, "-10.00", "no-such-entry")).as("unknown entry").isFalse();
    }

    /** Whether the database takes this row, written straight through the entity manager. */
    private static boolean insert(String contractId, CostKind kind, String amount, String corrects) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                CostEntry entry = new CostEntry();
                entry.id = java.util.UUID.randomUUID().toString();
                entry.contractId = contractId;
                entry.kind = kind;
                entry.amount = new BigDecimal(amount);
                entry.bookedOn = LocalDate.of(2020, 11, 1);
                entry.corrects = corrects;
                entry.recordedAt = java.time.Instant.now();
                entry.recordedBy = "test";
                entry.persistAndFlush();
            });
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    private static String newContract(Candidate candidate) {
        return asCounsellor().body(contract(candidate, "908001", "2020-09-21", "2021-06-30"))
                .when().post("/contracts").then().statusCode(201).extract().path("id");
    }

    static String cost(String kind, String amount, String bookedOn, String corrects) {
        return """
                { "kind": "%s", "amount": %s, "bookedOn": "%s"%s, "note": "test" }""".formatted(kind, amount, bookedOn,
                corrects == null ? "" : ", \"corrects\": \"" + corrects + "\"");
    }

    private static String record(String contractId, String body) {
        return asCounsellor().body(body).when().post("/contracts/{id}/costs", contractId).then().statusCode(201)
                .extract().path("id");
    }

    private static Callable<Response> post(String contractId, String body) {
        return () -> asCounsellor().body(body).when().post("/contracts/{id}/costs", contractId);
    }

    private static ValidatableResponse refused(String contractId, String body, int status) {
        return refused(asCounsellor(), contractId, body, status);
    }

    /** The request is refused with a problem and neither an entry nor an event is added. */
    private static ValidatableResponse refused(RequestSpecification request, String contractId, String body, int status) {
        long events = outboxEvents();
        long entries = QuarkusTransaction.requiringNew().call(() -> CostEntry.count());
        ValidatableResponse response = request.body(body).when().post("/contracts/{id}/costs", contractId)
                .then().statusCode(status).contentType("application/problem+json");
        assertThat(outboxEvents()).isEqualTo(events);
        assertThat(QuarkusTransaction.requiringNew().call(() -> CostEntry.count())).isEqualTo(entries);
        return response;
    }

    private static long outboxEvents() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count());
    }

    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }
}
