package be.vdab.okot.events.intake;

import be.vdab.okot.events.intake.FunnelRule.ContractStart;
import be.vdab.okot.events.intake.FunnelRule.Counted;
import be.vdab.okot.events.intake.FunnelRule.Step;
import be.vdab.okot.events.intake.ScreeningCompleted.Decision;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** F8 (figures.md): each step of a candidacy on its own date; CONTRACT_STARTED on the first contract not cancelled. */
class FunnelRuleTest {

    private static final LocalDate SUBMITTED = LocalDate.of(2020, 5, 4);
    private static final LocalDate AGREED = LocalDate.of(2020, 5, 6);
    private static final LocalDate SCREENED = LocalDate.of(2020, 5, 20);

    @Test
    void aSubmittedCandidacyHasOneStep() {
        assertThat(FunnelRule.candidacySteps(SUBMITTED, null, null, null))
                .containsExactly(new Counted(Step.SUBMITTED, SUBMITTED));
    }

    @Test
    void eachStepCountsOnItsOwnDate() {
        assertThat(FunnelRule.candidacySteps(SUBMITTED, AGREED, SCREENED, Decision.APPROVED)).containsExactly(
                new Counted(Step.SUBMITTED, SUBMITTED), new Counted(Step.AGREED, AGREED),
                new Counted(Step.APPROVED, SCREENED));
        assertThat(FunnelRule.candidacySteps(SUBMITTED, null, SCREENED, Decision.REJECTED)).containsExactly(
                new Counted(Step.SUBMITTED, SUBMITTED), new Counted(Step.REJECTED, SCREENED));
    }

    @Test
    void theContractStepIsTheEarliestStartOfAContractThatIsNotCancelled() {
        LocalDate first = LocalDate.of(2020, 9, 1);
        LocalDate second = LocalDate.of(2021, 9, 1);
        assertThat(FunnelRule.contractStarted(List.of(new ContractStart(second, false), new ContractStart(first, false))))
                .contains(new Counted(Step.CONTRACT_STARTED, first));
        // the first contract was registered by mistake: the step moves to the next one
        assertThat(FunnelRule.contractStarted(List.of(new ContractStart(first, true), new ContractStart(second, false))))
                .contains(new Counted(Step.CONTRACT_STARTED, second));
        assertThat(FunnelRule.contractStarted(List.of(new ContractStart(first, true)))).isEmpty();
        assertThat(FunnelRule.contractStarted(List.of())).isEmpty();
    }

    @Test
    void everyStepOfACandidacyThatStarted() {
        LocalDate start = LocalDate.of(2020, 9, 1);
        assertThat(FunnelRule.steps(SUBMITTED, null, SCREENED, Decision.APPROVED, List.of(new ContractStart(start, false))))
                .extracting(Counted::step).containsExactly(Step.SUBMITTED, Step.APPROVED, Step.CONTRACT_STARTED);
    }

    @Test
    void theTotalIsTheCandidaciesSubmitted() {
        assertThat(FunnelRule.TOTAL).isEqualTo(Step.SUBMITTED);
    }
}
