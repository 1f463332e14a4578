package be.vdab.okot.e2e;

import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.ServiceProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No event lost, none applied twice: stats-service killed (SIGKILL) while candidacies are being
 * posted, and the broker stopped while intake-service keeps accepting candidacies.
 */
class RestartSafetyIT {

    @BeforeAll
    static void platform() {
        RunningPlatform.get();
    }

    @Test
    void statsCountsEveryCandidacyExactlyOnceAcrossACrashOfStatsService() {
        int before = Candidacies.countedThisYear();
        int total = 60;
        AtomicInteger posted = new AtomicInteger();
        CompletableFuture<Void> posting = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < total; i++) {
                Candidacies.submitNew();
                posted.incrementAndGet();
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> posted.get() >= total / 3);
        ServiceProcess stats = RunningPlatform.service(Service.STATS);
        stats.kill();
        await().atMost(Duration.ofSeconds(60)).until(() -> posted.get() >= 2 * total / 3);
        stats.startAndAwaitReady(RunningPlatform.START_TIMEOUT);
        posting.join();

        awaitCountStaysAt(before + total);
    }

    @Test
    void theOutboxKeepsCandidaciesWhileTheBrokerIsAwayAndPublishesThemOnceItIsBack() {
        int before = Candidacies.countedThisYear();
        RunningPlatform.get().broker().stop();

        int whileAway = 10;
        for (int i = 0; i < whileAway; i++) {
            Candidacies.submitNew(); // accepted: the state change and its event are in intake's database
        }
        assertThat(Candidacies.countedThisYear()).isEqualTo(before);

        RunningPlatform.get().broker().startAndAwaitReady(RunningPlatform.START_TIMEOUT);
        awaitCountStaysAt(before + whileAway);
    }

    private static void awaitCountStaysAt(int expected) {
        await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(90))
                .until(() -> Candidacies.countedThisYear() >= expected);
        // and no duplicate turns up afterwards (redelivered events, re-sent outbox rows)
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> Candidacies.countedThisYear() == expected);
        assertThat(Candidacies.countedThisYear()).isEqualTo(expected);
    }
}
