package be.vdab.okot.enrolment;

import be.vdab.okot.enrolment.ContractTest.Candidate;
import be.vdab.okot.events.intake.ScreeningCompleted;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import be.vdab.okot.testing.Twins;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;

import static be.vdab.okot.enrolment.ContractTest.KLEUTER;
import static be.vdab.okot.enrolment.ContractTest.asCounsellor;
import static be.vdab.okot.enrolment.ContractTest.candidacy;
import static be.vdab.okot.enrolment.ContractTest.contract;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent POST /contracts, released together, round after round: one cluster per candidacy and
 * no overlapping contracts of a person hold, whatever the interleaving; the loser of an overlap
 * gets a 409 problem, never a 500.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class ConcurrentContractTest {

    private static final int ROUNDS = 8;

    @Test
    void yearOneAndYearTwoPostedTogetherFormOneCluster() {
        for (int round = 0; round < ROUNDS; round++) {
            Candidate candidate = candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null);

            List<Response> answers = Twins.release(List.of(
                    post(contract(candidate, "908001", "2020-09-21", "2021-06-30")),
                    post(contract(candidate, "908002", "2021-09-20", "2022-06-30"))));

            assertThat(answers).extracting(Response::statusCode).as("round " + round).containsOnly(201);
            assertThat(answers).extracting(answer -> answer.<String>path("clusterId")).as("round " + round)
                    .doesNotContainNull().containsOnly(answers.get(0).<String>path("clusterId"));
            asCounsellor().queryParam("candidacyId", candidate.candidacyId()).when().get("/contracts").then()
                    .statusCode(200).body("total", org.hamcrest.Matchers.equalTo(2));
        }
    }

    @Test
    void overlappingContractsOfOnePersonPostedTogetherGiveOneContractAndConflicts() {
        for (int round = 0; round < ROUNDS; round++) {
            Candidate first = candidacy(KLEUTER, ScreeningCompleted.Decision.APPROVED, null);
            Candidate second = candidacy("pba-verpleegkunde", ScreeningCompleted.Decision.APPROVED, first.personId());
            String kleuter = contract(first, "908001", "2020-09-21", "2021-06-30");
            String verpleegkunde = contract(second, "pba-verpleegkunde-1", "2021-02-08", "2021-06-30");

            List<Response> answers = Twins.release(List.of(post(kleuter), post(kleuter),
                    post(verpleegkunde), post(verpleegkunde)));

            assertThat(answers).extracting(Response::statusCode).as("round " + round)
                    .containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(1);
            answers.stream().filter(answer -> answer.statusCode() == 409).forEach(conflict ->
                    assertThat(conflict.contentType()).startsWith("application/problem+json"));
            asCounsellor().queryParam("personId", first.personId()).when().get("/contracts").then()
                    .statusCode(200).body("total", org.hamcrest.Matchers.equalTo(1));
        }
    }

    private static Callable<Response> post(String body) {
        return () -> asCounsellor().body(body).when().post("/contracts");
    }
}
