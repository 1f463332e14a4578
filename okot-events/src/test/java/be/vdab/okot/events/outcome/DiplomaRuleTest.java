package be.vdab.okot.events.outcome;

import be.vdab.okot.events.outcome.CourseEnded.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** F2 (figures.md): a passed final training year, nothing else. */
class DiplomaRuleTest {

    @ParameterizedTest(name = "final year {0}, {1} → diploma {2}")
    @CsvSource({
            "true,PASSED,true",
            "false,PASSED,false",   // a passed first year of two: the trajectory goes on (neither F2 nor F3)
            "true,FAILED,false",
            "true,STOPPED,false",
            "true,,false",          // still running
    })
    void onlyAPassedFinalYearIsADiploma(boolean finalYear, Result result, boolean diploma) {
        assertThat(DiplomaRule.isDiploma(finalYear, result)).isEqualTo(diploma);
    }
}
