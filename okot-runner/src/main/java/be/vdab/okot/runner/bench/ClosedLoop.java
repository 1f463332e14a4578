package be.vdab.okot.runner.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Calls at full speed, closed loop: {@code connections} clients, each sending its next call as soon as its previous
 * one was answered, until {@code duration} has passed (a call started before then is waited for) or
 * {@code maxCalls} calls were started. What it measures is the throughput the service sustains with that many
 * callers; the latency of a call counts from when it was sent (a closed loop waits for the service, so a stall slows
 * the load down rather than showing in the latencies: read the rate, and take latencies from an open loop).
 */
public final class ClosedLoop {

    private ClosedLoop() {
    }

    /**
     * What a run did: successes and errors, when it started and when its last call was answered (the load stopped),
     * on {@link System#nanoTime()}.
     */
    public record Result(int connections, long successes, long errors, long startNanos, long stoppedNanos) {

        /** Successes per second from the first call until the last answer. */
        public double ratePerSecond() {
            return successes * 1e9 / Math.max(1, stoppedNanos - startNanos);
        }

        /** Seconds from the first call until the last answer. */
        public double seconds() {
            return (stoppedNanos - startNanos) / 1e9;
        }
    }

    /**
     * Runs the loop: {@code call.apply(i)} starts call {@code i} (0, 1, 2, … across all clients, each index once);
     * each answer's time (from sending) or error goes into {@code latencies}.
     */
    public static Result run(int connections, Duration duration, int maxCalls,
                             IntFunction<CompletableFuture<BenchClient.Answer>> call, Latencies latencies,
                             Progress.Task progress) {
        if (connections < 1 || maxCalls < 0) {
            throw new IllegalArgumentException("A closed loop needs at least one connection");
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong successes = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong stopped = new AtomicLong(Long.MIN_VALUE);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread client = new Thread(() -> {
                while (System.nanoTime() - deadline < 0) {
                    int index = next.getAndIncrement();
                    if (index >= maxCalls) {
                        return;
                    }
                    long sent = System.nanoTime();
                    BenchClient.Answer answer;
                    try {
                        answer = call.apply(index).join();
                    } catch (RuntimeException e) {
                        answer = new BenchClient.Answer(0, null, e.getClass().getSimpleName(), e.getMessage());
                    }
                    long answered = System.nanoTime();
                    stopped.accumulateAndGet(answered, Math::max);
                    answer.recordIn(latencies, answered - sent);
                    (answer.ok() ? successes : errors).incrementAndGet();
                    progress.advance();
                }
            }, "closed-loop-" + c);
            client.setDaemon(true);
            clients.add(client);
            client.start();
        }
        for (Thread client : clients) {
            try {
                client.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
        long last = stopped.get() == Long.MIN_VALUE ? System.nanoTime() : stopped.get();
        return new Result(connections, successes.get(), errors.get(), start, last);
    }
}
