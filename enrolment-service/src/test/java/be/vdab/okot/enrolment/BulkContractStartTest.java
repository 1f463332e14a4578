package be.vdab.okot.enrolment;

import be.vdab.okot.enrolment.ContractTest.Candidate;
import be.vdab.okot.enrolment.persistence.Contract;
import be.vdab.okot.events.Topics;
import be.vdab.okot.events.intake.ScreeningCompleted;
import be.vdab.okot.messaging.outbox.OutboxMessage;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static be.vdab.okot.enrolment.ContractTest.KLEUTER;
import static be.vdab.okot.enrolment.ContractTest.asCounsellor;
import static be.vdab.okot.enrolment.ContractTest.candidacy;
import static be.vdab.okot.enrolment.ContractTest.contract;
import static be.vdab.okot.enrolment.ModuleContractTest.MODULE_4B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * {@code POST /contracts/starts}: the contracts of a class, a job fair or an OCMW list at once, each item by the
 * rules of {@code POST /contracts} in a transaction of its own, answered per item with the contract's id and
 * cluster; a start event only for what was accepted and registered; a repeated import (a retry, or the same import
 * twice at once) registers no contract and no event twice; an Idempotency-Key replays the first answer; a request
 * that is no list of 1 to 10,000 items changes nothing.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class BulkContractStartTest {

    private static final String PATH = "/contracts/starts";
    private static final String STARTED = "okot.contract.started";
    private static final int ROUNDS = 4;
    private static final int TWINS = 4;

    @Test
    void eachItemIsAnsweredOnItsOwnAndOnlyTheAcceptedOnesPublish() {
        Candidate kleuter = candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null);
        Candidate module = candidacy(MODULE_4B, ScreeningCompleted.Decision.APPROVED, null);
        Candidate rejected = candidacy(KLEUTER, ScreeningCompleted.Decision.REJECTED, null);
        Candidate other = candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null);
        Candidate unknown = new Candidate(UUID.randomUUID().toString(), "p");
        long before = startEvents();

        String body = "[" + String.join(",",
                contract(kleuter, "908001", "2020-09-21", "2021-06-30"),
                contract(kleuter, "908002", "2021-09-20", "2022-06-30"),
                contract(module, "knelpunt-module-4b-1", "2020-06-08", "2020-08-31"),
                contract(module, "knelpunt-module-4b-1", "2020-09-07", "2020-12-18"),
                contract(rejected, "908001", "2020-09-21", "2021-06-30"),
                contract(unknown, "908001", "2020-09-21", "2021-06-30"),
                contract(other, "908011", "2020-09-21", "2021-06-30"),
                contract(other, "908001", "2021-06-30", "2020-09-21"),
                contract(kleuter, "908002", "2021-06-01", "2022-06-30"),
                "{}") + "]";
        Response answer = asCounsellor().body(body).when().post(PATH);
        answer.then().statusCode(200)
                .body("accepted", equalTo(3)).body("refused", equalTo(7))
                .body("items.index", equalTo(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)))
                .body("items.status", equalTo(List.of("ACCEPTED", "ACCEPTED", "ACCEPTED", "REFUSED", "REFUSED", "REFUSED",
                        "REFUSED", "REFUSED", "REFUSED", "REFUSED")))
                .body("items.candidacyId", equalTo(Arrays.asList(kleuter.candidacyId(), kleuter.candidacyId(),
                        module.candidacyId(), module.candidacyId(), rejected.candidacyId(), unknown.candidacyId(),
                        other.candidacyId(), other.candidacyId(), kleuter.candidacyId(), null)))
                .body("items.unchanged", equalTo(Arrays.asList(false, false, false, null, null, null, null, null, null, null)))
                // the status the single call answers for each
                .body("items.httpStatus", equalTo(Arrays.asList(null, null, null, 409, 409, 409, 422, 400, 409, 400)))
                .body("items[3].type", equalTo("https://okot.vdab.be/problems/module-has-one-training"))
                .body("items[4].type", equalTo("https://okot.vdab.be/problems/candidacy-not-approved"))
                .body("items[5].type", equalTo("https://okot.vdab.be/problems/candidacy-unknown"))
                .body("items[5].detail", containsString("is not known here (yet)"))
                .body("items[6].type", equalTo("https://okot.vdab.be/problems/training-not-of-course"))
                .body("items[6].violations.field", equalTo(List.of("trainingCode")))
                .body("items[7].violations.field", equalTo(List.of("plannedEndDate")))
                .body("items[8].type", equalTo("https://okot.vdab.be/problems/contracts-overlap"))
                .body("items[9].violations.field", hasItem("candidacyId"));
        List<String> ids = answer.path("items.id");
        List<String> clusters = answer.path("items.clusterId");
        assertThat(ids.subList(0, 3)).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(ids.subList(3, 10)).containsOnlyNulls();
        // a candidacy's later training year continues its cluster; the module candidacy has a cluster of its own
        assertThat(clusters.get(1)).isEqualTo(clusters.get(0));
        assertThat(clusters.get(2)).isNotNull().isNotEqualTo(clusters.get(0));
        assertThat(clusters.subList(3, 10)).containsOnlyNulls();

        assertThat(startEvents()).isEqualTo(before + 3);
        for (Candidate refused : List.of(rejected, other, unknown)) {
            asCounsellor().queryParam("candidacyId", refused.candidacyId()).when().get("/contracts").then()
                    .statusCode(200).body("total", equalTo(0));
        }
        asCounsellor().when().get("/contracts/{id}", ids.get(2)).then().statusCode(200)
                .body("clusterId", equalTo(clusters.get(2))).body("startDate", equalTo("2020-06-08"));
        List<ConsumerRecord<String, String>> events = startEventsOnKafka(List.of(kleuter, module, rejected, other), 3);
        assertThat(events).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(kleuter.personId(), kleuter.personId(), module.personId());
        assertThat(events).extracting(ConsumerRecord::value).allSatisfy(value -> assertThat(ids).anySatisfy(id ->
                assertThat(value).contains("\"contractId\":\"" + id + "\"")));
    }

    @Test
    void aRepeatedImportRegistersNothingTwiceAndADifferentContractForThePeriodIsAConflict() {
        Candidate candidate = candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null);
        Candidate module = candidacy(MODULE_4B, ScreeningCompleted.Decision.APPROVED, null);
        String body = "[" + contract(candidate, "908001", "2020-09-21", "2021-06-30") + ","
                + contract(module, "knelpunt-module-4b-1", "2020-06-08", "2020-08-31") + "]";
        Response first = asCounsellor().body(body).when().post(PATH);
        first.then().statusCode(200).body("items.unchanged", equalTo(List.of(false, false)));
        long events = startEvents();

        // the counsellor's retry after a timeout: the same import, no key
        asCounsellor().body(body).when().post(PATH).then().statusCode(200)
                .body("accepted", equalTo(2)).body("refused", equalTo(0))
                .body("items.unchanged", equalTo(List.of(true, true)))
                .body("items.id", equalTo(first.path("items.id")))
                .body("items.clusterId", equalTo(first.path("items.clusterId")));
        assertThat(startEvents()).isEqualTo(events);

        // the same training year and start with another planned end is another contract: the single call's 409
        asCounsellor().body("[" + contract(candidate, "908001", "2020-09-21", "2021-08-31") + "]").when().post(PATH)
                .then().statusCode(200).body("items[0].status", equalTo("REFUSED")).body("items[0].httpStatus", equalTo(409))
                .body("items[0].type", containsString("contracts-overlap"));
        // the single call keeps its rules: it answers no repeat, it refuses it
        asCounsellor().body(contract(candidate, "908001", "2020-09-21", "2021-06-30")).when().post("/contracts")
                .then().statusCode(409).body("type", containsString("contracts-overlap"));
        assertThat(startEvents()).isEqualTo(events);

        // a contract cancelled since: the same list sent again leaves it cancelled (no new contract, no event);
        // the single call registers it anew
        String cancelled = first.path("items[0].id");
        asCounsellor().when().post("/contracts/{id}/cancellation", cancelled).then().statusCode(200);
        asCounsellor().body("[" + contract(candidate, "908001", "2020-09-21", "2021-06-30") + "]").when().post(PATH)
                .then().statusCode(200).body("items[0].status", equalTo("ACCEPTED"))
                .body("items[0].unchanged", equalTo(true)).body("items[0].cancelled", equalTo(true))
                .body("items[0].id", equalTo(cancelled));
        assertThat(startEvents()).isEqualTo(events);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Contract.count("candidacyId = ?1 and cancelled = false",
                candidate.candidacyId()))).isZero();
        asCounsellor().body(contract(candidate, "908001", "2020-09-21", "2021-06-30")).when().post("/contracts")
                .then().statusCode(201).body("id", org.hamcrest.Matchers.not(equalTo(cancelled)));
        assertThat(startEvents()).isEqualTo(events + 1);
        assertThat(startEventsOnKafka(List.of(candidate, module), 3)).hasSize(3);
    }

    @Test
    void identicalImportsSentAtOnceRegisterOneContractAndOneEventPerItem() {
        for (int round = 0; round < ROUNDS; round++) {
            List<Candidate> candidates = new ArrayList<>();
            List<String> items = new ArrayList<>();
            for (int person = 0; person < 5; person++) {
                boolean isModule = person == 4;
                Candidate candidate = candidacy(isModule ? MODULE_4B : KLEUTER, ScreeningCompleted.Decision.APPROVED, null);
                candidates.add(candidate);
                items.add(isModule ? contract(candidate, "knelpunt-module-4b-1", "2020-06-08", "2020-08-31")
                        : contract(candidate, "908001", "2020-09-21", "2021-06-30"));
            }
            // the first person's second training year in the same import: its cluster is the first year's
            items.add(contract(candidates.get(0), "908002", "2021-09-20", "2022-06-30"));
            String body = "[" + String.join(",", items) + "]";
            long events = startEvents();

            List<Response> answers = Twins.release(TWINS, () -> asCounsellor().body(body).when().post(PATH));

            BulkImports.assertEachItemRecordedOnce(answers, items.size(), "round " + round);
            for (int index = 0; index < items.size(); index++) {
                int at = index;
                assertThat(answers).extracting(answer -> answer.<String>path("items[" + at + "].id"))
                        .as("round " + round + " item " + index).doesNotContainNull()
                        .containsOnly(answers.get(0).<String>path("items[" + at + "].id"));
            }
            assertThat(answers).extracting(answer -> answer.<String>path("items[5].clusterId")).as("round " + round)
                    .containsOnly(answers.get(0).<String>path("items[0].clusterId"));
            assertThat(startEvents()).as("round " + round).isEqualTo(events + items.size());
            List<String> candidacies = candidates.stream().map(Candidate::candidacyId).toList();
            assertThat(QuarkusTransaction.requiringNew().call(() -> Contract.count("candidacyId in ?1", candidacies)))
                    .as("round " + round).isEqualTo(items.size());
        }
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswer() {
        Candidate candidate = candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null);
        String body = "[" + contract(candidate, "908001", "2020-09-21", "2021-06-30") + "]";
        String key = "starts-" + UUID.randomUUID();
        String first = asCounsellor().header("Idempotency-Key", key).body(body).when().post(PATH).then()
                .statusCode(200).body("items[0].unchanged", equalTo(false)).extract().asString();
        long events = startEvents();

        asCounsellor().header("Idempotency-Key", key).body(body).when().post(PATH).then()
                .statusCode(200).header("Idempotent-Replayed", "true").body(equalTo(first));
        asCounsellor().header("Idempotency-Key", key)
                .body("[" + contract(candidate, "908002", "2021-09-20", "2022-06-30") + "]")
                .when().post(PATH).then().statusCode(422).contentType("application/problem+json");
        assertThat(startEvents()).isEqualTo(events);
        asCounsellor().queryParam("candidacyId", candidate.candidacyId()).when().get("/contracts").then()
                .statusCode(200).body("total", equalTo(1));
    }

    @Test
    void aRequestThatIsNoListOfOneToTenThousandItemsChangesNothing() {
        Candidate candidate = candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null);
        String good = contract(candidate, "908001", "2020-09-21", "2021-06-30");
        long rows = outboxRows();

        BulkImports.assertRefusedWhole(PATH, good, contract(candidate, "908001", "2020-09-21", "2021-06-30")
                .replace("\"ANT\"", "3"), "province");
        // "starts" is never read as a contract id: the paths of one contract have three segments
        asCounsellor().when().post("/contracts/{id}/cancellation", "starts").then().statusCode(404)
                .contentType("application/problem+json");
        asCounsellor().when().get("/contracts/{id}/costs", "starts").then().statusCode(404);
        // nor a list as the single call's body
        asCounsellor().body("[" + good + "]").when().post("/contracts").then().statusCode(400)
                .contentType("application/problem+json");

        assertThat(outboxRows()).isEqualTo(rows);
        asCounsellor().queryParam("candidacyId", candidate.candidacyId()).when().get("/contracts").then()
                .statusCode(200).body("total", equalTo(0));
    }

    private static long startEvents() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("eventType", STARTED));
    }

    private static long outboxRows() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count());
    }

    /** The start events of these persons on the topic, once at least {@code expected} are there. */
    private static List<ConsumerRecord<String, String>> startEventsOnKafka(List<Candidate> candidates, int expected) {
        Set<String> persons = candidates.stream().map(Candidate::personId).collect(Collectors.toSet());
        return new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).awaitAtLeast(Topics.ENROLMENT,
                record -> persons.contains(record.key()) && STARTED.equals(KafkaTestClient.header(record, "ce_type")),
                expected, Duration.ofSeconds(20));
    }
}
