package be.vdab.okot.runner.bench;

import java.util.List;

/**
 * A load's writes counted by a figure, end to end: from the first call until the first read of the figure that
 * counted every accepted write ({@code accepted} above the count before the load), and how long after the load
 * stopped (its last answer) that was: 0 when the figure counted them all before the last answer came back (an
 * answer can be slower than the event). The resolution is one poll of the figure; the figure query's own time is
 * included.
 *
 * @param accepted      writes answered with a success
 * @param startNanos    the first call, on {@link System#nanoTime()}
 * @param stoppedNanos  the last answer
 * @param countedNanos  the answer of the first read that counted them all, or {@link FreshnessCurve#NOT_SEEN}
 */
public record EndToEnd(long accepted, long startNanos, long stoppedNanos, long countedNanos) {

    /** From the figure's reads, in the order they were made; {@code before} its count before the load. */
    public static EndToEnd of(long accepted, long startNanos, long stoppedNanos,
                              List<FreshnessCurve.Observation> observations, long before) {
        for (FreshnessCurve.Observation observation : observations) {
            if (observation.count() - before >= accepted) {
                return new EndToEnd(accepted, startNanos, stoppedNanos, observation.nanos());
            }
        }
        return new EndToEnd(accepted, startNanos, stoppedNanos, FreshnessCurve.NOT_SEEN);
    }

    public boolean counted() {
        return countedNanos != FreshnessCurve.NOT_SEEN;
    }

    /**
     * Accepted writes per second from the first call until all were counted (at the earliest the last answer);
     * NaN when they never were.
     */
    public double ratePerSecond() {
        return counted() ? accepted * 1e9 / Math.max(1, Math.max(countedNanos, stoppedNanos) - startNanos) : Double.NaN;
    }

    /** Milliseconds from the last answer until all were counted, 0 when before; NaN when they never were. */
    public double countedAfterStopMillis() {
        return counted() ? Math.max(0, countedNanos - stoppedNanos) / 1e6 : Double.NaN;
    }
}
