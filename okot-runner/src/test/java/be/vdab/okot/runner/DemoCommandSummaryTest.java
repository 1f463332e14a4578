package be.vdab.okot.runner;

import be.vdab.okot.runner.demo.PublishedFiguresCheck;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verify line counts contradicted cells apart from the equal and the differing ones (the newcomer of issue 15
 * read "1015 cells … all equal" followed by "2 cells differ" as a contradiction of the demo's own).
 */
class DemoCommandSummaryTest {

    @Test
    void contradictedCellsAreNeitherEqualNorDifferent() {
        PublishedFiguresCheck.Result result = new PublishedFiguresCheck.Result(1015, 8, List.of(),
                List.of("q74 a (why)", "q74 b (why)"));
        assertThat(DemoCommand.summary(result, 2013, 2023)).isEqualTo("Compared 1015 published cells and 8 published "
                + "figures of 2013–2023: 1021 equal, 0 differ, 2 cells contradicted by another published answer "
                + "(listed below)");
    }

    @Test
    void oneFigureIsSingularAndDifferencesAreCounted() {
        PublishedFiguresCheck.Result result = new PublishedFiguresCheck.Result(551, 1, List.of("q562 x"), List.of());
        assertThat(DemoCommand.summary(result, 2020, 2020))
                .isEqualTo("Compared 551 published cells and 1 published figure of 2020–2020: 551 equal, 1 differ");
    }
}
