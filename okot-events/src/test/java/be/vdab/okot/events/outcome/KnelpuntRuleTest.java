package be.vdab.okot.events.outcome;

import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.KnelpuntRule.Count;
import be.vdab.okot.events.outcome.KnelpuntRule.Counted;
import be.vdab.okot.events.outcome.KnelpuntRule.Module;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** F7 (figures.md, question 315): module 4a/4b trainings, started on the start, ended on the end date. */
class KnelpuntRuleTest {

    private static final LocalDate START = LocalDate.of(2019, 10, 7);
    private static final LocalDate END = LocalDate.of(2020, 3, 20);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"PASSED,COMPLETED", "FAILED,FAILED", "STOPPED,STOPPED_EARLY"})
    void anEndCountsByItsResult(Result result, Count count) {
        assertThat(KnelpuntRule.ended(result)).isEqualTo(count);
        assertThat(KnelpuntRule.counts(KnelpuntRule.MODULE_4A, false, START, END, result))
                .containsExactly(new Counted(Count.STARTED, START), new Counted(count, END));
    }

    @Test
    void aRunningTrainingHasStartedOnly() {
        assertThat(KnelpuntRule.counts(KnelpuntRule.MODULE_4B, false, START, null, null))
                .containsExactly(new Counted(Count.STARTED, START));
    }

    @Test
    void aCancelledTrainingCountsNowhere() {
        assertThat(KnelpuntRule.counts(KnelpuntRule.MODULE_4A, true, START, END, Result.PASSED)).isEmpty();
    }

    @Test
    void anOkotContractIsNoModuleTraining() {
        assertThat(KnelpuntRule.isModule("OKOT")).isFalse();
        assertThat(KnelpuntRule.isModule(null)).isFalse();
        assertThat(KnelpuntRule.counts("OKOT", false, START, END, Result.PASSED)).isEmpty();
    }

    @Test
    void aStopCountsAsStoppedEarlyWhateverItsReason() {
        // unlike F3, a reorientation is no exception here: the four counts of question 315 cover every end
        assertThat(KnelpuntRule.counts(KnelpuntRule.MODULE_4A, false, START, END, Result.STOPPED))
                .extracting(Counted::count).containsExactly(Count.STARTED, Count.STOPPED_EARLY);
    }

    @Test
    void theModuleIsThatOfTheProgramme() {
        assertThat(KnelpuntRule.module(KnelpuntRule.MODULE_4A)).contains(Module.M4A);
        assertThat(KnelpuntRule.module(KnelpuntRule.MODULE_4B)).contains(Module.M4B);
        assertThat(KnelpuntRule.module("OKOT")).isEmpty();
    }

    @Test
    void theTotalIsTheTrainingsStarted() {
        assertThat(KnelpuntRule.TOTAL).isEqualTo(Count.STARTED);
    }
}
