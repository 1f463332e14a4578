package be.vdab.okot.runner.bench;

import be.vdab.okot.runner.Platform.Service;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the funnel of one period ({@code GET /stats/funnel?from=&to=}, its total: the candidacies submitted in
 * it), or another figure's total, over and over with one client, a short pause between reads, and keeps each read's count and the time its
 * answer came back.
 */
final class FunnelPoller implements Runnable {

    private final BenchClient client;
    private final HttpRequest request;
    private final long pauseMillis;
    private final String totalField;
    private final ObjectMapper json = new ObjectMapper();
    private final List<FreshnessCurve.Observation> observations = new ArrayList<>();
    private final Latencies queries = new Latencies();
    private volatile boolean stopped;
    private volatile long latest = -1;
    private long before;
    private Thread thread;

    FunnelPoller(BenchClient client, String analystToken, String query, long pauseMillis) {
        this(client, analystToken, "funnel", query, null, pauseMillis);
    }

    /**
     * Polls another figure the same way: {@code GET /stats/<figure>?<query>}, its {@code total}, or the field
     * {@code totalField} of the total when the total is an object (outflow's {@code closedClusters}).
     */
    FunnelPoller(BenchClient client, String analystToken, String figure, String query, String totalField,
                 long pauseMillis) {
        this.client = client;
        this.request = client.get(Service.STATS, "/stats/" + figure + "?" + query, analystToken);
        this.totalField = totalField;
        this.pauseMillis = pauseMillis;
    }

    /** One read, which must succeed: the count before a run. */
    long readCount() {
        BenchClient.Answer answer = client.send(request);
        if (!answer.ok()) {
            throw new IllegalStateException(request.uri() + " → " + answer.errorKind() + " " + answer.errorExample());
        }
        return total(answer);
    }

    @Override
    public void run() {
        while (!stopped) {
            long begin = System.nanoTime();
            BenchClient.Answer answer = client.send(request);
            long answered = System.nanoTime();
            answer.recordIn(queries, answered - begin);
            if (answer.ok()) {
                long count = total(answer);
                synchronized (observations) {
                    observations.add(new FreshnessCurve.Observation(answered, count));
                }
                latest = count;
            }
            pause(pauseMillis);
        }
    }

    /**
     * Waits until a read counts {@code expected} or {@code timeout} passed; progress shows how many were counted
     * above {@code before}.
     */
    void awaitCount(long before, long expected, Duration timeout, Progress.Task progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (latest < expected && System.nanoTime() < deadline) {
            progress.update(Math.max(0, latest - before));
            pause(Math.max(pauseMillis, 10));
        }
        progress.update(Math.max(0, latest - before));
    }

    void stop() {
        stopped = true;
    }

    /** Starts polling on a daemon thread of its own, {@code before} being the count before the load. */
    void start(long before) {
        this.before = before;
        thread = new Thread(this, "figure-poller");
        thread.setDaemon(true);
        thread.start();
    }

    /** The count before the load, as given to {@link #start(long)}. */
    long before() {
        return before;
    }

    /** Stops the thread {@link #start(long)} started and waits (at most 10 s) until it ended. */
    void stopAndJoin() {
        stop();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every successful read, in order. */
    List<FreshnessCurve.Observation> observations() {
        synchronized (observations) {
            return List.copyOf(observations);
        }
    }

    /** How long the reads took. */
    Latencies queries() {
        return queries;
    }

    private long total(BenchClient.Answer answer) {
        try {
            JsonNode total = json.readTree(answer.body()).path("total");
            if (totalField != null) {
                total = total.path(totalField);
            }
            if (!total.canConvertToLong()) {
                throw new IllegalStateException("The funnel answered without a total: " + answer.body());
            }
            return total.asLong();
        } catch (IOException e) {
            throw new IllegalStateException("The funnel's answer is not JSON: " + answer.body(), e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
