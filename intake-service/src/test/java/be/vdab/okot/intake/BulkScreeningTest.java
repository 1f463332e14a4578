package be.vdab.okot.intake;

import be.vdab.okot.events.Topics;
import be.vdab.okot.messaging.outbox.OutboxMessage;
import be.vdab.okot.intake.persistence.Screening;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.ocmwCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.screening;
import static be.vdab.okot.intake.IntakeFixtures.selfCandidacy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * {@code POST /screenings}: a term's screenings at once, each item by the rules of
 * {@code POST /candidacies/{id}/screening} in a transaction of its own, answered per item; events only for what
 * was accepted; a repeated import (a retry after a timeout, or the same import sent twice at once) records and
 * publishes nothing twice; an Idempotency-Key replays the first answer; a request that is no list of 1 to 10,000
 * items changes nothing.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class BulkScreeningTest {

    private static final String SCREENED = "okot.screening.completed";
    private static final int ROUNDS = 4;
    private static final int TWINS = 4;

    @BeforeEach
    void catalogue() {
        IntakeFixtures.catalogue();
    }

    record Submitted(String id, String personId) {
    }

    @Test
    void eachItemIsAnsweredOnItsOwnAndOnlyTheAcceptedOnesPublish() {
        Submitted approved = submit(selfCandidacy(LocalDate.of(1991, 1, 3), "pba-verpleegkunde"));
        Submitted rejected = submit(selfCandidacy(LocalDate.of(1991, 1, 4), "pba-verpleegkunde"));
        Submitted awaitingAgreement = submit(ocmwCandidacy(LocalDate.of(1991, 1, 5), "pba-verpleegkunde", "ocmw-gent"));
        Submitted unjustified = submit(selfCandidacy(LocalDate.of(1991, 1, 6), "pba-verpleegkunde"));
        Submitted invalid = submit(selfCandidacy(LocalDate.of(1991, 1, 7), "pba-verpleegkunde"));
        long before = screeningEvents();

        String body = "[" + String.join(",",
                item(approved.id(), screening("APPROVED")),
                item(rejected.id(), screening("REJECTED")),
                item("no-such-candidacy", screening("APPROVED")),
                item(awaitingAgreement.id(), screening("APPROVED")),
                item(unjustified.id(), screening("APPROVED").replace("\"mobility\": \"OK\"", "\"mobility\": \"BLOCKING\"")),
                item(invalid.id(), screening("APPROVED").replace("\"motivation\": \"SUFFICIENT\",", "")),
                screening("APPROVED")) + "]";
        asCounsellor().body(body).when().post("/screenings").then().statusCode(200)
                .body("accepted", equalTo(2)).body("refused", equalTo(5))
                .body("items.index", equalTo(List.of(0, 1, 2, 3, 4, 5, 6)))
                .body("items.status", equalTo(List.of("ACCEPTED", "ACCEPTED", "REFUSED", "REFUSED", "REFUSED", "REFUSED",
                        "REFUSED")))
                .body("items.candidacyId", equalTo(Arrays.asList(approved.id(), rejected.id(), "no-such-candidacy",
                        awaitingAgreement.id(), unjustified.id(), invalid.id(), null)))
                .body("items.unchanged", equalTo(Arrays.asList(false, false, null, null, null, null, null)))
                .body("items.candidacyStatus", equalTo(Arrays.asList("APPROVED", "REJECTED", null, null, null, null, null)))
                // the status the single call answers for each
                .body("items.httpStatus", equalTo(Arrays.asList(null, null, 404, 409, 422, 400, 400)))
                .body("items[3].type", equalTo("https://okot.vdab.be/problems/formal-agreement-required"))
                .body("items[3].detail", containsString("formal agreement comes first"))
                .body("items[4].violations.field", equalTo(List.of("preconditions.mobility")))
                .body("items[5].violations.field", equalTo(List.of("motivation")))
                .body("items[6].violations.field", equalTo(List.of("candidacyId")));

        assertThat(screeningEvents()).isEqualTo(before + 2);
        for (Submitted refused : List.of(awaitingAgreement, unjustified, invalid)) {
            asCounsellor().when().get("/candidacies/{id}", refused.id()).then().statusCode(200)
                    .body("status", equalTo(refused == awaitingAgreement ? "AWAITING_FORMAL_AGREEMENT" : "AWAITING_SCREENING"));
        }
        asCounsellor().when().get("/candidacies/{id}", approved.id()).then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("timeline.step", hasItem("SCREENING"));
        List<ConsumerRecord<String, String>> events = screeningEventsOnKafka(
                List.of(approved, rejected, awaitingAgreement, unjustified, invalid), 2);
        assertThat(events).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(approved.personId(), rejected.personId());
    }

    @Test
    void aRepeatedImportRecordsAndPublishesNothingTwice() {
        Submitted first = submit(selfCandidacy(LocalDate.of(1991, 2, 3), "pba-verpleegkunde"));
        Submitted second = submit(selfCandidacy(LocalDate.of(1991, 2, 4), "pba-verpleegkunde"));
        String body = "[" + item(first.id(), screening("APPROVED")) + "," + item(second.id(), screening("REJECTED")) + "]";
        asCounsellor().body(body).when().post("/screenings").then().statusCode(200)
                .body("items.unchanged", equalTo(List.of(false, false)));
        long events = screeningEvents();
        long timeline = timelineEntries();

        // the counsellor's retry after a timeout: the same import, no key
        asCounsellor().body(body).when().post("/screenings").then().statusCode(200)
                .body("accepted", equalTo(2)).body("refused", equalTo(0))
                .body("items.status", equalTo(List.of("ACCEPTED", "ACCEPTED")))
                .body("items.unchanged", equalTo(List.of(true, true)))
                .body("items.candidacyStatus", equalTo(List.of("APPROVED", "REJECTED")));
        assertThat(screeningEvents()).isEqualTo(events);
        assertThat(timelineEntries()).isEqualTo(timeline);

        // another screening of a screened candidacy is what the single call says of it: a 409
        asCounsellor().body("[" + item(first.id(), screening("REJECTED")) + "]").when().post("/screenings").then()
                .statusCode(200).body("items[0].status", equalTo("REFUSED")).body("items[0].httpStatus", equalTo(409))
                .body("items[0].type", equalTo("https://okot.vdab.be/problems/not-awaiting-screening"));
        assertThat(screeningEvents()).isEqualTo(events);
        assertThat(screeningEventsOnKafka(List.of(first, second), 2)).hasSize(2);
    }

    @Test
    void identicalImportsSentAtOnceScreenEachCandidacyOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            List<Submitted> candidacies = new ArrayList<>();
            List<String> items = new ArrayList<>();
            for (int person = 0; person < 5; person++) {
                Submitted candidacy = submit(selfCandidacy(LocalDate.of(1992, 1 + round, 1 + person), "pba-verpleegkunde"));
                candidacies.add(candidacy);
                items.add(item(candidacy.id(), screening(person % 2 == 0 ? "APPROVED" : "REJECTED")));
            }
            String body = "[" + String.join(",", items) + "]";
            long events = screeningEvents();

            List<Response> answers = Twins.release(TWINS, () -> asCounsellor().body(body).when().post("/screenings"));

            BulkImports.assertEachItemRecordedOnce(answers, candidacies.size(), "round " + round);
            assertThat(screeningEvents()).as("round " + round).isEqualTo(events + candidacies.size());
            assertThat(QuarkusTransaction.requiringNew().call(() -> Screening.count("candidacyId in ?1",
                    candidacies.stream().map(Submitted::id).toList()))).isEqualTo(candidacies.size());
        }
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswer() {
        Submitted candidacy = submit(selfCandidacy(LocalDate.of(1991, 3, 3), "pba-verpleegkunde"));
        String body = "[" + item(candidacy.id(), screening("APPROVED")) + "," + item("no-such-candidacy", screening("APPROVED")) + "]";
        String key = "screenings-" + UUID.randomUUID();
        String first = asCounsellor().header("Idempotency-Key", key).body(body).when().post("/screenings").then()
                .statusCode(200).body("items.unchanged", equalTo(Arrays.asList(false, null))).extract().asString();
        long events = screeningEvents();

        asCounsellor().header("Idempotency-Key", key).body(body).when().post("/screenings").then()
                .statusCode(200).header("Idempotent-Replayed", "true")
                .body("items.unchanged", equalTo(Arrays.asList(false, null))).body(equalTo(first));
        asCounsellor().header("Idempotency-Key", key).body("[" + item(candidacy.id(), screening("REJECTED")) + "]")
                .when().post("/screenings").then().statusCode(422).contentType("application/problem+json");
        assertThat(screeningEvents()).isEqualTo(events);
    }

    @Test
    void aRequestThatIsNoListOfOneToTenThousandItemsChangesNothing() {
        Submitted candidacy = submit(selfCandidacy(LocalDate.of(1991, 4, 3), "pba-verpleegkunde"));
        String good = item(candidacy.id(), screening("APPROVED"));
        IntakeFixtures.State before = IntakeFixtures.State.now();
        long screenings = QuarkusTransaction.requiringNew().call(() -> Screening.count());

        BulkImports.assertRefusedWhole("/screenings", good, "{\"candidacyId\": \"x\", \"decision\": \"MAYBE\"}",
                "decision");

        before.assertUnchanged();
        assertThat(QuarkusTransaction.requiringNew().call(() -> Screening.count())).isEqualTo(screenings);
        // the single call names the candidacy in its path only
        asCounsellor().body(good).when().post("/candidacies/{id}/screening", candidacy.id()).then().statusCode(400)
                .body("violations.field", equalTo(List.of("candidacyId")));
        before.assertUnchanged();
    }

    private static Submitted submit(String body) {
        Response answer = asCounsellor().body(body).when().post("/candidacies");
        assertThat(answer.statusCode()).isEqualTo(201);
        return new Submitted(answer.path("id"), answer.path("personId"));
    }

    /** The body of the single call with the candidacy's id, as an item of the import. */
    static String item(String candidacyId, String screening) {
        return screening.replaceFirst("^\\{", "{ \"candidacyId\": \"" + candidacyId + "\",");
    }

    private static long screeningEvents() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("eventType", SCREENED));
    }

    private static long timelineEntries() {
        return QuarkusTransaction.requiringNew().call(() -> be.vdab.okot.intake.persistence.TimelineEntry.count());
    }

    /** The screening events of these persons on the topic, once at least {@code expected} are there. */
    private static List<ConsumerRecord<String, String>> screeningEventsOnKafka(List<Submitted> candidacies, int expected) {
        Map<String, String> persons = candidacies.stream().collect(Collectors.toMap(Submitted::personId, Submitted::id));
        return new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).awaitAtLeast(Topics.INTAKE,
                record -> persons.containsKey(record.key()) && SCREENED.equals(KafkaTestClient.header(record, "ce_type")),
                expected, Duration.ofSeconds(20));
    }
}
