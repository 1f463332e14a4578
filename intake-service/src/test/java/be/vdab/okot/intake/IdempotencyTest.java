package be.vdab.okot.intake;

import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.intake.persistence.Candidacy;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.asOcmw;
import static be.vdab.okot.intake.IntakeFixtures.ocmwCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.screening;
import static be.vdab.okot.intake.IntakeFixtures.selfCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static io.restassured.RestAssured.given;

/**
 * Idempotency-Key (api.md): a repeated POST from the same caller answers the first answer again and creates
 * nothing new; keys are scoped to the caller (organisation and subject) and looked up after authorisation.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class IdempotencyTest {

    @BeforeEach
    void catalogue() {
        IntakeFixtures.catalogue();
    }

    @Test
    void theSameKeyWithTheSameBodyReturnsTheFirstAnswerAndCreatesNothingNew() {
        String key = UUID.randomUUID().toString();
        String body = selfCandidacy(LocalDate.of(1994, 4, 14), "tko-zorgkundige");
        String first = asCounsellor().header("Idempotency-Key", key).body(body).when().post("/candidacies")
                .then().statusCode(201).extract().path("id");
        IntakeFixtures.State after = IntakeFixtures.State.now();

        // the same JSON written differently is the same request
        String again = asCounsellor().header("Idempotency-Key", key).body(body.replace("\n", " "))
                .when().post("/candidacies")
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", containsString(first)).extract().path("id");

        assertThat(again).isEqualTo(first);
        after.assertUnchanged();
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        String key = UUID.randomUUID().toString();
        asCounsellor().header("Idempotency-Key", key).body(selfCandidacy(LocalDate.of(1995, 5, 15), "tko-zorgkundige"))
                .when().post("/candidacies").then().statusCode(201);
        IntakeFixtures.State before = IntakeFixtures.State.now();

        asCounsellor().header("Idempotency-Key", key).body(selfCandidacy(LocalDate.of(1995, 5, 16), "tko-zorgkundige"))
                .when().post("/candidacies")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", containsString("idempotency-key-reused"));
        before.assertUnchanged();
    }

    @Test
    void aRepeatedScreeningIsAnsweredAgainNotRefusedAsAConflict() {
        String id = submitted(selfCandidacy(LocalDate.of(1996, 6, 16), "hbo-verpleegkunde"));
        String key = UUID.randomUUID().toString();
        asCounsellor().header("Idempotency-Key", key).body(screening("APPROVED"))
                .when().post("/candidacies/{id}/screening", id).then().statusCode(200);
        IntakeFixtures.State before = IntakeFixtures.State.now();

        asCounsellor().header("Idempotency-Key", key).body(screening("APPROVED"))
                .when().post("/candidacies/{id}/screening", id)
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("status", equalTo("APPROVED"));
        before.assertUnchanged();
        // without the key the repetition is what it is: a second screening, refused
        asCounsellor().body(screening("APPROVED")).when().post("/candidacies/{id}/screening", id)
                .then().statusCode(409);
    }

    @Test
    void refusesAnEmptyBlankOverlongOrRepeatedKeyAndCreatesNothing() {
        String body = selfCandidacy(LocalDate.of(1997, 7, 17), "tko-zorgkundige");
        IntakeFixtures.State before = IntakeFixtures.State.now();
        for (String key : new String[] {"", "   ", "\t", "x".repeat(201)}) {
            asCounsellor().header("Idempotency-Key", key).body(body).when().post("/candidacies")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", hasItem("Idempotency-Key"));
        }
        // two keys in one request: which one to honour would be a guess
        asCounsellor().header("Idempotency-Key", "a1").header("Idempotency-Key", "b2").body(body).when().post("/candidacies")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("Idempotency-Key"));
        before.assertUnchanged();
        asCounsellor().header("Idempotency-Key", "x".repeat(200)).body(body).when().post("/candidacies")
                .then().statusCode(201);
    }

    // --- keys are scoped to the caller (api.md), and looked up only after authorisation ---

    @Test
    void anotherOcmwSendingTheSameKeyAndBodyGetsA403AndNothingOfTheFirstAnswer() {
        String id = submitted(ocmwCandidacy(LocalDate.of(1988, 8, 18), "tko-zorgkundige", "ocmw-gent"));
        String key = UUID.randomUUID().toString();
        asOcmw("ocmw-gent").header("Idempotency-Key", key).body("{}")
                .when().post("/candidacies/{id}/formal-agreement", id).then().statusCode(200);
        IntakeFixtures.State before = IntakeFixtures.State.now();

        String refused = asOcmw("ocmw-antwerpen").header("Idempotency-Key", key).body("{}")
                .when().post("/candidacies/{id}/formal-agreement", id)
                .then().statusCode(403).contentType("application/problem+json")
                .header("Idempotent-Replayed", nullValue())
                .extract().asString();
        assertThat(refused).doesNotContain("Peeters").doesNotContain("personId").doesNotContain("AWAITING_SCREENING");
        // the same social worker's subject in another OCMW is another caller, with no access either
        given().auth().oauth2(TestTokens.ocmw("social-worker@ocmw-gent", "ocmw-antwerpen")).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body("{}").when().post("/candidacies/{id}/formal-agreement", id)
                .then().statusCode(403).header("Idempotent-Replayed", nullValue());
        before.assertUnchanged();
        // the OCMW that agreed still gets its own answer again
        asOcmw("ocmw-gent").header("Idempotency-Key", key).body("{}")
                .when().post("/candidacies/{id}/formal-agreement", id)
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("id", equalTo(id));
    }

    @Test
    void aCounsellorsKeyIsNotAnotherCounsellorsKey() {
        String key = UUID.randomUUID().toString();
        String body = selfCandidacy(LocalDate.of(1989, 9, 19), "tko-zorgkundige");
        asCounsellorNamed("an.counsellor").header("Idempotency-Key", key).body(body).when().post("/candidacies")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue());
        IntakeFixtures.State before = IntakeFixtures.State.now();

        // the same key and body from a colleague is the colleague's own request: the person already has
        // this candidacy open (409), not a replay of the first counsellor's answer
        asCounsellorNamed("bart.counsellor").header("Idempotency-Key", key).body(body).when().post("/candidacies")
                .then().statusCode(409).header("Idempotent-Replayed", nullValue());
        before.assertUnchanged();
        // and the colleague's own key may carry another body: no 422 "key reused"
        asCounsellorNamed("bart.counsellor").header("Idempotency-Key", key)
                .body(selfCandidacy(LocalDate.of(1989, 9, 20), "tko-zorgkundige")).when().post("/candidacies")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue());
    }

    @Test
    void theSameSubjectInAnotherOrganisationIsAnotherCaller() {
        String key = UUID.randomUUID().toString();
        String body = selfCandidacy(LocalDate.of(1990, 10, 20), "tko-zorgkundige");
        String vdab = TestTokens.issuer().issue("shared.subject", "counsellor", null, Duration.ofHours(1));
        String elsewhere = TestTokens.issuer().issue("shared.subject", "counsellor", "ocmw-gent", Duration.ofHours(1));
        given().auth().oauth2(vdab).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/candidacies").then().statusCode(201);

        given().auth().oauth2(elsewhere).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/candidacies").then().statusCode(409).header("Idempotent-Replayed", nullValue());
        given().auth().oauth2(vdab).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/candidacies").then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void concurrentTwinsWithOneKeyCreateOneCandidacyAndNeverA500() throws Exception {
        int twins = 6;
        ExecutorService pool = Executors.newFixedThreadPool(twins);
        try {
            for (int round = 0; round < 5; round++) {
                LocalDate birthDate = LocalDate.of(1991, 1, 1).plusDays(round);
                String insz = IntakeFixtures.inszFor(birthDate);
                String body = IntakeFixtures.candidacy(insz, birthDate, "tko-zorgkundige", "{ \"kind\": \"SELF\" }");
                String key = UUID.randomUUID().toString();
                String token = TestTokens.counsellor();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<io.restassured.response.Response>> answers = new ArrayList<>();
                for (int i = 0; i < twins; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return given().auth().oauth2(token).contentType(ContentType.JSON)
                                .header("Idempotency-Key", key).body(body).when().post("/candidacies");
                    }));
                }
                start.countDown();
                int created = 0;
                for (Future<io.restassured.response.Response> answer : answers) {
                    io.restassured.response.Response response = answer.get(60, TimeUnit.SECONDS);
                    assertThat(response.statusCode()).as("round %d: %s", round, response.asString()).isIn(201, 409);
                    if (response.statusCode() == 201 && response.header("Idempotent-Replayed") == null) {
                        created++;
                    }
                }
                assertThat(created).as("first answers in round %d", round).isEqualTo(1);
                long candidacies = QuarkusTransaction.requiringNew().call(() -> Candidacy.count("person.insz", insz));
                assertThat(candidacies).as("candidacies of the person in round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static RequestSpecification asCounsellorNamed(String subject) {
        return given().auth().oauth2(TestTokens.counsellor(subject)).contentType(ContentType.JSON);
    }
}
