package be.vdab.okot.intake;

import be.vdab.okot.events.Topics;
import be.vdab.okot.intake.notification.OcmwNotification;
import be.vdab.okot.intake.persistence.Candidacy;
import be.vdab.okot.intake.persistence.Person;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.candidacy;
import static be.vdab.okot.intake.IntakeFixtures.inszFor;
import static be.vdab.okot.intake.IntakeFixtures.ocmwCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.screening;
import static be.vdab.okot.intake.IntakeFixtures.selfCandidacy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * {@code POST /candidacies/submissions}: many candidacies at once, each item by the rules of {@code POST /candidacies}
 * in a transaction of its own, answered per item; events only for what was accepted; a repeated import (a retry
 * after a timeout, or the same import sent twice at once) registers and publishes nothing twice, while another
 * candidacy of a person with an open one for the course is the single call's 409; an Idempotency-Key replays the
 * first answer; a request that is no list of 1 to 10,000 items changes nothing.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class BulkCandidacyTest {

    private static final String PATH = "/candidacies/submissions";
    private static final String SUBMITTED = "okot.candidacy.submitted";
    private static final int ROUNDS = 4;
    private static final int TWINS = 4;

    @BeforeEach
    void catalogue() {
        IntakeFixtures.catalogue();
    }

    @Test
    void eachItemIsAnsweredOnItsOwnAndOnlyTheAcceptedOnesPublish() {
        LocalDate born = LocalDate.of(1971, 1, 3);
        String knownInsz = inszFor(born);
        String known = candidacy(knownInsz, born, "tko-kinderzorg", "{ \"kind\": \"SELF\" }");
        String knownId = asCounsellor().body(known).when().post("/candidacies").then().statusCode(201).extract().path("id");
        String self = selfCandidacy(LocalDate.of(1971, 1, 4), "pba-verpleegkunde");
        String ocmw = ocmwCandidacy(LocalDate.of(1971, 1, 5), "pba-verpleegkunde", IntakeFixtures.OCMW);
        String module = selfCandidacy(LocalDate.of(1971, 1, 6), "knelpunt-4a-lasser");
        IntakeFixtures.State before = IntakeFixtures.State.now();
        long events = submittedEvents();
        long notifications = formalAgreementRequests();

        String body = "[" + String.join(",",
                self,
                selfCandidacy(LocalDate.of(1971, 1, 7), "pba-verpleegkunde").replace("\"working\": false", "\"working\": true"),
                ocmw,
                selfCandidacy(LocalDate.of(1971, 1, 8), "no-such-course"),
                ocmwCandidacy(LocalDate.of(1971, 1, 9), "pba-verpleegkunde", IntakeFixtures.OCMW)
                        .replaceFirst(",\\s*\"socialWorker\": \\{[^}]*}", ""),
                known.replace("\"province\": \"OVL\"", "\"province\": \"ANT\""),
                module,
                selfCandidacy(LocalDate.of(1971, 1, 10), "pba-verpleegkunde").replaceFirst("\"insz\": \"\\d{11}\"",
                        "\"insz\": \"71011000100\""),
                self) + "]";
        Response answer = asCounsellor().body(body).when().post(PATH);
        answer.then().statusCode(200)
                .body("accepted", equalTo(4)).body("refused", equalTo(5))
                .body("items.index", equalTo(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8)))
                .body("items.status", equalTo(List.of("ACCEPTED", "REFUSED", "ACCEPTED", "REFUSED", "REFUSED", "REFUSED",
                        "ACCEPTED", "REFUSED", "ACCEPTED")))
                // the status the single call answers for each
                .body("items.httpStatus", equalTo(Arrays.asList(null, 422, null, 422, 400, 409, null, 400, null)))
                .body("items.unchanged", equalTo(Arrays.asList(false, null, false, null, null, null, false, null, true)))
                .body("items.candidacyStatus", equalTo(Arrays.asList("AWAITING_SCREENING", null,
                        "AWAITING_FORMAL_AGREEMENT", null, null, null, "AWAITING_SCREENING", null, "AWAITING_SCREENING")))
                .body("items[1].type", equalTo("https://okot.vdab.be/problems/entry-conditions"))
                .body("items[1].violations.field", equalTo(List.of("person.working")))
                .body("items[3].type", equalTo("https://okot.vdab.be/problems/unknown-course"))
                .body("items[4].violations.field", equalTo(List.of("referral.socialWorker")))
                .body("items[5].type", equalTo("https://okot.vdab.be/problems/candidacy-exists"))
                .body("items[5].detail", containsString("already has an open candidacy"))
                .body("items[7].violations.field", equalTo(List.of("person.insz")))
                // the answer never carries the INSZ
                .body(not(containsString(knownInsz)));
        // the same person twice in one list: the second finds the first's candidacy
        assertThat(answer.<String>path("items[8].candidacyId")).isEqualTo(answer.path("items[0].candidacyId"));
        assertThat(answer.<String>path("items[8].personId")).isEqualTo(answer.path("items[0].personId"));
        List<String> ids = List.of(answer.path("items[0].candidacyId"), answer.path("items[2].candidacyId"),
                answer.path("items[6].candidacyId"));

        assertThat(IntakeFixtures.State.now().candidacies()).isEqualTo(before.candidacies() + 3);
        assertThat(submittedEvents()).isEqualTo(events + 3);
        assertThat(formalAgreementRequests()).isEqualTo(notifications + 1);
        for (int index : List.of(0, 2, 6)) {
            asCounsellor().when().get("/candidacies/{id}", answer.<String>path("items[" + index + "].candidacyId")).then()
                    .statusCode(200).body("personId", equalTo(answer.path("items[" + index + "].personId")))
                    .body("timeline.step", hasItem("CANDIDACY_SUBMITTED"));
        }
        // the refused item left the known person's candidacy as it was
        asCounsellor().when().get("/candidacies/{id}", knownId).then().statusCode(200).body("province", equalTo("OVL"));
        List<ConsumerRecord<String, String>> published = submittedOnKafka(Set.copyOf(ids), 3);
        assertThat(published).hasSize(3);
    }

    @Test
    void aRepeatedImportRegistersAndPublishesNothingTwice() {
        String first = selfCandidacy(LocalDate.of(1972, 2, 3), "pba-verpleegkunde");
        String second = ocmwCandidacy(LocalDate.of(1972, 2, 4), "hbo-verpleegkunde", IntakeFixtures.OCMW);
        String third = selfCandidacy(LocalDate.of(1972, 2, 5), "tko-zorgkundige")
                .replace("\"province\": \"OVL\",", "\"province\": \"OVL\", \"submittedOn\": \"2020-02-03\",");
        String body = "[" + String.join(",", first, second, third) + "]";
        Response imported = asCounsellor().body(body).when().post(PATH);
        imported.then().statusCode(200).body("items.unchanged", equalTo(List.of(false, false, false)));
        List<String> ids = imported.path("items.candidacyId");
        IntakeFixtures.State before = IntakeFixtures.State.now();
        long notifications = formalAgreementRequests();

        // the counsellor's retry after a timeout: the same import, no key
        asCounsellor().body(body).when().post(PATH).then().statusCode(200)
                .body("accepted", equalTo(3)).body("refused", equalTo(0))
                .body("items.status", equalTo(List.of("ACCEPTED", "ACCEPTED", "ACCEPTED")))
                .body("items.unchanged", equalTo(List.of(true, true, true)))
                .body("items.candidacyId", equalTo(ids))
                .body("items.personId", equalTo(imported.path("items.personId")))
                .body("items.candidacyStatus", equalTo(List.of("AWAITING_SCREENING", "AWAITING_FORMAL_AGREEMENT",
                        "AWAITING_SCREENING")));
        before.assertUnchanged();
        assertThat(formalAgreementRequests()).isEqualTo(notifications);

        // a screened candidacy is still the open one: a repeat finds it, with its status now
        IntakeFixtures.approve(ids.get(0));
        before = IntakeFixtures.State.now();
        asCounsellor().body("[" + first + "]").when().post(PATH).then().statusCode(200)
                .body("items[0].unchanged", equalTo(true)).body("items[0].candidacyId", equalTo(ids.get(0)))
                .body("items[0].candidacyStatus", equalTo("APPROVED"));
        before.assertUnchanged();

        // another candidacy of a person with an open one for the course is what the single call says of it: a 409
        for (String other : List.of(first.replace("\"province\": \"OVL\"", "\"province\": \"ANT\""),
                third.replace("2020-02-03", "2020-02-04"), first.replace("\"firstName\": \"An\"", "\"firstName\": \"Ann\""))) {
            asCounsellor().body("[" + other + "]").when().post(PATH).then().statusCode(200)
                    .body("items[0].status", equalTo("REFUSED")).body("items[0].httpStatus", equalTo(409))
                    .body("items[0].type", equalTo("https://okot.vdab.be/problems/candidacy-exists"));
        }
        before.assertUnchanged();
        assertThat(QuarkusTransaction.requiringNew().call(() -> Candidacy.<Candidacy>findById(ids.get(0)).person.firstName))
                .isEqualTo("An");

        // rejected since: the same list sent again does not submit it anew (unchanged, REJECTED, no event) ...
        asCounsellor().body(screening("REJECTED")).when().post("/candidacies/{id}/screening", ids.get(2)).then()
                .statusCode(200);
        long events = submittedEvents();
        asCounsellor().body("[" + third + "]").when().post(PATH).then().statusCode(200)
                .body("items[0].status", equalTo("ACCEPTED")).body("items[0].unchanged", equalTo(true))
                .body("items[0].candidacyId", equalTo(ids.get(2)))
                .body("items[0].candidacyStatus", equalTo("REJECTED"));
        assertThat(submittedEvents()).isEqualTo(events);
        // ... a new submission (another date) is a new candidacy
        asCounsellor().body("[" + third.replace("2020-02-03", "2020-06-15") + "]").when().post(PATH).then()
                .statusCode(200).body("items[0].status", equalTo("ACCEPTED")).body("items[0].unchanged", equalTo(false))
                .body("items[0].candidacyId", not(equalTo(ids.get(2))));
        assertThat(submittedEvents()).isEqualTo(events + 1);
    }

    @Test
    void identicalImportsSentAtOnceRegisterEachCandidacyOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            List<String> items = new ArrayList<>();
            List<String> insz = new ArrayList<>();
            for (int person = 0; person < 5; person++) {
                LocalDate born = LocalDate.of(1973, 1 + round, 1 + person);
                insz.add(inszFor(born));
                items.add(candidacy(insz.get(person), born, "pba-verpleegkunde", person % 2 == 0 ? "{ \"kind\": \"SELF\" }"
                        : "{ \"kind\": \"OCMW\", \"ocmwId\": \"ocmw-gent\", \"socialWorker\": { \"name\": \"Els De Smet\" } }"));
            }
            String body = "[" + String.join(",", items) + "]";
            long events = submittedEvents();

            List<Response> answers = Twins.release(TWINS, () -> asCounsellor().body(body).when().post(PATH));

            BulkImports.assertEachItemRecordedOnce(answers, items.size(), "round " + round);
            assertThat(submittedEvents()).as("round " + round).isEqualTo(events + items.size());
            assertThat(QuarkusTransaction.requiringNew().call(() -> Person.count("insz in ?1", insz)))
                    .as("round " + round).isEqualTo(items.size());
            assertThat(QuarkusTransaction.requiringNew().call(() -> Candidacy.count("person.insz in ?1", insz)))
                    .as("round " + round).isEqualTo(items.size());
            for (Response answer : answers) {
                assertThat(answer.<List<String>>path("items.candidacyId")).as("round " + round)
                        .isEqualTo(answers.get(0).path("items.candidacyId"));
            }
        }
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswer() {
        String good = selfCandidacy(LocalDate.of(1974, 3, 3), "pba-verpleegkunde");
        String body = "[" + good + "," + selfCandidacy(LocalDate.of(1974, 3, 4), "no-such-course") + "]";
        String key = "submissions-" + UUID.randomUUID();
        String first = asCounsellor().header("Idempotency-Key", key).body(body).when().post(PATH).then()
                .statusCode(200).body("items.unchanged", equalTo(Arrays.asList(false, null))).extract().asString();
        long events = submittedEvents();

        asCounsellor().header("Idempotency-Key", key).body(body).when().post(PATH).then()
                .statusCode(200).header("Idempotent-Replayed", "true")
                .body("items.unchanged", equalTo(Arrays.asList(false, null))).body(equalTo(first));
        asCounsellor().header("Idempotency-Key", key).body("[" + good + "]")
                .when().post(PATH).then().statusCode(422).contentType("application/problem+json");
        assertThat(submittedEvents()).isEqualTo(events);
    }

    @Test
    void aRequestThatIsNoListOfOneToTenThousandItemsChangesNothing() {
        String good = selfCandidacy(LocalDate.of(1974, 4, 3), "pba-verpleegkunde");
        IntakeFixtures.State before = IntakeFixtures.State.now();
        long persons = QuarkusTransaction.requiringNew().call(() -> Person.count());

        BulkImports.assertRefusedWhole(PATH, good, good.replace("\"province\": \"OVL\"", "\"province\": \"XX\""), "province");

        before.assertUnchanged();
        assertThat(QuarkusTransaction.requiringNew().call(() -> Person.count())).isEqualTo(persons);
        // the single paths beside it are untouched: a candidacy id is never "submissions"
        asCounsellor().when().get(PATH).then().statusCode(anyOf(equalTo(404), equalTo(405)));
        before.assertUnchanged();
    }

    private static long submittedEvents() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("eventType", SUBMITTED));
    }

    private static long formalAgreementRequests() {
        return QuarkusTransaction.requiringNew().call(() -> OcmwNotification.count("kind",
                OcmwNotification.Kind.FORMAL_AGREEMENT_REQUESTED));
    }

    /** The submission events of these candidacies on the topic, once at least {@code expected} are there. */
    private static List<ConsumerRecord<String, String>> submittedOnKafka(Set<String> candidacyIds, int expected) {
        return new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).awaitAtLeast(Topics.INTAKE,
                record -> SUBMITTED.equals(KafkaTestClient.header(record, "ce_type"))
                        && candidacyIds.stream().anyMatch(id -> record.value().contains("\"" + id + "\"")),
                expected, Duration.ofSeconds(20));
    }
}
