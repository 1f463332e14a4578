package be.vdab.okot.runner.bench;

import java.util.List;

/**
 * How long after its answer a write is counted by a figure, when the figure only says how many writes it counts.
 * Writes run concurrently and are applied in any order, so no count tells which write it holds; what can be
 * said exactly is when the figure first counted as many writes as had been answered: the {@code k}-th answered
 * write (by answer time) is taken as counted at the first observation made at or after its answer that counts
 * at least {@code k} writes above the count before the run. The resolution is one poll (the observation's time
 * is when its answer came back, so a figure query's own time is included, as an analyst would see it).
 */
public final class FreshnessCurve {

    /** Returned for a write that no observation counted. */
    public static final long NOT_SEEN = -1;

    private FreshnessCurve() {
    }

    /** A figure read at {@code nanos} ({@link System#nanoTime()} of its answer), counting {@code count}. */
    public record Observation(long nanos, long count) {
    }

    /**
     * The lag of each answered write, in the order of {@code answeredNanos}.
     *
     * @param answeredNanos the successful writes' answer times, ascending
     * @param observations  the figure's reads, in the order they were made (counts never fall)
     * @param before        the figure's count before the first write
     * @return nanoseconds from each answer until it was counted, or {@link #NOT_SEEN}
     */
    public static long[] lags(long[] answeredNanos, List<Observation> observations, long before) {
        long[] lags = new long[answeredNanos.length];
        int next = 0;
        for (int k = 0; k < answeredNanos.length; k++) {
            long answered = answeredNanos[k];
            while (next < observations.size() && (observations.get(next).nanos() < answered
                    || observations.get(next).count() - before < k + 1)) {
                next++;
            }
            lags[k] = next < observations.size() ? observations.get(next).nanos() - answered : NOT_SEEN;
        }
        return lags;
    }
}
