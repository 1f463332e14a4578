package be.vdab.okot.events.outcome;

import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Optional;

/**
 * F7's outflow (<i>knelpunt-outflow</i>, figures.md F7; question 315 answers 2 and 3, seed 004, and the note under
 * its tables): the outflow to work of module 4a/4b trainings.
 * <ul>
 *   <li>A module cluster is its one training (a module has one training year). It is <b>closed</b> when that
 *       training ends, with <b>any</b> result (PASSED, FAILED, STOPPED for any reason, reorientation included):
 *       {@link ClusterRule#closureOf} with the module's programme.</li>
 *   <li>Measured 3 months after the end as in F4 ({@link ClusterRule#measurementDate}); year Y selects the clusters
 *       closed from 1 October Y-1 to 30 September Y ({@link #closedIn}), which are exactly those whose measurement
 *       date lies in Y.</li>
 *   <li>{@code stopped=true} keeps the clusters whose training stopped early (<i>uitstroom stopzettingen</i>);
 *       without it all closed clusters count (<i>algemeen doorstroompercentage</i>).</li>
 *   <li>Measures {@code closedClusters}, {@code atWork} and the rate, half-up to two decimals ({@link ClusterRule#rate}).</li>
 * </ul>
 * Pure: plain values in, values out.
 */
public final class KnelpuntOutflowRule {

    /** The first day of the outflow year Y is 1 October of Y-1 (the note under the tables of question 315). */
    public static final MonthDay YEAR_STARTS = MonthDay.of(10, 1);

    /**
     * A closed module cluster.
     *
     * @param clusterEnd      the training's end date (ages are taken on it)
     * @param stopped         whether the training stopped early (any stop reason)
     * @param measurementDate the end plus 3 months, the day the cluster is counted on
     */
    public record Closure(LocalDate clusterEnd, boolean stopped, LocalDate measurementDate) {
    }

    private KnelpuntOutflowRule() {
    }

    /**
     * The closure of a training of this programme with this current end: empty for a training of another programme
     * (OKOT clusters are F4's) or one still running ({@code endDate} or {@code result} null).
     */
    public static Optional<Closure> closure(String programme, LocalDate endDate, Result result, StopReason stopReason) {
        if (!KnelpuntRule.isModule(programme)) {
            return Optional.empty();
        }
        return ClusterRule.closureOf(programme, new ClusterRule.LastEnd(true, endDate, result, stopReason))
                .map(closed -> new Closure(closed.clusterEnd(), result == Result.STOPPED, closed.measurementDate()));
    }

    /** Whether the cluster counts with the {@code stopped} selection: {@code true} only stoppers, {@code false} all. */
    public static boolean selected(Closure closure, boolean stoppedOnly) {
        return !stoppedOnly || closure.stopped();
    }

    /** Whether a cluster closed on {@code clusterEnd} counts in outflow year {@code year}: 1 October Y-1 – 30 September Y. */
    public static boolean closedIn(int year, LocalDate clusterEnd) {
        LocalDate first = YEAR_STARTS.atYear(year - 1);
        return !clusterEnd.isBefore(first) && clusterEnd.isBefore(YEAR_STARTS.atYear(year));
    }

    /** The rate of F7's outflow: half-up to two decimals, as F4 ({@link ClusterRule#rate}). */
    public static BigDecimal rate(long atWork, long closedClusters) {
        return ClusterRule.rate(atWork, closedClusters);
    }
}
