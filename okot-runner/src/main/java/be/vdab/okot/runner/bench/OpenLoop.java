package be.vdab.okot.runner.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Calls at a fixed rate, open loop: call {@code i} is due at {@code start + i / rate} whatever became of the
 * calls before it, and its latency counts from when it was due, not from when it could be sent. A stalled
 * service therefore shows as a stall in the latencies of every call that waited behind it, instead of slowing
 * the load down and hiding (coordinated omission). At most {@code maxInFlight} calls are open at once: a call
 * due while all are busy is sent as soon as one returns, and its wait counts.
 */
public final class OpenLoop {

    private OpenLoop() {
    }

    /** {@code ratePerSecond} calls a second for {@code duration}. */
    public record Schedule(double ratePerSecond, Duration duration) {

        public Schedule {
            if (!(ratePerSecond > 0) || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("A schedule needs a positive rate and duration");
            }
        }

        /** How many calls fall in the duration. */
        public int count() {
            return (int) Math.floor(ratePerSecond * duration.toNanos() / 1e9 + 1e-9);
        }

        /** When call {@code index} (from 0) is due, in nanoseconds after the start. */
        public long dueNanos(int index) {
            return Math.round(index * 1e9 / ratePerSecond);
        }

        /** The latency of call {@code index} answered at {@code answeredNanos} in a run started at {@code startNanos}. */
        public long latencyNanos(long startNanos, int index, long answeredNanos) {
            return answeredNanos - (startNanos + dueNanos(index));
        }
    }

    /** When each call was answered successfully ({@link #FAILED} otherwise), on {@link System#nanoTime()}. */
    public record Result(Schedule schedule, long startNanos, long[] answeredNanos) {

        public static final long FAILED = Long.MIN_VALUE;

        public long successes() {
            return Arrays.stream(answeredNanos).filter(nanos -> nanos != FAILED).count();
        }

        /** The successful answers' times, ascending. */
        public long[] successTimes() {
            return Arrays.stream(answeredNanos).filter(nanos -> nanos != FAILED).sorted().toArray();
        }

        /** Successes per second over the scheduled duration, or until the last answer when that came later. */
        public double achievedRate() {
            long last = Arrays.stream(answeredNanos).filter(nanos -> nanos != FAILED).max().orElse(startNanos);
            long span = Math.max(schedule.duration().toNanos(), last - startNanos);
            return successes() * 1e9 / span;
        }
    }

    /**
     * Runs {@code schedule}: {@code call.apply(i)} starts call {@code i}; each answer's latency (from due time) or
     * error goes into {@code latencies}. Returns when every call was answered (the client's request timeout
     * bounds that) or {@code drainTimeout} after the last was due; calls still open then count as errors.
     */
    public static Result run(Schedule schedule, int maxInFlight, IntFunction<CompletableFuture<BenchClient.Answer>> call,
                             Latencies latencies, Progress.Task progress, Duration drainTimeout) {
        int count = schedule.count();
        long[] answered = new long[count];
        Arrays.fill(answered, Result.FAILED);
        boolean[] finished = new boolean[count];
        Semaphore inFlight = new Semaphore(maxInFlight);
        CountDownLatch open = new CountDownLatch(count);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                long due = start + schedule.dueNanos(i);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                inFlight.acquire();
                int index = i;
                CompletableFuture<BenchClient.Answer> answer;
                try {
                    answer = call.apply(index);
                } catch (RuntimeException e) {
                    answer = CompletableFuture.completedFuture(new BenchClient.Answer(0, null,
                            e.getClass().getSimpleName(), e.getMessage()));
                }
                answer.whenComplete((result, error) -> {
                    long now = System.nanoTime();
                    inFlight.release();
                    synchronized (finished) {
                        if (finished[index]) {
                            return; // counted as unanswered already
                        }
                        finished[index] = true;
                        if (result != null && result.ok()) {
                            answered[index] = now;
                        }
                    }
                    if (result != null) {
                        result.recordIn(latencies, schedule.latencyNanos(start, index, now));
                    } else {
                        latencies.error(error.getClass().getSimpleName(), error.getMessage());
                    }
                    progress.advance();
                    open.countDown();
                });
            }
            if (!open.await(drainTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                synchronized (finished) {
                    for (int i = 0; i < count; i++) {
                        if (!finished[i]) {
                            finished[i] = true;
                            latencies.error("unanswered", "no answer " + drainTimeout.toSeconds() + " s after the last call was due");
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        synchronized (finished) {
            return new Result(schedule, start, answered.clone());
        }
    }
}
