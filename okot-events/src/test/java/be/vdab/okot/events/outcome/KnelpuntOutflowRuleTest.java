package be.vdab.okot.events.outcome;

import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class KnelpuntOutflowRuleTest {

    private static final LocalDate END = LocalDate.of(2020, 3, 31);

    @ParameterizedTest
    @EnumSource(Result.class)
    void aModuleTrainingClosesItsClusterOnAnyResultMeasuredThreeMonthsLater(Result result) {
        StopReason reason = result == Result.STOPPED ? StopReason.BY_CLIENT : null;
        assertThat(KnelpuntOutflowRule.closure(KnelpuntRule.MODULE_4A, END, result, reason)).hasValueSatisfying(closure -> {
            assertThat(closure.clusterEnd()).isEqualTo(END);
            assertThat(closure.measurementDate()).isEqualTo(LocalDate.of(2020, 6, 30));
            assertThat(closure.stopped()).isEqualTo(result == Result.STOPPED);
        });
    }

    @ParameterizedTest
    @EnumSource(StopReason.class)
    void everyStopClosesAModuleClusterEvenThoseThatLetAnOkotClusterGoOn(StopReason reason) {
        assertThat(KnelpuntOutflowRule.closure(KnelpuntRule.MODULE_4B, END, Result.STOPPED, reason))
                .hasValueSatisfying(closure -> assertThat(closure.stopped()).isTrue());
        // the shared rule per programme: an OKOT cluster stopped to reorient goes on, a module cluster closes
        var last = new ClusterRule.LastEnd(false, END, Result.STOPPED, reason);
        assertThat(ClusterRule.closureOf(KnelpuntRule.MODULE_4B, last)).isPresent();
        assertThat(ClusterRule.closureOf("OKOT", last)).isEqualTo(ClusterRule.closure(last));
    }

    @Test
    void aRunningTrainingOrAnOkotContractIsNoModuleClosure() {
        assertThat(KnelpuntOutflowRule.closure(KnelpuntRule.MODULE_4A, null, null, null)).isEmpty();
        assertThat(KnelpuntOutflowRule.closure("OKOT", END, Result.FAILED, null)).isEmpty();
        assertThat(KnelpuntOutflowRule.closure(null, END, Result.PASSED, null)).isEmpty();
    }

    @Test
    void stoppedKeepsOnlyStoppersAndWithoutItEveryClosedClusterCounts() {
        var stopped = KnelpuntOutflowRule.closure(KnelpuntRule.MODULE_4A, END, Result.STOPPED, StopReason.EMPLOYMENT).orElseThrow();
        var passed = KnelpuntOutflowRule.closure(KnelpuntRule.MODULE_4A, END, Result.PASSED, null).orElseThrow();
        var failed = KnelpuntOutflowRule.closure(KnelpuntRule.MODULE_4A, END, Result.FAILED, null).orElseThrow();
        assertThat(KnelpuntOutflowRule.selected(stopped, true)).isTrue();
        assertThat(KnelpuntOutflowRule.selected(passed, true)).isFalse();
        assertThat(KnelpuntOutflowRule.selected(failed, true)).isFalse();
        assertThat(KnelpuntOutflowRule.selected(stopped, false)).isTrue();
        assertThat(KnelpuntOutflowRule.selected(passed, false)).isTrue();
        assertThat(KnelpuntOutflowRule.selected(failed, false)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "2019-09-30, 2020, false",
            "2019-10-01, 2020, true",
            "2019-12-31, 2020, true",
            "2020-09-30, 2020, true",
            "2020-10-01, 2020, false",
            "2020-10-01, 2021, true"})
    void yearYSelectsTheClustersClosedFromOctoberYMinus1ToSeptemberY(LocalDate end, int year, boolean selected) {
        assertThat(KnelpuntOutflowRule.closedIn(year, end)).isEqualTo(selected);
    }

    @Test
    void theClustersClosedInYearYAreExactlyThoseMeasuredInYearY() {
        for (LocalDate end = LocalDate.of(2018, 1, 1); end.isBefore(LocalDate.of(2022, 1, 1)); end = end.plusDays(1)) {
            LocalDate measured = KnelpuntOutflowRule.closure(KnelpuntRule.MODULE_4A, end, Result.PASSED, null)
                    .orElseThrow().measurementDate();
            assertThat(KnelpuntOutflowRule.closedIn(measured.getYear(), end)).as("end %s", end).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "5886, 10410, 56.54",
            "580, 1432, 40.50",
            "1, 8, 12.50",
            "1, 3, 33.33",
            "2, 3, 66.67",
            "1, 200, 0.50",
            "1, 400, 0.25",
            "1, 800, 0.13"})
    void theRateIsHalfUpToTwoDecimals(long atWork, long closed, BigDecimal rate) {
        assertThat(KnelpuntOutflowRule.rate(atWork, closed)).isEqualByComparingTo(rate);
    }

    @Test
    void noClosedClusterHasNoRate() {
        assertThat(KnelpuntOutflowRule.rate(0, 0)).isNull();
    }
}
