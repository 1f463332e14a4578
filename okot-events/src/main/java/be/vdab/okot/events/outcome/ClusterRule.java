package be.vdab.okot.events.outcome;

import be.vdab.okot.events.outcome.CourseEnded.Ending;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rule of F4, applied alike by outcome-service (which closes clusters) and stats-service
 * (which counts them from its own facts). A cluster is closed when its last contract ended
 * PASSED on a final year, FAILED, or STOPPED for a reason other than reorientation or registration-technical. It ends
 * POSITIVE when that contract was PASSED on a final year or STOPPED because of employment.
 * Outflow is measured 3 months after the end (30 November → 28/29 February).
 *
 * <p>What differs per programme is only when a cluster closes ({@link #closureOf}): an OKOT cluster by the rule
 * above, a module 4a/4b cluster (F7, one training) when its one training ends with any result
 * ({@link KnelpuntOutflowRule}). The ending, the measurement date and the rate are the same for both.
 */
public final class ClusterRule {

    /** The current end of the cluster's last contract. */
    public record LastEnd(boolean finalYear, LocalDate endDate, Result result, StopReason stopReason) {
    }

    public record Closure(LocalDate clusterEnd, Ending ending, LocalDate measurementDate) {
    }

    public static final int MONTHS_TO_MEASUREMENT = 3;

    private ClusterRule() {
    }

    /**
     * The order of a cluster's (not cancelled) contracts: by start date, then by contract id, so every
     * service that applies the rule picks the same last contract whatever order it learnt them in.
     *
     * @param startDate  the contract's start date
     * @param contractId the contract's id (only a tie-break between contracts starting the same day)
     */
    public static <C> Comparator<C> chainOrder(Function<C, LocalDate> startDate, Function<C, String> contractId) {
        return Comparator.comparing(startDate).thenComparing(contractId);
    }

    /** Empty while the cluster goes on (last contract running, passed a non-final year, or stopped to reorient). */
    public static Optional<Closure> closure(LastEnd last) {
        if (last == null || !closes(last)) {
            return Optional.empty();
        }
        return Optional.of(closed(last));
    }

    /**
     * The closure of a cluster of this programme (the training year's programme code as the events carry it):
     * for a module 4a/4b training (F7, {@link KnelpuntRule#isModule}) its one training's end, whatever the result
     * ({@link KnelpuntOutflowRule}); for any other programme {@link #closure(LastEnd)}. Empty while it runs.
     */
    public static Optional<Closure> closureOf(String programme, LastEnd last) {
        if (KnelpuntRule.isModule(programme)) {
            return last == null || last.endDate() == null || last.result() == null ? Optional.empty() : Optional.of(closed(last));
        }
        return closure(last);
    }

    /** The measurement date of a cluster that ended on {@code clusterEnd}: 3 calendar months later, clamped to the month's end. */
    public static LocalDate measurementDate(LocalDate clusterEnd) {
        return clusterEnd.plusMonths(MONTHS_TO_MEASUREMENT);
    }

    /**
     * The outflow rate: {@code atWork / closedClusters} as a percentage rounded half-up to two decimals
     * (figures.md F4, published as 77,34%; F7 publishes it with one); null when no cluster closed.
     */
    public static BigDecimal rate(long atWork, long closedClusters) {
        return closedClusters == 0 ? null
                : BigDecimal.valueOf(atWork * 100L).divide(BigDecimal.valueOf(closedClusters), 2, RoundingMode.HALF_UP);
    }

    /** The closure of a cluster whose last contract ended so: POSITIVE for a pass or a stop for employment. */
    private static Closure closed(LastEnd last) {
        boolean positive = last.result() == Result.PASSED
                || last.result() == Result.STOPPED && last.stopReason() == StopReason.EMPLOYMENT;
        return new Closure(last.endDate(), positive ? Ending.POSITIVE : Ending.NON_POSITIVE, measurementDate(last.endDate()));
    }

    /** A passed final year (a diploma, F2) or a drop-out (F3) ends the cluster; other stops let it go on. */
    private static boolean closes(LastEnd last) {
        return DiplomaRule.isDiploma(last.finalYear(), last.result()) || DropOutRule.isDropOut(last.result(), last.stopReason());
    }
}
