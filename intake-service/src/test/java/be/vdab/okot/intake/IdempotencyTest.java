package be.vdab.okot.intake;

import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.screening;
import static be.vdab.okot.intake.IntakeFixtures.selfCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Idempotency-Key (api.md): a repeated POST answers the first answer again and creates nothing new. */
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
    void refusesAnEmptyOrOverlongKey() {
        String body = selfCandidacy(LocalDate.of(1997, 7, 17), "tko-zorgkundige");
        asCounsellor().header("Idempotency-Key", "x".repeat(201)).body(body).when().post("/candidacies")
                .then().statusCode(400).body("violations.field", org.hamcrest.Matchers.hasItem("Idempotency-Key"));
    }
}
