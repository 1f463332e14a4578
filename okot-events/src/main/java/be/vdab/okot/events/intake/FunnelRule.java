package be.vdab.okot.events.intake;

import be.vdab.okot.events.intake.ScreeningCompleted.Decision;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * F8, the intake funnel (figures.md; question 562 parts 9–10, seed 000, and the OCMW flow of seed 003): how
 * candidacies flow in, each step counted in the period that holds <b>the date of that step</b>.
 * <ul>
 *   <li>Unit: the <b>candidacy</b>; the figure's total is the candidacies submitted ({@link #TOTAL}).</li>
 *   <li>{@link Step#SUBMITTED} on the submission date; {@link Step#AGREED} on the OCMW social worker's formal
 *       agreement, when there is one; {@link Step#APPROVED} or {@link Step#REJECTED} on the screening date, by
 *       its decision; {@link Step#CONTRACT_STARTED} on the start date of the candidacy's <b>first contract that
 *       is not cancelled</b> ({@link #contractStarted}), whatever its programme: a cancelled first contract
 *       moves the step to the next contract, or removes it.</li>
 *   <li>Breakdown values (referral, course, province, gender, age) are those of the candidacy, the age on the
 *       step's date.</li>
 * </ul>
 * Pure: plain values in, values out; a {@code null} date is a step not (yet) taken.
 */
public final class FunnelRule {

    /** The steps of a candidacy, in the order of the flow. */
    public enum Step {
        SUBMITTED, AGREED, APPROVED, REJECTED, CONTRACT_STARTED
    }

    /** The step the figure's total counts: the candidacies submitted. */
    public static final Step TOTAL = Step.SUBMITTED;

    /**
     * One step a candidacy took.
     *
     * @param step which one
     * @param on   the day it counts on
     */
    public record Counted(Step step, LocalDate on) {
    }

    /** A contract of the candidacy, as much as the funnel needs. */
    public record ContractStart(LocalDate startDate, boolean cancelled) {
    }

    private FunnelRule() {
    }

    /**
     * The steps a candidacy took before any contract: SUBMITTED, AGREED when agreed, APPROVED or REJECTED when
     * screened.
     *
     * @param agreedOn   the OCMW formal agreement's date, {@code null} without one
     * @param screenedOn the screening's date, {@code null} while not screened
     * @param decision   the screening's decision, given with {@code screenedOn}; {@code null} counts as REJECTED
     */
    public static List<Counted> candidacySteps(LocalDate submittedOn, LocalDate agreedOn, LocalDate screenedOn,
                                               Decision decision) {
        List<Counted> steps = new ArrayList<>();
        steps.add(new Counted(Step.SUBMITTED, Objects.requireNonNull(submittedOn, "submittedOn")));
        if (agreedOn != null) {
            steps.add(new Counted(Step.AGREED, agreedOn));
        }
        if (screenedOn != null) {
            steps.add(new Counted(decision == Decision.APPROVED ? Step.APPROVED : Step.REJECTED, screenedOn));
        }
        return steps;
    }

    /** CONTRACT_STARTED on the earliest start of the candidacy's contracts that are not cancelled; empty without. */
    public static Optional<Counted> contractStarted(Collection<ContractStart> contracts) {
        return contracts.stream().filter(contract -> !contract.cancelled()).map(ContractStart::startDate)
                .min(LocalDate::compareTo).map(first -> new Counted(Step.CONTRACT_STARTED, first));
    }

    /** Every step of a candidacy: {@link #candidacySteps} and {@link #contractStarted}. */
    public static List<Counted> steps(LocalDate submittedOn, LocalDate agreedOn, LocalDate screenedOn, Decision decision,
                                      Collection<ContractStart> contracts) {
        List<Counted> steps = candidacySteps(submittedOn, agreedOn, screenedOn, decision);
        contractStarted(contracts).ifPresent(steps::add);
        return steps;
    }
}
