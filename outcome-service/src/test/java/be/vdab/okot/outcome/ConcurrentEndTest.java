package be.vdab.okot.outcome;

import be.vdab.okot.outcome.OutcomeTest.Started;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import be.vdab.okot.testing.Twins;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import static be.vdab.okot.outcome.OutcomeTest.asCounsellor;
import static be.vdab.okot.outcome.OutcomeTest.end;
import static be.vdab.okot.outcome.OutcomeTest.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Concurrent PUT /contracts/{id}/end, released together, round after round: the revisions stay
 * 1, 2, 3 ... without duplicates or gaps, identical twins make one revision, and the cluster's
 * state is the F4 closure of what was committed last; never a 500. Twins of a first outflow measurement
 * are all accepted, as one measurement.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class ConcurrentEndTest {

    private static final int ROUNDS = 8;

    @Test
    void differentEndsAtOnceBecomeConsecutiveRevisions() {
        for (int round = 0; round < ROUNDS; round++) {
            Started contract = started(true, LocalDate.of(2020, 9, 1), null, null);

            List<Response> answers = Twins.release(List.of(
                    put(contract, end("2021-06-30", "FAILED", null)),
                    put(contract, end("2021-09-10", "PASSED", null)),
                    put(contract, end("2021-03-01", "STOPPED", "BY_CLIENT"))));

            assertThat(answers).extracting(Response::statusCode).as("round " + round).containsOnly(200);
            assertThat(answers).extracting(answer -> answer.<Integer>path("revision")).as("round " + round)
                    .containsExactlyInAnyOrder(1, 2, 3);
            Response last = answers.stream().filter(answer -> answer.<Integer>path("revision") == 3).findFirst().orElseThrow();
            asCounsellor().when().get("/contracts/{id}/end", contract.contractId()).then().statusCode(200)
                    .body("revision", equalTo(3)).body("history.revision", equalTo(List.of(1, 2, 3)))
                    .body("result", equalTo(last.<String>path("result")));
        }
    }

    @Test
    void identicalEndsAtOnceMakeOneRevision() {
        for (int round = 0; round < ROUNDS; round++) {
            Started contract = started(true, LocalDate.of(2020, 9, 1), null, null);
            String body = end("2021-06-30", "PASSED", null);

            List<Response> answers = Twins.release(4, put(contract, body));

            assertThat(answers).extracting(Response::statusCode).as("round " + round).containsOnly(200);
            assertThat(answers).extracting(answer -> answer.<Integer>path("revision")).containsOnly(1);
            asCounsellor().when().get("/contracts/{id}/end", contract.contractId()).then().statusCode(200)
                    .body("history.revision", equalTo(List.of(1)));
        }
    }

    @Test
    void endsOfTwoYearsOfOneClusterAtOnceLeaveTheClosureOfTheLastYear() {
        for (int round = 0; round < ROUNDS; round++) {
            Started first = started(false, LocalDate.of(2019, 9, 2), null, null);
            Started repeat = started(false, LocalDate.of(2020, 9, 1), first.clusterId(), first);

            List<Response> answers = Twins.release(List.of(
                    put(first, end("2020-06-30", "FAILED", null)),
                    put(repeat, end("2021-06-30", "STOPPED", "EMPLOYMENT"))));

            assertThat(answers).extracting(Response::statusCode).as("round " + round).containsOnly(200);
            // the repeated year is the cluster's last: its end (employment) closes the cluster POSITIVE
            asCounsellor().queryParam("from", "2021-09-30").queryParam("on", "2021-09-30").queryParam("size", 200).when().get("/outflow/due").then()
                    .statusCode(200)
                    .body("items.find { it.clusterId == '" + first.clusterId() + "' }.ending", equalTo("POSITIVE"))
                    .body("items.find { it.clusterId == '" + first.clusterId() + "' }.clusterEnd", equalTo("2021-06-30"));
        }
    }

    @Test
    void identicalFirstMeasurementsAtOnceAreAllAcceptedAsOne() {
        for (int round = 0; round < ROUNDS; round++) {
            Started contract = started(true, LocalDate.of(2020, 9, 1), null, null);
            asCounsellor().body(end("2021-06-30", "PASSED", null)).when().put("/contracts/{id}/end", contract.contractId())
                    .then().statusCode(200);

            // twins of the first measurement of a cluster: the cluster's lock applies them one after the
            // other, the second replacing the first like any later measurement (both inserted before: a 409)
            List<Response> answers = Twins.release(6, () -> asCounsellor()
                    .body("{ \"measuredOn\": \"2021-09-30\", \"atWork\": true }")
                    .when().post("/clusters/{id}/outflow", contract.clusterId()));

            assertThat(answers).extracting(Response::statusCode).as("round " + round).containsOnly(200);
            assertThat(answers).extracting(answer -> answer.<Boolean>path("atWork")).containsOnly(true);
        }
    }

    private static Callable<Response> put(Started contract, String body) {
        return () -> asCounsellor().body(body).when().put("/contracts/{id}/end", contract.contractId());
    }
}
