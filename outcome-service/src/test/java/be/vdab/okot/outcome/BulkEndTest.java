package be.vdab.okot.outcome;

import be.vdab.okot.events.Topics;
import be.vdab.okot.messaging.outbox.OutboxMessage;
import be.vdab.okot.outcome.OutcomeTest.Started;
import be.vdab.okot.outcome.persistence.ContractEnd;
import be.vdab.okot.testing.BulkImports;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import be.vdab.okot.testing.Twins;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static be.vdab.okot.outcome.OutcomeTest.asCounsellor;
import static be.vdab.okot.outcome.OutcomeTest.end;
import static be.vdab.okot.outcome.OutcomeTest.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code POST /contracts/ends}: a term's course ends at once, each item by the rules of
 * {@code PUT /contracts/{id}/end} in a transaction of its own, answered per item with its revision; events only
 * for what was accepted and changed something; a repeated import (a retry, or the same import twice at once)
 * makes no revision and no event twice; an Idempotency-Key replays the first answer; a request that is no list of
 * 1 to 10,000 items changes nothing.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class BulkEndTest {

    private static final String ENDED = "okot.course.ended";
    private static final int ROUNDS = 4;
    private static final int TWINS = 4;

    @Test
    void eachItemIsAnsweredOnItsOwnAndOnlyTheAcceptedOnesPublish() {
        Started passed = started(true, LocalDate.of(2020, 9, 1), null, null);
        Started stopped = started(false, LocalDate.of(2020, 9, 1), null, null);
        Started invalid = started(false, LocalDate.of(2020, 9, 1), null, null);
        Started beforeStart = started(false, LocalDate.of(2020, 9, 1), null, null);
        long before = endEvents();

        String body = "[" + String.join(",",
                item(passed.contractId(), end("2021-06-30", "PASSED", null)),
                item(stopped.contractId(), end("2021-03-01", "STOPPED", "EMPLOYMENT")),
                item(UUID.randomUUID().toString(), end("2021-06-30", "FAILED", null)),
                item(invalid.contractId(), end("2021-06-30", "STOPPED", null)),
                item(beforeStart.contractId(), end("2020-08-31", "FAILED", null)),
                end("2021-06-30", "FAILED", null)) + "]";
        asCounsellor().body(body).when().post("/contracts/ends").then().statusCode(200)
                .body("accepted", equalTo(2)).body("refused", equalTo(4))
                .body("items.index", equalTo(List.of(0, 1, 2, 3, 4, 5)))
                .body("items.status", equalTo(List.of("ACCEPTED", "ACCEPTED", "REFUSED", "REFUSED", "REFUSED", "REFUSED")))
                .body("items.revision", equalTo(Arrays.asList(1, 1, null, null, null, null)))
                .body("items.unchanged", equalTo(Arrays.asList(false, false, null, null, null, null)))
                .body("items.clusterId", equalTo(Arrays.asList(passed.clusterId(), stopped.clusterId(), null, null, null, null)))
                // the status the single call answers for each
                .body("items.httpStatus", equalTo(Arrays.asList(null, null, 409, 400, 400, 400)))
                .body("items[2].type", equalTo("https://okot.vdab.be/problems/contract-unknown"))
                .body("items[2].detail", containsString("is not known here (yet)"))
                .body("items[3].violations.field", equalTo(List.of("stopReason")))
                .body("items[4].violations.field", equalTo(List.of("endDate")))
                .body("items[5].violations.field", equalTo(List.of("contractId")));

        assertThat(endEvents()).isEqualTo(before + 2);
        for (Started refused : List.of(invalid, beforeStart)) {
            asCounsellor().when().get("/contracts/{id}/end", refused.contractId()).then().statusCode(404);
        }
        List<ConsumerRecord<String, String>> events = endEventsOnKafka(List.of(passed, stopped, invalid, beforeStart), 2);
        assertThat(events).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(passed.personId(), stopped.personId());
    }

    @Test
    void aRepeatedImportMakesNoRevisionTwiceAndACorrectionTheNext() {
        Started first = started(true, LocalDate.of(2020, 9, 1), null, null);
        Started second = started(false, LocalDate.of(2020, 9, 1), null, null);
        String body = "[" + item(first.contractId(), end("2021-06-30", "FAILED", null)) + ","
                + item(second.contractId(), end("2021-02-01", "STOPPED", "BY_CLIENT")) + "]";
        asCounsellor().body(body).when().post("/contracts/ends").then().statusCode(200)
                .body("items.revision", equalTo(List.of(1, 1))).body("items.unchanged", equalTo(List.of(false, false)));
        long events = endEvents();

        // the counsellor's retry after a timeout: the same import, no key
        asCounsellor().body(body).when().post("/contracts/ends").then().statusCode(200)
                .body("accepted", equalTo(2)).body("refused", equalTo(0))
                .body("items.revision", equalTo(List.of(1, 1))).body("items.unchanged", equalTo(List.of(true, true)));
        assertThat(endEvents()).isEqualTo(events);

        // the second exam session: a correction is the next revision, as with the single call
        asCounsellor().body("[" + item(first.contractId(), end("2021-09-10", "PASSED", null)) + "]")
                .when().post("/contracts/ends").then().statusCode(200)
                .body("items[0].revision", equalTo(2)).body("items[0].unchanged", equalTo(false));
        assertThat(endEvents()).isEqualTo(events + 1);
        asCounsellor().when().get("/contracts/{id}/end", first.contractId()).then().statusCode(200)
                .body("history.revision", equalTo(List.of(1, 2))).body("result", equalTo("PASSED"));
        assertThat(endEventsOnKafka(List.of(first, second), 3)).hasSize(3);
    }

    @Test
    void identicalImportsSentAtOnceMakeOneRevisionAndOneEventPerContract() {
        for (int round = 0; round < ROUNDS; round++) {
            List<Started> contracts = new ArrayList<>();
            List<String> items = new ArrayList<>();
            for (int person = 0; person < 5; person++) {
                Started contract = started(person % 2 == 0, LocalDate.of(2020, 9, 1), null, null);
                contracts.add(contract);
                items.add(item(contract.contractId(), person % 2 == 0 ? end("2021-06-30", "PASSED", null)
                        : end("2021-01-15", "STOPPED", "LONG_TERM_ILLNESS")));
            }
            String body = "[" + String.join(",", items) + "]";
            long events = endEvents();

            List<Response> answers = Twins.release(TWINS, () -> asCounsellor().body(body).when().post("/contracts/ends"));

            BulkImports.assertEachItemRecordedOnce(answers, contracts.size(), "round " + round);
            for (int index = 0; index < contracts.size(); index++) {
                int at = index;
                assertThat(answers).extracting(answer -> answer.<Integer>path("items[" + at + "].revision"))
                        .as("round " + round + " item " + index).containsOnly(1);
            }
            assertThat(endEvents()).as("round " + round).isEqualTo(events + contracts.size());
            assertThat(QuarkusTransaction.requiringNew().call(() -> ContractEnd.count("key.contractId in ?1",
                    contracts.stream().map(Started::contractId).toList()))).isEqualTo(contracts.size());
        }
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswer() {
        Started contract = started(true, LocalDate.of(2020, 9, 1), null, null);
        String body = "[" + item(contract.contractId(), end("2021-06-30", "PASSED", null)) + "]";
        String key = "ends-" + UUID.randomUUID();
        String first = asCounsellor().header("Idempotency-Key", key).body(body).when().post("/contracts/ends").then()
                .statusCode(200).body("items[0].revision", equalTo(1)).extract().asString();
        long events = endEvents();

        asCounsellor().header("Idempotency-Key", key).body(body).when().post("/contracts/ends").then()
                .statusCode(200).header("Idempotent-Replayed", "true").body(equalTo(first));
        asCounsellor().header("Idempotency-Key", key)
                .body("[" + item(contract.contractId(), end("2021-06-30", "FAILED", null)) + "]")
                .when().post("/contracts/ends").then().statusCode(422).contentType("application/problem+json");
        assertThat(endEvents()).isEqualTo(events);
        asCounsellor().when().get("/contracts/{id}/end", contract.contractId()).then().statusCode(200)
                .body("history.revision", equalTo(List.of(1)));
    }

    @Test
    void aRequestThatIsNoListOfOneToTenThousandItemsChangesNothing() {
        Started contract = started(true, LocalDate.of(2020, 9, 1), null, null);
        String good = item(contract.contractId(), end("2021-06-30", "PASSED", null));
        long events = outboxRows();

        BulkImports.assertRefusedWhole("/contracts/ends", good,
                "{\"contractId\": \"x\", \"endDate\": \"2021-06-30\", \"result\": \"MAYBE\"}", "result");
        // the single call names the contract in its path only; its routing is untouched by the bulk path
        asCounsellor().body(good).when().put("/contracts/{id}/end", contract.contractId()).then().statusCode(400)
                .body("violations.field", equalTo(List.of("contractId")));
        asCounsellor().body(end("2021-06-30", "PASSED", null)).when().put("/contracts/{id}/end", "ends").then()
                .statusCode(409).body("type", containsString("contract-unknown"));

        assertThat(outboxRows()).isEqualTo(events);
        asCounsellor().when().get("/contracts/{id}/end", contract.contractId()).then().statusCode(404);
    }

    /** The body of the single call with the contract's id, as an item of the import. */
    static String item(String contractId, String end) {
        return end.replaceFirst("^\\{", "{ \"contractId\": \"" + contractId + "\",");
    }

    private static long endEvents() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("eventType", ENDED));
    }

    private static long outboxRows() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count());
    }

    /** The course-end events of these persons on the topic, once at least {@code expected} are there. */
    private static List<ConsumerRecord<String, String>> endEventsOnKafka(List<Started> contracts, int expected) {
        Set<String> persons = contracts.stream().map(Started::personId).collect(Collectors.toSet());
        return new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).awaitAtLeast(Topics.OUTCOME,
                record -> persons.contains(record.key()) && ENDED.equals(KafkaTestClient.header(record, "ce_type")),
                expected, Duration.ofSeconds(20));
    }
}
