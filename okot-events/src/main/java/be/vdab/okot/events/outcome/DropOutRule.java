package be.vdab.okot.events.outcome;

import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * F3, drop-outs (<i>uitval</i>, figures.md; question 562 answer 7, question 74 answer 3, seed 001): a contract
 * whose current end is FAILED (<i>uitgevoerd – niet geslaagd</i>) in any year, or STOPPED for any reason
 * except a reorientation within the trajectory or a registration-technical stop. A stop because the
 * person found work <b>is</b> a drop-out. Unit: contracts; the period (end date) and the programme are the
 * caller's filter. The same two stop reasons keep a cluster open under F4 ({@link ClusterRule}).
 */
public final class DropOutRule {

    /** Stops that are no drop-out: the trajectory goes on (reorientation) or the stop is administrative. */
    public static final Set<StopReason> NOT_A_DROP_OUT = Set.of(StopReason.REORIENTATION, StopReason.REGISTRATION_TECHNICAL);

    /** The breakdown value {@code by=reason} for a failed year; a stop's value is its stop reason's name. */
    public static final String FAILED = "FAILED";

    /** Every {@code by=reason} key a drop-out can have, in the order of the rows: FAILED, then the stop reasons. */
    public static final List<String> REASONS = reasons();

    private DropOutRule() {
    }

    /**
     * @param result     the current end's result (highest revision), {@code null} while the contract runs
     * @param stopReason the stop reason, given with STOPPED only
     */
    public static boolean isDropOut(Result result, StopReason stopReason) {
        return result == Result.FAILED || result == Result.STOPPED && !NOT_A_DROP_OUT.contains(stopReason);
    }

    /** The {@code by=reason} key of a drop-out ({@link #FAILED} or the stop reason), empty for any other end. */
    public static Optional<String> reason(Result result, StopReason stopReason) {
        if (!isDropOut(result, stopReason)) {
            return Optional.empty();
        }
        return Optional.of(result == Result.FAILED ? FAILED : stopReason.name());
    }

    private static List<String> reasons() {
        List<String> reasons = new ArrayList<>(List.of(FAILED));
        for (StopReason stopReason : StopReason.values()) {
            if (!NOT_A_DROP_OUT.contains(stopReason)) {
                reasons.add(stopReason.name());
            }
        }
        return List.copyOf(reasons);
    }
}
