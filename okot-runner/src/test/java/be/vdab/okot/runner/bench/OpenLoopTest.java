package be.vdab.okot.runner.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenLoopTest {

    @Test
    void spacesTheCallsEvenlyAtTheRate() {
        OpenLoop.Schedule schedule = new OpenLoop.Schedule(200, Duration.ofSeconds(10));

        assertThat(schedule.count()).isEqualTo(2000);
        assertThat(schedule.dueNanos(0)).isZero();
        assertThat(schedule.dueNanos(1)).isEqualTo(5_000_000L);
        assertThat(schedule.dueNanos(1999)).isEqualTo(9_995_000_000L);
        assertThat(new OpenLoop.Schedule(3, Duration.ofSeconds(1)).dueNanos(2)).isEqualTo(666_666_667L);
        assertThat(new OpenLoop.Schedule(0.5, Duration.ofSeconds(3)).count()).isEqualTo(1);
    }

    @Test
    void countsLatencyFromWhenACallWasDueNotWhenItWasSent() {
        OpenLoop.Schedule schedule = new OpenLoop.Schedule(100, Duration.ofSeconds(1));
        long start = 1_000_000_000L;
        // call 10 was due 100 ms after the start; a stall kept it until 450 ms, answered at 460 ms
        assertThat(schedule.latencyNanos(start, 10, start + 460_000_000L)).isEqualTo(360_000_000L);
    }

    @Test
    void refusesAScheduleWithoutRateOrDuration() {
        assertThatThrownBy(() -> new OpenLoop.Schedule(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenLoop.Schedule(10, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStallShowsInEveryCallThatWaitedBehindIt() {
        // one call open at a time: call 0 takes 200 ms, the four due meanwhile (every 20 ms) wait for it
        OpenLoop.Schedule schedule = new OpenLoop.Schedule(50, Duration.ofMillis(100));
        ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
        try {
            Latencies latencies = new Latencies();
            OpenLoop.Result result = OpenLoop.run(schedule, 1, index -> {
                CompletableFuture<BenchClient.Answer> answer = new CompletableFuture<>();
                answers.schedule(() -> answer.complete(new BenchClient.Answer(index == 3 ? 500 : 200, "", null, null)),
                        index == 0 ? 200 : 1, TimeUnit.MILLISECONDS);
                return answer;
            }, latencies, new Progress(System.err, false).start("test", schedule.count()), Duration.ofSeconds(5));

            assertThat(result.successes()).isEqualTo(4);
            assertThat(latencies.count()).isEqualTo(4);
            assertThat(latencies.errors()).containsEntry("HTTP 500", 1L);
            // call 4 was due at 80 ms and could only be sent after call 0 returned at 200 ms
            assertThat(latencies.percentileMillis(0)).isGreaterThanOrEqualTo(120);
            assertThat(latencies.maxMillis()).isGreaterThanOrEqualTo(200);
            assertThat(result.achievedRate()).isLessThan(50);
        } finally {
            answers.shutdownNow();
        }
    }
}
