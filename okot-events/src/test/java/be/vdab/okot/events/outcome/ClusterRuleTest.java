package be.vdab.okot.events.outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import be.vdab.okot.events.outcome.CourseEnded.Ending;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterRuleTest {

    private static final LocalDate END = LocalDate.of(2021, 6, 30);

    @Test
    void passingAFinalYearClosesPositivelyAndANonFinalYearGoesOn() {
        assertThat(ClusterRule.closure(new ClusterRule.LastEnd(true, END, Result.PASSED, null)))
                .hasValueSatisfying(closure -> {
                    assertThat(closure.ending()).isEqualTo(Ending.POSITIVE);
                    assertThat(closure.clusterEnd()).isEqualTo(END);
                    assertThat(closure.measurementDate()).isEqualTo(LocalDate.of(2021, 9, 30));
                });
        assertThat(ClusterRule.closure(new ClusterRule.LastEnd(false, END, Result.PASSED, null))).isEmpty();
    }

    @Test
    void failingClosesNonPositivelyInAnyYear() {
        assertThat(ClusterRule.closure(new ClusterRule.LastEnd(false, END, Result.FAILED, null)))
                .hasValueSatisfying(closure -> assertThat(closure.ending()).isEqualTo(Ending.NON_POSITIVE));
        assertThat(ClusterRule.closure(new ClusterRule.LastEnd(true, END, Result.FAILED, null))).isPresent();
    }

    @ParameterizedTest
    @EnumSource(StopReason.class)
    void stoppingClosesExceptForReorientationAndRegistrationAndIsPositiveOnlyForEmployment(StopReason reason) {
        var closure = ClusterRule.closure(new ClusterRule.LastEnd(false, END, Result.STOPPED, reason));
        switch (reason) {
            case REORIENTATION, REGISTRATION_TECHNICAL -> assertThat(closure).isEmpty();
            case EMPLOYMENT -> assertThat(closure).hasValueSatisfying(c -> assertThat(c.ending()).isEqualTo(Ending.POSITIVE));
            default -> assertThat(closure).hasValueSatisfying(c -> assertThat(c.ending()).isEqualTo(Ending.NON_POSITIVE));
        }
    }

    @ParameterizedTest
    @CsvSource({
            "2020-11-30, 2021-02-28",
            "2019-11-30, 2020-02-29",
            "2021-08-31, 2021-11-30",
            "2020-06-30, 2020-09-30",
            "2020-07-01, 2020-10-01",
            "2020-12-31, 2021-03-31"})
    void measuresThreeCalendarMonthsAfterTheEndClampedToMonthEnds(LocalDate end, LocalDate measurement) {
        assertThat(ClusterRule.closure(new ClusterRule.LastEnd(true, end, Result.PASSED, null)))
                .hasValueSatisfying(closure -> assertThat(closure.measurementDate()).isEqualTo(measurement));
    }
}
