package be.vdab.okot.events.outcome;

import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** F3 (figures.md): FAILED, or STOPPED except reorientation and registration-technical; work is a drop-out. */
class DropOutRuleTest {

    @ParameterizedTest(name = "{0} {1} → drop-out {2}")
    @CsvSource({
            "FAILED,,true",
            "PASSED,,false",
            "STOPPED,BY_CLIENT,true",
            "STOPPED,LONG_TERM_ILLNESS,true",
            "STOPPED,UNSUITABILITY,true",
            "STOPPED,EMPLOYMENT,true",       // found work during the course: counted (q562 answer 7's fifth reason)
            "STOPPED,BY_VDAB,true",
            "STOPPED,OTHER,true",
            "STOPPED,REORIENTATION,false",   // the trajectory goes on in another course
            "STOPPED,REGISTRATION_TECHNICAL,false",
    })
    void countsFailuresAndStopsExceptReorientationAndRegistration(Result result, StopReason reason, boolean dropOut) {
        assertThat(DropOutRule.isDropOut(result, reason)).isEqualTo(dropOut);
        assertThat(DropOutRule.reason(result, reason)).isEqualTo(dropOut
                ? java.util.Optional.of(result == Result.FAILED ? "FAILED" : reason.name()) : java.util.Optional.empty());
    }

    @Test
    void aRunningContractIsNoDropOut() {
        assertThat(DropOutRule.isDropOut(null, null)).isFalse();
        assertThat(DropOutRule.reason(null, null)).isEmpty();
    }

    @Test
    void everyStopReasonIsADropOutOrOneOfTheTwoExceptions() {
        for (StopReason reason : StopReason.values()) {
            assertThat(DropOutRule.isDropOut(Result.STOPPED, reason)).as(reason.name())
                    .isNotEqualTo(DropOutRule.NOT_A_DROP_OUT.contains(reason));
        }
    }

    @Test
    void theReasonsAreFailedThenEveryStopReasonThatIsADropOutInOrder() {
        assertThat(DropOutRule.REASONS).containsExactly("FAILED", "BY_CLIENT", "LONG_TERM_ILLNESS", "UNSUITABILITY",
                "EMPLOYMENT", "BY_VDAB", "OTHER");
    }
}
