package be.vdab.okot.outcome;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.Topics;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractCancelled;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.messaging.outbox.OutboxMessage;
import be.vdab.okot.outcome.persistence.ContractFact;
import be.vdab.okot.testing.BulkImports;
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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Course ends with corrections, cluster closure and reopening, outflow due lists and measurements. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class OutcomeTest {

    record Started(String contractId, String clusterId, String personId, String candidacyId) {
    }

    @Test
    void everyEndCodeAndStopReasonClosesTheClusterOrNotAsF4Says() {
        assertEnd("PASSED", null, true, "closed", "POSITIVE");
        assertEnd("PASSED", null, false, "open", null);
        assertEnd("FAILED", null, false, "closed", "NON_POSITIVE");
        assertEnd("STOPPED", "BY_CLIENT", false, "closed", "NON_POSITIVE");
        assertEnd("STOPPED", "LONG_TERM_ILLNESS", false, "closed", "NON_POSITIVE");
        assertEnd("STOPPED", "UNSUITABILITY", false, "closed", "NON_POSITIVE");
        assertEnd("STOPPED", "EMPLOYMENT", false, "closed", "POSITIVE");
        assertEnd("STOPPED", "REORIENTATION", false, "open", null);
        assertEnd("STOPPED", "REGISTRATION_TECHNICAL", false, "open", null);
        assertEnd("STOPPED", "BY_VDAB", true, "closed", "NON_POSITIVE");
        assertEnd("STOPPED", "OTHER", true, "closed", "NON_POSITIVE");
    }

    private void assertEnd(String result, String reason, boolean finalYear, String cluster, String ending) {
        Started contract = started(finalYear, LocalDate.of(2020, 9, 1), null, null);
        asCounsellor().body(end("2021-06-30", result, reason)).when().put("/contracts/{id}/end", contract.contractId())
                .then().statusCode(200).body("revision", equalTo(1)).body("result", equalTo(result))
                .body("clusterId", equalTo(contract.clusterId()));
        List<ConsumerRecord<String, String>> events = new KafkaTestClient(KafkaBrokerResource.bootstrapServers())
                .await(Topics.OUTCOME, record -> contract.personId().equals(record.key()), Duration.ofSeconds(20));
        assertThat(events).hasSize(1);
        assertThat(KafkaTestClient.header(events.get(0), "ce_type")).isEqualTo("okot.course.ended");
        assertThat(events.get(0).value()).as(result + " " + reason + " final " + finalYear)
                .contains("\"clusterClosed\":" + cluster.equals("closed"), "\"revision\":1",
                        "\"candidacyId\":\"" + contract.candidacyId() + "\"", "\"birthDate\":\"1988-08-08\"")
                .contains(ending == null ? "\"result\":\"" + result + "\"" : "\"ending\":\"" + ending + "\"");
        if (ending != null) {
            assertThat(events.get(0).value()).contains("\"measurementDate\":\"2021-09-30\"");
        }
    }

    @Test
    void aCorrectionAddsARevisionKeepsTheHistoryAndTheSameEndAgainChangesNothing() {
        Started contract = started(true, LocalDate.of(2020, 9, 1), null, null);
        asCounsellor().body(end("2021-06-30", "FAILED", null)).when().put("/contracts/{id}/end", contract.contractId())
                .then().statusCode(200).body("revision", equalTo(1));
        long events = outboxEvents();
        asCounsellor().body(end("2021-06-30", "FAILED", null)).when().put("/contracts/{id}/end", contract.contractId())
                .then().statusCode(200).body("revision", equalTo(1));
        assertThat(outboxEvents()).isEqualTo(events);

        // passed after the second exam session
        asCounsellor().body(end("2021-09-10", "PASSED", null)).when().put("/contracts/{id}/end", contract.contractId())
                .then().statusCode(200).body("revision", equalTo(2)).body("result", equalTo("PASSED"));
        asCounsellor().when().get("/contracts/{id}/end", contract.contractId()).then().statusCode(200)
                .body("revision", equalTo(2))
                .body("history.result", equalTo(List.of("FAILED", "PASSED")))
                .body("history.revision", equalTo(List.of(1, 2)));
        // other tests' clusters fall due the same day: ask for one large page
        asCounsellor().queryParam("on", "2021-12-10").queryParam("size", 100).when().get("/outflow/due").then().statusCode(200)
                .body("items.find { it.clusterId == '" + contract.clusterId() + "' }.ending", equalTo("POSITIVE"))
                .body("items.find { it.clusterId == '" + contract.clusterId() + "' }.measurementDate", equalTo("2021-12-10"));
        // from= leaves out what was due before that day
        asCounsellor().queryParam("from", "2021-12-10").queryParam("on", "2021-12-10").queryParam("size", 100)
                .when().get("/outflow/due").then()
                .statusCode(200).body("items.clusterId", hasItem(contract.clusterId()))
                .body("items.measurementDate", everyItem(equalTo("2021-12-10")));
        asCounsellor().queryParam("from", "2021-12-11").queryParam("on", "2021-12-31").when().get("/outflow/due").then()
                .statusCode(200).body("items.clusterId", not(hasItem(contract.clusterId())));
        asCounsellor().queryParam("from", "2021-12-11").queryParam("on", "2021-12-10").when().get("/outflow/due").then()
                .statusCode(400).body("violations.field", hasItem("from"));
        // outside the history window, as every read (okot.history.start, the horizon)
        asCounsellor().queryParam("on", "1999-01-01").when().get("/outflow/due").then()
                .statusCode(400).body("violations.field", hasItem("on"));
        asCounsellor().queryParam("from", "1999-01-01").queryParam("on", "2021-12-31").when().get("/outflow/due").then()
                .statusCode(400).body("violations.field", hasItem("from"));
        asCounsellor().queryParam("on", "3000-01-01").when().get("/outflow/due").then()
                .statusCode(400).body("violations.field", hasItem("on"));
    }

    @Test
    void refusesEndsThatCannotBeAndChangesNothing() {
        Started contract = started(false, LocalDate.of(2020, 9, 1), null, null);
        refused(asCounsellor(), contract.contractId(), end("2020-08-31", "FAILED", null), 400)
                .body("violations.field", hasItem("endDate"));
        refused(asCounsellor(), contract.contractId(), end("2021-06-30", "STOPPED", null), 400)
                .body("violations.field", hasItem("stopReason"));
        refused(asCounsellor(), contract.contractId(), end("2021-06-30", "PASSED", "BY_CLIENT"), 400)
                .body("violations.field", hasItem("stopReason"));
        refused(asCounsellor(), contract.contractId(), end("2021-06-30", "STOPPED", "BORED"), 400)
                .body("violations.field", hasItem("stopReason"));
        refused(asCounsellor(), contract.contractId(), end(LocalDate.now().plusDays(3).toString(), "FAILED", null), 400);
        refused(asCounsellor(), contract.contractId(), "{}", 400);
        refused(asCounsellor(), UUID.randomUUID().toString(), end("2021-06-30", "FAILED", null), 409);
        refused(given().auth().oauth2(TestTokens.analyst()).contentType(ContentType.JSON), contract.contractId(),
                end("2021-06-30", "FAILED", null), 403);
        refused(given().contentType(ContentType.JSON), contract.contractId(), end("2021-06-30", "FAILED", null), 401);

        publish(new ContractCancelled(contract.contractId(), contract.candidacyId(), contract.clusterId(),
                contract.personId(), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ContractFact.<ContractFact>findById(contract.contractId()).cancelled));
        refused(asCounsellor(), contract.contractId(), end("2021-06-30", "FAILED", null), 404);
    }

    @Test
    void aLaterContractInTheClusterReopensItAndTakesItOffTheDueList() {
        Started first = started(false, LocalDate.of(2019, 9, 2), null, null);
        asCounsellor().body(end("2020-06-30", "FAILED", null)).when().put("/contracts/{id}/end", first.contractId())
                .then().statusCode(200);
        asCounsellor().queryParam("on", "2020-09-30").queryParam("size", 200).when().get("/outflow/due").then()
                .body("items.clusterId", hasItem(first.clusterId()));

        // the person repeats the year: the same cluster goes on
        Started repeat = started(false, LocalDate.of(2020, 9, 1), first.clusterId(), first);
        asCounsellor().queryParam("on", "2020-09-30").queryParam("size", 200).when().get("/outflow/due").then()
                .body("items.clusterId", not(hasItem(first.clusterId())));
        refusedOutflow(first.clusterId(), "{ \"measuredOn\": \"2020-10-01\", \"atWork\": true }", 409);

        asCounsellor().body(end("2021-06-30", "STOPPED", "EMPLOYMENT")).when().put("/contracts/{id}/end", repeat.contractId())
                .then().statusCode(200);
        asCounsellor().queryParam("on", "2021-09-30").queryParam("size", 200).when().get("/outflow/due").then()
                .body("items.find { it.clusterId == '" + first.clusterId() + "' }.clusterEnd", equalTo("2021-06-30"))
                .body("items.find { it.clusterId == '" + first.clusterId() + "' }.ending", equalTo("POSITIVE"));
    }

    @Test
    void theDueListStartsExactlyThreeMonthsAfterTheEndAndEndsWithTheMeasurement() {
        Started contract = started(true, LocalDate.of(2019, 12, 2), null, null);
        asCounsellor().body(end("2020-11-30", "PASSED", null)).when().put("/contracts/{id}/end", contract.contractId())
                .then().statusCode(200);

        asCounsellor().queryParam("on", "2021-02-27").queryParam("size", 200).when().get("/outflow/due").then()
                .statusCode(200).body("items.clusterId", not(hasItem(contract.clusterId())));
        asCounsellor().queryParam("on", "2021-02-28").queryParam("size", 200).when().get("/outflow/due").then()
                .statusCode(200).body("items.find { it.clusterId == '" + contract.clusterId() + "' }.measurementDate",
                        equalTo("2021-02-28"));

        asCounsellor().body("{ \"measuredOn\": \"2021-02-28\", \"atWork\": false }")
                .when().post("/clusters/{id}/outflow", contract.clusterId())
                .then().statusCode(200).body("atWork", equalTo(false));
        asCounsellor().queryParam("on", "2021-03-31").queryParam("size", 200).when().get("/outflow/due").then()
                .body("items.clusterId", not(hasItem(contract.clusterId())));
        // a second measurement replaces the first
        asCounsellor().body("{ \"measuredOn\": \"2021-03-05\", \"atWork\": true }")
                .when().post("/clusters/{id}/outflow", contract.clusterId())
                .then().statusCode(200).body("atWork", equalTo(true)).body("measuredOn", equalTo("2021-03-05"));
        List<ConsumerRecord<String, String>> events = new KafkaTestClient(KafkaBrokerResource.bootstrapServers())
                .awaitAtLeast(Topics.OUTCOME, record -> contract.personId().equals(record.key())
                        && "okot.outflow.recorded".equals(KafkaTestClient.header(record, "ce_type")), 2, Duration.ofSeconds(20));
        assertThat(events).hasSize(2);
        assertThat(events.get(1).value()).contains("\"atWork\":true", "\"ending\":\"POSITIVE\"", "\"clusterEnd\":\"2020-11-30\"",
                "\"measurementDate\":\"2021-02-28\"", "\"trainingCode\"");

        refusedOutflow(contract.clusterId(), "{ \"measuredOn\": \"2020-11-01\", \"atWork\": true }", 400);
        refusedOutflow(contract.clusterId(), "{ \"atWork\": true }", 400);
        refusedOutflow("no-such-cluster", "{ \"measuredOn\": \"2021-03-05\", \"atWork\": true }", 404);
    }

    @Test
    void aBulkOfMeasurementsIsAnsweredPerItemAndOneBadItemDoesNotSinkTheOthers() {
        Started closed = started(true, LocalDate.of(2019, 9, 2), null, null);
        asCounsellor().body(end("2020-06-30", "PASSED", null)).when().put("/contracts/{id}/end", closed.contractId())
                .then().statusCode(200);
        Started open = started(false, LocalDate.of(2019, 9, 2), null, null);

        asCounsellor().body("""
                [ { "clusterId": "%s", "measuredOn": "2020-09-30", "atWork": true },
                  { "clusterId": "%s", "measuredOn": "2020-09-30", "atWork": true },
                  { "clusterId": "no-such-cluster", "measuredOn": "2020-09-30", "atWork": false },
                  { "clusterId": "%s", "atWork": false },
                  { "measuredOn": "2020-09-30", "atWork": false } ]"""
                        .formatted(closed.clusterId(), open.clusterId(), closed.clusterId()))
                .when().post("/outflow/measurements")
                .then().statusCode(200)
                .body("accepted", equalTo(1)).body("refused", equalTo(4))
                .body("items.status", equalTo(List.of("ACCEPTED", "REFUSED", "REFUSED", "REFUSED", "REFUSED")))
                .body("items.httpStatus", equalTo(java.util.Arrays.asList(null, 409, 404, 400, 400)));
        asCounsellor().body("[]").when().post("/outflow/measurements").then().statusCode(400);
    }

    @Test
    void aRepeatedImportOfMeasurementsChangesNothingAndPublishesNothing() {
        Started first = started(true, LocalDate.of(2019, 9, 2), null, null);
        Started second = started(true, LocalDate.of(2019, 9, 2), null, null);
        for (Started contract : List.of(first, second)) {
            asCounsellor().body(end("2020-06-30", "PASSED", null)).when().put("/contracts/{id}/end", contract.contractId())
                    .then().statusCode(200);
        }
        String items = """
                [ { "clusterId": "%s", "measuredOn": "2020-09-30", "atWork": true },
                  { "clusterId": "%s", "measuredOn": "2020-09-30", "atWork": false } ]"""
                .formatted(first.clusterId(), second.clusterId());
        long before = outboxEvents();
        asCounsellor().body(items).when().post("/outflow/measurements").then().statusCode(200)
                .body("accepted", equalTo(2)).body("items.unchanged", equalTo(List.of(false, false)));
        assertThat(outboxEvents()).as("one event per new measurement").isEqualTo(before + 2);

        // the same import again (a counsellor who sends the file twice, without an Idempotency-Key)
        asCounsellor().body(items).when().post("/outflow/measurements").then().statusCode(200)
                .body("accepted", equalTo(2)).body("items.unchanged", equalTo(List.of(true, true)));
        // the single call too: the same measurement again is answered as it stands and publishes nothing
        asCounsellor().body("{ \"measuredOn\": \"2020-09-30\", \"atWork\": true }")
                .when().post("/clusters/{id}/outflow", first.clusterId()).then().statusCode(200).body("atWork", equalTo(true));
        assertThat(outboxEvents()).as("nothing published for measurements already recorded").isEqualTo(before + 2);

        // a different answer for one cluster replaces its measurement: one event, the other item unchanged
        asCounsellor().body(items.replaceFirst("\"atWork\": true", "\"atWork\": false")).when().post("/outflow/measurements")
                .then().statusCode(200).body("items.unchanged", equalTo(List.of(false, true)));
        assertThat(outboxEvents()).isEqualTo(before + 3);
        List<ConsumerRecord<String, String>> events = new KafkaTestClient(KafkaBrokerResource.bootstrapServers())
                .awaitAtLeast(Topics.OUTCOME, record -> first.personId().equals(record.key())
                        && "okot.outflow.recorded".equals(KafkaTestClient.header(record, "ce_type")), 2, Duration.ofSeconds(20));
        assertThat(events).extracting(ConsumerRecord::value).satisfiesExactly(
                value -> assertThat(value).contains("\"atWork\":true"), value -> assertThat(value).contains("\"atWork\":false"));

        BulkImports.assertRefusedWhole("/outflow/measurements",
                "{ \"clusterId\": \"%s\", \"measuredOn\": \"2020-09-30\", \"atWork\": true }".formatted(first.clusterId()),
                "{ \"clusterId\": \"%s\", \"measuredOn\": \"2020-09-30\", \"atWork\": \"often\" }".formatted(second.clusterId()),
                "atWork");
        assertThat(outboxEvents()).as("a bulk refused whole changes nothing").isEqualTo(before + 3);
    }

    static Started started(boolean finalYear, LocalDate start, String clusterId, Started sameCandidacy) {
        String contractId = UUID.randomUUID().toString();
        String cluster = clusterId != null ? clusterId : UUID.randomUUID().toString();
        String personId = sameCandidacy != null ? sameCandidacy.personId() : UUID.randomUUID().toString();
        String candidacyId = sameCandidacy != null ? sameCandidacy.candidacyId() : UUID.randomUUID().toString();
        TrainingYearRef training = new TrainingYearRef("pba-verpleegkunde", "pba-verpleegkunde-" + (finalYear ? 3 : 1),
                "PBA Verpleegkunde", finalYear ? 3 : 1, finalYear, "PBA", "ZORG", "OKOT");
        publish(new ContractStarted(contractId, candidacyId, cluster, new PersonProfile(personId, LocalDate.of(1988, 8, 8),
                Gender.M), training, Province.LIM, "PXL", start, start.plusMonths(10)));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ContractFact.findById(contractId) != null));
        return new Started(contractId, cluster, personId, candidacyId);
    }

    private static void publish(OkotEvent event) {
        String type = event instanceof ContractStarted ? "okot.contract.started" : "okot.contract.cancelled";
        new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).send(Topics.ENROLMENT, event.subject(),
                EventJson.write(event), KafkaTestClient.cloudEventHeaders(null, type, event.subject()));
    }

    static String end(String endDate, String result, String reason) {
        return "{ \"endDate\": \"%s\", \"result\": \"%s\"%s }".formatted(endDate, result,
                reason == null ? "" : ", \"stopReason\": \"" + reason + "\"");
    }

    private static ValidatableResponse refused(RequestSpecification request, String contractId, String body, int status) {
        long events = outboxEvents();
        ValidatableResponse response = request.body(body).when().put("/contracts/{id}/end", contractId)
                .then().statusCode(status).contentType("application/problem+json");
        assertThat(outboxEvents()).isEqualTo(events);
        return response;
    }

    private static void refusedOutflow(String clusterId, String body, int status) {
        long events = outboxEvents();
        asCounsellor().body(body).when().post("/clusters/{id}/outflow", clusterId)
                .then().statusCode(status).contentType("application/problem+json");
        assertThat(outboxEvents()).isEqualTo(events);
    }

    private static long outboxEvents() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count());
    }

    static RequestSpecification asCounsellor() {
        return given().auth().oauth2(TestTokens.counsellor()).contentType(ContentType.JSON);
    }
}
