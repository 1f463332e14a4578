package be.vdab.okot.runner.demo;

import be.vdab.okot.runner.demo.Question562Breakdowns.Dimension;
import be.vdab.okot.runner.demo.Question562Breakdowns.Figure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Question562BreakdownsTest {

    @Test
    void thePublishedCountsWithTheOtherDropOutReasonsThatMakeTheTotal() {
        Question562Breakdowns published = Question562Breakdowns.published();

        assertThat(published.total(Figure.STARTS)).isEqualTo(5882);
        assertThat(published.left(Figure.STARTS, Dimension.AGE).values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(5901);
        assertThat(published.left(Figure.STARTS, Dimension.TYPE)).containsEntry("MASTER", 94).containsEntry("PBA", 1976);
        assertThat(published.total(Figure.DIPLOMAS)).isEqualTo(1492);
        assertThat(published.left(Figure.DIPLOMAS, Dimension.TYPE, "MASTER")).isZero();
        assertThat(published.left(Figure.DROPOUTS, Dimension.REASON).values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(1211);
        assertThat(published.left(Figure.DROPOUTS, Dimension.REASON)).containsEntry("FAILED", 412)
                .containsEntry("BY_CLIENT", 217).containsKey("BY_VDAB");
    }

    @Test
    void whatIsTakenIsNoLongerLeftAndNoMoreThanLeftCanBeTaken() {
        Question562Breakdowns breakdowns = Question562Breakdowns.published();

        breakdowns.take(Figure.DROPOUTS, Dimension.TYPE, "MASTER", 10);

        assertThat(breakdowns.left(Figure.DROPOUTS, Dimension.TYPE, "MASTER")).isZero();
        assertThatThrownBy(() -> breakdowns.take(Figure.DROPOUTS, Dimension.TYPE, "MASTER", 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MASTER");
        assertThatThrownBy(() -> breakdowns.left(Figure.STARTS, Dimension.REASON))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Question562Breakdowns.published().left(Figure.DROPOUTS, Dimension.TYPE, "MASTER")).isEqualTo(10);
    }
}
