package be.vdab.okot.intake;

import be.vdab.okot.intake.persistence.Candidacy;
import be.vdab.okot.intake.persistence.Person;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import be.vdab.okot.testing.Twins;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.candidacy;
import static be.vdab.okot.intake.IntakeFixtures.inszFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent twins of POST /candidacies (no Idempotency-Key), released together, round after round:
 * one person per INSZ and one open candidacy per person and course hold in the database, and a
 * losing twin gets a 409 problem that names no value, never a 500.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class ConcurrentCandidacyTest {

    private static final int ROUNDS = 8;
    private static final int TWINS = 4;
    private static final String SELF = "{ \"kind\": \"SELF\" }";

    @BeforeEach
    void catalogue() {
        IntakeFixtures.catalogue();
    }

    @Test
    void twinsForAKnownPersonGiveOneCandidacyAndConflicts() {
        for (int round = 0; round < ROUNDS; round++) {
            LocalDate birthDate = LocalDate.of(1980, 1, 1).plusDays(round);
            String insz = inszFor(birthDate);
            // known: an earlier candidacy for another course
            String personId = asCounsellor().body(candidacy(insz, birthDate, "tko-kinderzorg", SELF))
                    .when().post("/candidacies").then().statusCode(201).extract().path("personId");
            String body = candidacy(insz, birthDate, "hbo-verpleegkunde", SELF);

            List<Response> answers = Twins.release(TWINS, () -> asCounsellor().body(body).when().post("/candidacies"));

            assertOneCreatedRestConflicts(answers, insz, "round " + round);
            assertThat(openCandidacies(personId, "hbo-verpleegkunde")).as("round " + round).isEqualTo(1);
        }
    }

    @Test
    void twinsForANewPersonRegisterThePersonOnceWithOneCandidacy() {
        for (int round = 0; round < ROUNDS; round++) {
            LocalDate birthDate = LocalDate.of(1982, 2, 1).plusDays(round);
            String insz = inszFor(birthDate);
            String body = candidacy(insz, birthDate, "tko-zorgkundige", SELF);

            List<Response> answers = Twins.release(TWINS, () -> asCounsellor().body(body).when().post("/candidacies"));

            assertOneCreatedRestConflicts(answers, insz, "round " + round);
            String personId = answers.stream().filter(answer -> answer.statusCode() == 201).findFirst().orElseThrow()
                    .path("personId");
            assertThat(QuarkusTransaction.requiringNew().call(() -> Person.count("insz", insz))).isEqualTo(1);
            assertThat(openCandidacies(personId, "tko-zorgkundige")).as("round " + round).isEqualTo(1);
        }
    }

    @Test
    void candidaciesOfOnePersonForDifferentCoursesAtOnceAreAllAccepted() {
        for (int round = 0; round < ROUNDS / 2; round++) {
            LocalDate birthDate = LocalDate.of(1984, 3, 1).plusDays(round);
            String insz = inszFor(birthDate);
            asCounsellor().body(candidacy(insz, birthDate, "pba-verpleegkunde", SELF)).when().post("/candidacies")
                    .then().statusCode(201);

            List<Response> answers = Twins.release(List.of(
                    () -> asCounsellor().body(candidacy(insz, birthDate, "tko-kinderzorg", SELF)).when().post("/candidacies"),
                    () -> asCounsellor().body(candidacy(insz, birthDate, "hbo-verpleegkunde", SELF)).when().post("/candidacies"),
                    () -> asCounsellor().body(candidacy(insz, birthDate, "tko-zorgkundige", SELF)).when().post("/candidacies")));

            assertThat(answers).extracting(Response::statusCode).as("round " + round).containsOnly(201);
        }
    }

    private static void assertOneCreatedRestConflicts(List<Response> answers, String insz, String round) {
        assertThat(answers).extracting(Response::statusCode).as(round)
                .containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(1);
        answers.stream().filter(answer -> answer.statusCode() == 409).forEach(conflict -> {
            assertThat(conflict.contentType()).startsWith("application/problem+json");
            assertThat(conflict.asString()).as(round).doesNotContain(insz);
        });
    }

    private static long openCandidacies(String personId, String courseCode) {
        return QuarkusTransaction.requiringNew().call(() -> Candidacy.<Candidacy>stream(
                "person.personId = ?1 and courseCode = ?2", personId, courseCode)
                .filter(candidacy -> candidacy.status.isOpen()).count());
    }
}
