package be.vdab.okot.runner.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;

/**
 * The latencies of one measured thing (a query, a write, the freshness of a write) and what went wrong:
 * successes in an HdrHistogram (microseconds, three significant digits), failures counted by kind
 * ({@code HTTP 503}, {@code timeout}, …) and never timed, with the first example of each kind.
 * Safe to record from several threads.
 */
public final class Latencies {

    private static final int EXAMPLE_LENGTH = 300;

    private final Histogram micros = new Histogram(3);
    private final Map<String, Long> errors = new TreeMap<>();
    private final Map<String, String> examples = new TreeMap<>();

    /** A success that took {@code nanos} (at least one microsecond is recorded). */
    public synchronized void record(long nanos) {
        micros.recordValue(Math.max(1, nanos / 1_000));
    }

    /** A failure of kind {@code kind}, e.g. {@code HTTP 500}; {@code example} (may be null) is kept for the first one. */
    public synchronized void error(String kind, String example) {
        errors.merge(kind, 1L, Long::sum);
        if (example != null && !examples.containsKey(kind)) {
            examples.put(kind, example.length() > EXAMPLE_LENGTH ? example.substring(0, EXAMPLE_LENGTH) + "…" : example);
        }
    }

    /** Successes measured. */
    public synchronized long count() {
        return micros.getTotalCount();
    }

    public synchronized long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized Map<String, Long> errors() {
        return Map.copyOf(errors);
    }

    public synchronized Map<String, String> errorExamples() {
        return Map.copyOf(examples);
    }

    /** The latency at {@code percentile} (0–100) in milliseconds, {@code NaN} without successes. */
    public synchronized double percentileMillis(double percentile) {
        return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1_000.0;
    }

    public synchronized double maxMillis() {
        return micros.getTotalCount() == 0 ? Double.NaN : micros.getMaxValue() / 1_000.0;
    }

    public synchronized double meanMillis() {
        return micros.getTotalCount() == 0 ? Double.NaN : micros.getMean() / 1_000.0;
    }

    /** Adds {@code count}, {@code errors}, {@code errorKinds}, {@code p50Millis}, {@code p99Millis}, {@code maxMillis}, {@code meanMillis}. */
    public synchronized ObjectNode writeTo(ObjectNode node) {
        node.put("count", count()).put("errors", errorCount());
        ObjectNode kinds = node.putObject("errorKinds");
        errors.forEach(kinds::put);
        putMillis(node, "p50Millis", percentileMillis(50));
        putMillis(node, "p99Millis", percentileMillis(99));
        putMillis(node, "maxMillis", maxMillis());
        putMillis(node, "meanMillis", meanMillis());
        return node;
    }

    private static void putMillis(ObjectNode node, String name, double millis) {
        if (Double.isNaN(millis)) {
            node.putNull(name);
        } else {
            node.put(name, Math.round(millis * 1000) / 1000.0);
        }
    }
}
