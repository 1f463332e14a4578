package be.vdab.okot.stats.domain;

import be.vdab.okot.events.Gender;
import be.vdab.okot.events.Province;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The live aggregate's cells: merging, retraction to nothing, month ranges, the at-work count of F4. */
class LiveCellsTest {

    private final LiveCells cells = new LiveCells();

    @Test
    void aRetractedContributionLeavesNoCellBehind() {
        Contribution diploma = diploma("c1", LocalDate.of(2021, 6, 30));
        cells.apply(List.of(), List.of(diploma));
        cells.apply(List.of(diploma), List.of());
        assertThat(cells.snapshot().getOrDefault(FigureKind.DIPLOMAS, Map.of())).isEmpty();
        assertThat(cells.size(FigureKind.DIPLOMAS)).isZero();
        assertThat(cells.read(FigureKind.DIPLOMAS, YearMonth.of(2021, 1), YearMonth.of(2021, 12), cell -> true)).isEmpty();
    }

    @Test
    void contributionsWithTheSameBreakdownValuesInAMonthShareACellAndOthersDoNot() {
        cells.apply(List.of(), List.of(diploma("c1", "p1", LocalDate.of(2021, 6, 1)), diploma("c2", "p1", LocalDate.of(2021, 6, 30)),
                diploma("c3", "p1", LocalDate.of(2021, 7, 1))));
        assertThat(cells.read(FigureKind.DIPLOMAS, YearMonth.of(2021, 6), YearMonth.of(2021, 6), cell -> true))
                .singleElement().satisfies(cell -> assertThat(cell.count()).isEqualTo(2));
        assertThat(cells.read(FigureKind.DIPLOMAS, YearMonth.of(2021, 1), YearMonth.of(2021, 12), cell -> true)
                .stream().mapToLong(LiveCells.Counted::count).sum()).isEqualTo(3);
        assertThat(cells.read(FigureKind.DIPLOMAS, YearMonth.of(2021, 8), YearMonth.of(2021, 12), cell -> true)).isEmpty();
        assertThat(cells.read(FigureKind.DIPLOMAS, YearMonth.of(2021, 7), YearMonth.of(2021, 6), cell -> true)).isEmpty();
    }

    @Test
    void diplomaCellsKeepThePersonSoATallyCountsContractsAndDistinctPersons() {
        LocalDate june = LocalDate.of(2021, 6, 1);
        cells.apply(List.of(), List.of(diploma("c1", "p1", june), diploma("c2", "p1", june), diploma("c3", "p2", june)));
        assertThat(cells.read(FigureKind.DIPLOMAS, june, june, cell -> true)).hasSize(2)
                .extracting(cell -> cell.cell().unit(), LiveCells.Counted::count)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("p1", 2L), org.assertj.core.groups.Tuple.tuple("p2", 1L));
        assertThat(cells.tally(FigureKind.DIPLOMAS, june, june, Map.of(), List.of())).singleElement().satisfies(tally -> {
            assertThat(tally.count()).isEqualTo(3);
            assertThat(tally.persons()).hasSize(2);
        });
        cells.apply(List.of(diploma("c2", "p1", june)), List.of());
        assertThat(cells.tally(FigureKind.DIPLOMAS, june, june, Map.of(), List.of())).singleElement().satisfies(tally -> {
            assertThat(tally.count()).isEqualTo(2);
            assertThat(tally.persons()).hasSize(2);
        });
    }

    @Test
    void outflowCellsCountClustersAndThoseAtWork() {
        LocalDate measured = LocalDate.of(2021, 9, 30);
        cells.apply(List.of(), List.of(outflow("k1", measured, true), outflow("k2", measured, false), outflow("k3", measured, true)));
        // at work is one of a cell's values: a cell counts the clusters at work, or those not
        List<LiveCells.Counted> read = cells.read(FigureKind.OUTFLOW, YearMonth.of(2021, 9), YearMonth.of(2021, 9), cell -> true);
        assertThat(read).hasSize(2);
        assertThat(read.stream().mapToLong(LiveCells.Counted::count).sum()).isEqualTo(3);
        assertThat(read.stream().mapToLong(LiveCells.Counted::atWork).sum()).isEqualTo(2);
        assertThat(cells.tally(FigureKind.OUTFLOW, measured, measured, Map.of(), List.of())).singleElement()
                .satisfies(tally -> {
                    assertThat(tally.count()).isEqualTo(3);
                    assertThat(tally.atWork()).isEqualTo(2);
                });
    }

    @Test
    void theFilterSelectsCells() {
        cells.apply(List.of(), List.of(diploma("c1", LocalDate.of(2021, 6, 1))));
        assertThat(cells.read(FigureKind.DIPLOMAS, YearMonth.of(2021, 1), YearMonth.of(2021, 12),
                cell -> Province.LIM.equals(cell.province()))).isEmpty();
    }

    private static Contribution diploma(String contract, LocalDate end) {
        return diploma(contract, "person-of-" + contract, end);
    }

    private static Contribution diploma(String contract, String person, LocalDate end) {
        return new Contribution(FigureKind.DIPLOMAS, end, new Fact(contract, end, LocalDate.of(1990, 1, 1), Gender.M, "HBO",
                Province.ANT, "hbo-1", "HBO", "hbo", "ZORG", null, null, null, null, null, "OKOT"), person);
    }

    private static Contribution outflow(String cluster, LocalDate measured, boolean atWork) {
        LocalDate end = measured.minusMonths(3);
        return new Contribution(FigureKind.OUTFLOW, measured, new Fact(cluster, end, LocalDate.of(1990, 1, 1), Gender.M,
                "HBO", Province.ANT, "hbo-1", "HBO", "hbo", "ZORG", null, "POSITIVE", atWork, null, null, "OKOT"));
    }
}
