package be.vdab.okot.e2e;

import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.ServiceProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An answered write is a committed write, even when the service is killed (SIGKILL) the moment after it answered:
 * the embedded H2 keeps commits in memory for up to half a second unless the answer waits for them to reach its
 * file (okot-messaging {@code DurableCommits}). Candidacies are written back to back for a while, intake-service
 * is killed right after the last answer, and after its restart every answered candidacy is there, and stats-service
 * counts each once (its event left through the outbox of the same commit).
 */
class AnsweredWritesSurviveAKillIT {

    @BeforeAll
    static void platform() {
        RunningPlatform.get();
    }

    @Test
    void everyCandidacyAnsweredBeforeAKillIsThereAfterTheRestart() {
        int before = Candidacies.countedThisYear();
        List<String> answered = new ArrayList<>();
        long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        while (System.nanoTime() < until) {
            answered.add(Candidacies.submitNewCandidacy());
        }
        ServiceProcess intake = RunningPlatform.service(Service.INTAKE);
        intake.kill();
        intake.startAndAwaitReady(RunningPlatform.START_TIMEOUT);

        String counsellor = RunningPlatform.token("counsellor");
        List<String> missing = answered.stream().filter(id -> given().baseUri(RunningPlatform.url(Service.INTAKE))
                .auth().oauth2(counsellor).when().get("/candidacies/" + id).statusCode() != 200).toList();
        assertThat(missing).as("candidacies answered 201 before the kill, gone after the restart (of %d)",
                answered.size()).isEmpty();
        await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(60))
                .until(() -> Candidacies.countedThisYear() >= before + answered.size());
        assertThat(Candidacies.countedThisYear()).isEqualTo(before + answered.size());
    }
}
