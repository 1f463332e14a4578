package be.vdab.okot.events.outcome;

import be.vdab.okot.events.outcome.CourseEnded.Ending;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;

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
        boolean positive = last.result() == Result.PASSED
                || last.result() == Result.STOPPED && last.stopReason() == StopReason.EMPLOYMENT;
        return Optional.of(new Closure(last.endDate(), positive ? Ending.POSITIVE : Ending.NON_POSITIVE,
                last.endDate().plusMonths(MONTHS_TO_MEASUREMENT)));
    }

    /** A passed final year (a diploma, F2) or a drop-out (F3) ends the cluster; other stops let it go on. */
    private static boolean closes(LastEnd last) {
        return DiplomaRule.isDiploma(last.finalYear(), last.result()) || DropOutRule.isDropOut(last.result(), last.stopReason());
    }
}
