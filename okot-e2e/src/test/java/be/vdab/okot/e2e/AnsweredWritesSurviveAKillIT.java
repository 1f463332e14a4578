package be.vdab.okot.e2e;

import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An answered write is a committed write, even when the service is killed (SIGKILL) in the middle of a stream of
 * writes: the embedded H2 keeps commits in memory for up to half a second unless the answer waits for them to reach
 * its file (okot-messaging {@code DurableCommits}, README "An answered write is a durable write"). {@value #CLIENTS}
 * clients keep registering candidacies back to back; after 5 s of it, and at least {@value #ANSWERS_BEFORE_THE_KILL}
 * answers, intake-service is killed while the clients are still sending, so its newest commits are milliseconds old.
 * (Killed after the last answer instead, the test proved nothing: H2 writes its file within ~50 ms once its last
 * write is older than half a second, before the kill comes.) Every candidacy whose 201 reached its client (the
 * service sent it) is there after the restart; requests cut off by the kill may or may not have been committed, and
 * do not count as answered. stats-service then counts every candidacy intake-service holds exactly once.
 *
 * <p>With the durable commits switched off ({@code OKOT_DB_H2_DURABLE_COMMITS=false} for intake-service) this test
 * fails: a kill in a stream of 10 candidacies a second lost 10 of 124 answered candidacies.
 */
class AnsweredWritesSurviveAKillIT {

    /** Clients sending at the same time: each waits for its answer before it sends again. */
    private static final int CLIENTS = 12;
    /** How long the clients write before the kill, at least. */
    private static final Duration STREAM = Duration.ofSeconds(5);
    /** Answers the stream gives before the kill, at least: a machine too busy for them waits longer. */
    private static final int ANSWERS_BEFORE_THE_KILL = 100;

    @BeforeAll
    static void platform() {
        RunningPlatform.get();
    }

    @Test
    void everyCandidacyAnsweredBeforeAKillInAStreamOfWritesIsThereAfterTheRestart() throws Exception {
        int countedBeforeFirst = Candidacies.countedThisYear();
        // the first one waits until intake-service knows the course: the stream then meets no 422
        Candidacies.submitNewCandidacy();
        int heldBefore = Candidacies.heldByIntake();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Candidacies.countedThisYear() >= countedBeforeFirst + 1);
        int countedBefore = Candidacies.countedThisYear();

        ServiceProcess intake = RunningPlatform.service(Service.INTAKE);
        String token = RunningPlatform.token("counsellor");
        WriteStream stream = new WriteStream(intake.baseUrl(), token);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        long begin = System.nanoTime();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                running.add(clients.submit(stream::sendUntilTheKill));
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                    .alias("answers of the stream before the kill")
                    .until(() -> System.nanoTime() - begin >= STREAM.toNanos()
                            && stream.answered.size() >= ANSWERS_BEFORE_THE_KILL || stream.stopped());
            assertThat(stream.refused).as("answers other than 201 before the kill").isEmpty();
            assertThat(stream.failedBeforeTheKill).as("requests that failed before the kill").isEmpty();
            stream.killing = true; // from here on a failed request is the kill's doing
            intake.kill();
            long streamed = System.nanoTime() - begin;
            for (Future<?> client : running) {
                client.get(30, TimeUnit.SECONDS);
            }
            System.out.printf("E2E: %d candidacies answered by %d clients in %d ms (%.0f/s), then kill -9 while"
                            + " sending; %d requests cut off%n", stream.answered.size(), CLIENTS,
                    TimeUnit.NANOSECONDS.toMillis(streamed), stream.answered.size() * 1e9 / streamed,
                    stream.cutOff.size());
        } finally {
            clients.shutdownNow();
        }
        assertThat(stream.refused).as("answers other than 201 during the stream").isEmpty();
        assertThat(stream.failedBeforeTheKill).as("requests that failed before the kill").isEmpty();

        intake.startAndAwaitReady(RunningPlatform.START_TIMEOUT);
        List<String> answered = List.copyOf(stream.answered);
        List<String> missing = new ArrayList<>();
        for (String id : answered) {
            if (given().baseUri(intake.baseUrl()).auth().oauth2(token).when().get("/candidacies/" + id)
                    .statusCode() != 200) {
                missing.add(id);
            }
        }
        assertThat(missing).as("candidacies answered 201 before the kill, gone after the restart (%d of %d)",
                missing.size(), answered.size()).isEmpty();

        // the answered ones, and those of the cut-off requests that were committed
        int held = Candidacies.heldByIntake() - heldBefore;
        assertThat(held).isBetween(answered.size(), answered.size() + stream.cutOff.size());
        await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(60))
                .until(() -> Candidacies.countedThisYear() >= countedBefore + held);
        assertThat(Candidacies.countedThisYear()).as("candidacies stats-service counts, for %d held by intake-service",
                held).isEqualTo(countedBefore + held);
    }

    /** The clients' shared state: what was answered, refused or cut off. */
    private static final class WriteStream {

        final Queue<String> answered = new ConcurrentLinkedQueue<>();
        final Queue<String> refused = new ConcurrentLinkedQueue<>();
        final Queue<String> failedBeforeTheKill = new ConcurrentLinkedQueue<>();
        final Queue<String> cutOff = new ConcurrentLinkedQueue<>();
        volatile boolean killing;

        boolean stopped() {
            return !refused.isEmpty() || !failedBeforeTheKill.isEmpty();
        }

        private final String intake;
        private final String token;

        WriteStream(String intake, String token) {
            this.intake = intake;
            this.token = token;
        }

        /** One client: a candidacy after the other, until the service is gone. */
        void sendUntilTheKill() {
            while (true) {
                Response response;
                try {
                    response = given().baseUri(intake).auth().oauth2(token).contentType(ContentType.JSON)
                            .body(Candidacies.newCandidacyBody()).when().post("/candidacies");
                } catch (Exception e) { // the connection refused or reset (REST Assured throws them unchecked)
                    (killing ? cutOff : failedBeforeTheKill).add(e.toString());
                    return;
                }
                if (response.statusCode() != 201) {
                    refused.add(response.statusCode() + " " + response.asString());
                    return;
                }
                answered.add(response.path("id"));
            }
        }
    }
}
