package be.vdab.okot.intake.domain;

import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.intake.domain.TrajectoryStatus.ContractFacts;
import be.vdab.okot.intake.domain.TrajectoryStatus.CurrentEnd;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrajectoryStatusTest {

    private static final LocalDate YEAR_1 = LocalDate.of(2020, 9, 21);
    private static final LocalDate YEAR_2 = LocalDate.of(2021, 9, 20);

    @Test
    void noContractOrOnlyCancelledOnesLeaveTheCandidacyApprovedNeverClosed() {
        assertThat(TrajectoryStatus.of(List.of())).isEqualTo(CandidacyStatus.APPROVED);
        assertThat(TrajectoryStatus.of(List.of(contract("a", YEAR_1, false, true, end(1, Result.FAILED, null)))))
                .isEqualTo(CandidacyStatus.APPROVED);
    }

    @Test
    void aRunningContractEnrolsAndTheF4RuleOnTheLastContractCloses() {
        assertThat(TrajectoryStatus.of(List.of(contract("a", YEAR_1, false, false, null))))
                .isEqualTo(CandidacyStatus.ENROLLED);
        assertThat(TrajectoryStatus.of(List.of(contract("a", YEAR_1, false, false, end(1, Result.FAILED, null)))))
                .isEqualTo(CandidacyStatus.CLOSED);
        assertThat(TrajectoryStatus.of(List.of(contract("a", YEAR_1, false, false, end(1, Result.PASSED, null)))))
                .as("passed a year that is not final: the cluster goes on").isEqualTo(CandidacyStatus.ENROLLED);
        assertThat(TrajectoryStatus.of(List.of(contract("a", YEAR_1, true, false, end(1, Result.PASSED, null)))))
                .isEqualTo(CandidacyStatus.CLOSED);
        assertThat(TrajectoryStatus.of(List.of(contract("a", YEAR_1, false, false,
                end(1, Result.STOPPED, StopReason.REORIENTATION))))).isEqualTo(CandidacyStatus.ENROLLED);
    }

    @Test
    void aModuleCandidacyIsClosedByItsOneTrainingsEndWhateverTheResult() {
        for (String module : List.of("KNELPUNT_4A", "KNELPUNT_4B")) {
            assertThat(TrajectoryStatus.of(module, List.of(contract("a", YEAR_1, true, false,
                    end(1, Result.STOPPED, StopReason.REORIENTATION))))).isEqualTo(CandidacyStatus.CLOSED);
            assertThat(TrajectoryStatus.of(module, List.of(contract("a", YEAR_1, true, false,
                    end(1, Result.STOPPED, StopReason.REGISTRATION_TECHNICAL))))).isEqualTo(CandidacyStatus.CLOSED);
            assertThat(TrajectoryStatus.of(module, List.of(contract("a", YEAR_1, true, false, null))))
                    .isEqualTo(CandidacyStatus.ENROLLED);
        }
        assertThat(TrajectoryStatus.of("OKOT", List.of(contract("a", YEAR_1, true, false,
                end(1, Result.STOPPED, StopReason.REORIENTATION))))).isEqualTo(CandidacyStatus.ENROLLED);
    }

    @Test
    void theRepeatedYearReopensWhateverOrderTheFactsAreGivenIn() {
        List<ContractFacts> facts = new ArrayList<>(List.of(
                contract("b-year-1", YEAR_1, false, false, end(1, Result.FAILED, null)),
                contract("a-repeat", YEAR_2, false, false, null)));
        assertThat(TrajectoryStatus.of(facts)).isEqualTo(CandidacyStatus.ENROLLED);
        Collections.reverse(facts);
        assertThat(TrajectoryStatus.of(facts)).isEqualTo(CandidacyStatus.ENROLLED);
    }

    @Test
    void cancellingTheLaterYearLetsTheEarlierEndDecide() {
        assertThat(TrajectoryStatus.of(List.of(
                contract("a", YEAR_1, false, false, end(1, Result.STOPPED, StopReason.BY_CLIENT)),
                contract("b", YEAR_2, false, true, null)))).isEqualTo(CandidacyStatus.CLOSED);
    }

    @Test
    void everyClusterMustBeClosedForTheCandidacyToBeClosed() {
        assertThat(TrajectoryStatus.of(List.of(
                new ContractFacts("a", "cluster-1", YEAR_1, false, false, end(1, Result.FAILED, null)),
                new ContractFacts("b", "cluster-2", YEAR_2, false, false, null)))).isEqualTo(CandidacyStatus.ENROLLED);
    }

    private static ContractFacts contract(String id, LocalDate start, boolean finalYear, boolean cancelled, CurrentEnd end) {
        return new ContractFacts(id, "cluster", start, finalYear, cancelled, end);
    }

    private static CurrentEnd end(int revision, Result result, StopReason reason) {
        return new CurrentEnd(revision, LocalDate.of(2021, 6, 30), result, reason);
    }
}
