package be.vdab.okot.runner.bench;

import be.vdab.okot.runner.demo.FreshnessProbe;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BenchPlanTest {

    @Test
    void measuresSixShapesOfEachFigure() {
        List<QueriesBench.Query> queries = QueriesBench.queries(List.of(QueriesBench.Figure.STARTS), 2020, 2013, 2022);

        assertThat(queries).extracting(QueriesBench.Query::path).containsExactly(
                "/stats/starts?year=2020",
                "/stats/starts?year=2020&by=age5",
                "/stats/starts?year=2020&by=training,province",
                "/stats/starts?from=2020-01-01&to=2020-09-30",
                "/stats/starts?year=2020&compare=previous-year",
                "/stats/starts/evolution?fromYear=2013&toYear=2022");
        assertThat(QueriesBench.queries(List.of(QueriesBench.Figure.values()), 2020, 2013, 2022)).hasSize(9 * 6);
    }

    @Test
    void freshnessReadsTheWholeMonthOfTheDaySoTheLiveAggregateAnswers() {
        assertThat(FreshnessBench.monthOf(LocalDate.of(2021, 2, 14))).isEqualTo("from=2021-02-01&to=2021-02-28");
        assertThat(FreshnessBench.monthOf(LocalDate.of(2020, 2, 1))).isEqualTo("from=2020-02-01&to=2020-02-29");
    }

    @Test
    void benchPersonsUseSerialsNoDemoOrProbePersonUses() {
        assertThat(FreshnessBench.serial(0)).isEqualTo(10);
        assertThat(FreshnessBench.serial(FreshnessProbe.PROBE_PERSONS)).isEqualTo(11);
        assertThat(FreshnessBench.serial(FreshnessBench.PERSONS - 1)).isEqualTo(99);
        assertThat(FreshnessBench.serial(FreshnessBench.PERSONS)).isEqualTo(10);
        assertThat(IntStream.range(0, 1000).map(person -> FreshnessBench.serial(person * 1667)))
                .allSatisfy(serial -> assertThat(serial).isBetween(10, 99));
    }
}
