package be.vdab.okot.stats.domain;

import be.vdab.okot.events.Gender;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import static be.vdab.okot.stats.domain.LiveCellsDayRangeTest.assertAnswerEqualsRecount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A whole year's kept answer ({@link YearAnswers}) is given back only while the cells of its figure and year and the
 * catalogue are unchanged, and always equals a plain recount of the contributions (as {@link LiveCellsDayRangeTest}
 * recounts them): an addition or a retraction in a kept year, a correction moving a contribution to another year, a
 * reload, another aggregate or a new catalogue each give the year's answer counted again.
 */
class YearAnswersTest {

    private static final int FIRST = 2015;
    private static final int LAST = 2024;
    private static final List<FigureKind> FIGURES = List.of(FigureKind.STARTS, FigureKind.DIPLOMAS, FigureKind.DROPOUTS,
            FigureKind.OUTFLOW, FigureKind.FUNNEL, FigureKind.KNELPUNT);
    private static final List<Dimension> BY_AGE5 = List.of(Dimension.AGE5);

    private final List<Contribution> population = new ArrayList<>(LiveCellsBenchmark.population(2_000, new Random(13)));
    private final LiveCells cells = new LiveCells();
    private final YearAnswers years = new YearAnswers(YearAnswers.DEFAULT_ROWS);

    YearAnswersTest() {
        cells.replaceAll(population);
    }

    @Test
    void aKeptYearIsGivenBackWhileItsCellsAreUnchangedAndEqualsTheRecount() {
        for (FigureKind figure : FIGURES) {
            for (List<Dimension> by : List.of(List.<Dimension>of(), BY_AGE5)) {
                for (int year = FIRST; year <= LAST; year++) {
                    YearAnswers.Counted counted = answer(cells, figure, year, by, 1);
                    assertEqualsRecount(counted, figure, year, by, Map.of());
                    assertThat(answer(cells, figure, year, by, 1)).isSameAs(counted);
                }
            }
        }
        long answers = FIGURES.size() * 2L * (LAST - FIRST + 1);
        assertThat(years.reads()).containsExactly(answers, answers);
    }

    @Test
    void filtersAreOneOfWhatAKeptAnswerIsFor() {
        Map<Dimension, Predicate<Object>> women = Map.of(Dimension.GENDER, gender -> gender == Gender.V);
        YearAnswers.Counted all = answer(cells, FigureKind.STARTS, 2019, BY_AGE5, 1);
        YearAnswers.Counted filtered = answer(cells, FigureKind.STARTS, 2019, BY_AGE5, Map.of("gender", "V"), women, 1);
        assertThat(filtered).isNotSameAs(all);
        assertEqualsRecount(filtered, FigureKind.STARTS, 2019, BY_AGE5, women);
        assertThat(answer(cells, FigureKind.STARTS, 2019, BY_AGE5, Map.of("gender", "V"), women, 1)).isSameAs(filtered);
    }

    @Test
    void anAdditionInAKeptYearIsCountedAtOnceAndTheOtherYearsStayKept() {
        List<YearAnswers.Counted> before = evolution(FigureKind.STARTS, BY_AGE5);
        LocalDate day = LocalDate.of(2017, 12, 31);
        Contribution start = new Contribution(FigureKind.STARTS, day, new Fact("a-late-starter", day,
                LocalDate.of(1990, 1, 1), Gender.X, "TKO", null, "900001", "Opleiding", "course-1", "ZORG", null, null,
                null, null, null, "OKOT"));
        apply(List.of(), List.of(start));

        List<YearAnswers.Counted> after = evolution(FigureKind.STARTS, BY_AGE5);
        for (int year = FIRST; year <= LAST; year++) {
            assertEqualsRecount(after.get(year - FIRST), FigureKind.STARTS, year, BY_AGE5, Map.of());
            if (year == 2017) {
                assertThat((Long) after.get(year - FIRST).total()).isEqualTo((Long) before.get(year - FIRST).total() + 1);
            } else {
                assertThat(after.get(year - FIRST)).as("%d is kept", year).isSameAs(before.get(year - FIRST));
            }
        }
    }

    @Test
    void aRetractionInAKeptYearIsCountedAtOnceAlsoACorrectionToAnotherYear() {
        for (FigureKind figure : FIGURES) {
            evolution(figure, List.of());
            Contribution retracted = population.stream()
                    .filter(contribution -> contribution.figure() == figure && contribution.countedOn().getYear() == 2016)
                    .findFirst().orElseThrow();
            // a late correction: the contribution leaves 2016 for a day of 2018
            Contribution moved = new Contribution(figure, LocalDate.of(2018, 6, 1), retracted.fact());
            apply(List.of(retracted), List.of(moved));
            List<YearAnswers.Counted> after = evolution(figure, List.of());
            for (int year = FIRST; year <= LAST; year++) {
                assertEqualsRecount(after.get(year - FIRST), figure, year, List.of(), Map.of());
            }
            // retracted without a replacement
            apply(List.of(moved), List.of());
            assertEqualsRecount(answer(cells, figure, 2018, List.of(), 1), figure, 2018, List.of(), Map.of());
        }
    }

    /** Seed 001 asks January–September: a period within one year is kept under that year's stamp as a year is. */
    @Test
    void wholeMonthsOfAYearAreKeptApartFromTheYearAndCountedAgainAfterAChangeInThatYear() {
        Period januaryToSeptember = new Period(LocalDate.of(2019, 1, 1), LocalDate.of(2019, 9, 30));
        YearAnswers.Counted months = months(FigureKind.STARTS, januaryToSeptember);
        YearAnswers.Counted year = answer(cells, FigureKind.STARTS, 2019, BY_AGE5, 1);
        assertAnswerEqualsRecount(months.rows(), months.total(), population, FigureKind.STARTS, januaryToSeptember, BY_AGE5, Map.of());
        assertThat(months(FigureKind.STARTS, januaryToSeptember)).isSameAs(months);
        assertThat((Long) months.total()).isLessThan((Long) year.total());

        // a start in December changes the year, not January–September, yet both are counted again: one stamp a year
        LocalDate december = LocalDate.of(2019, 12, 2);
        LocalDate march = LocalDate.of(2019, 3, 4);
        apply(List.of(), List.of(new Contribution(FigureKind.STARTS, december, new Fact("a-december-starter", december,
                LocalDate.of(1990, 1, 1), Gender.X, "TKO", null, "900001", "Opleiding", "course-1", "ZORG", null, null,
                null, null, null, "OKOT"))));
        YearAnswers.Counted afterDecember = months(FigureKind.STARTS, januaryToSeptember);
        assertThat(afterDecember).isNotSameAs(months).isEqualTo(months);
        apply(List.of(), List.of(new Contribution(FigureKind.STARTS, march, new Fact("a-march-starter", march,
                LocalDate.of(1991, 1, 1), Gender.X, "TKO", null, "900001", "Opleiding", "course-1", "ZORG", null, null,
                null, null, null, "OKOT"))));
        YearAnswers.Counted afterMarch = months(FigureKind.STARTS, januaryToSeptember);
        assertThat((Long) afterMarch.total()).isEqualTo((Long) months.total() + 1);
        assertAnswerEqualsRecount(afterMarch.rows(), afterMarch.total(), population, FigureKind.STARTS, januaryToSeptember,
                BY_AGE5, Map.of());
    }

    @Test
    void aQuestionIsWithinOneYear() {
        assertThatThrownBy(() -> new YearAnswers.Question(FigureKind.STARTS, 2019, LocalDate.of(2019, 12, 1),
                LocalDate.of(2020, 1, 31), BY_AGE5, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private YearAnswers.Counted months(FigureKind figure, Period period) {
        return years.answer(cells, new YearAnswers.Question(figure, period.from().getYear(), period.from(), period.to(),
                BY_AGE5, Map.of()), 1, () -> FigureService.count(figure, BY_AGE5,
                cells.tally(figure, period.from(), period.to(), Map.of(), BY_AGE5), code -> "course " + code));
    }

    @Test
    void manyChangesInterleavedWithReadsLeaveEveryYearEqualToTheRecount() {
        Random random = new Random(5);
        for (int round = 0; round < 40; round++) {
            FigureKind figure = FIGURES.get(random.nextInt(FIGURES.size()));
            List<Dimension> by = random.nextBoolean() ? List.of() : BY_AGE5;
            List<YearAnswers.Counted> read = evolution(figure, by);
            for (int year = FIRST; year <= LAST; year++) {
                assertEqualsRecount(read.get(year - FIRST), figure, year, by, Map.of());
            }
            List<Contribution> retracted = new ArrayList<>();
            List<Contribution> added = new ArrayList<>();
            for (int change = 0; change < 1 + random.nextInt(5); change++) {
                Contribution one = population.get(random.nextInt(population.size()));
                if (retracted.contains(one)) {
                    continue;
                }
                retracted.add(one);
                if (random.nextBoolean()) { // moved by up to a year either way, else only retracted
                    added.add(new Contribution(one.figure(), one.countedOn().plusDays(random.nextInt(731) - 365), one.fact()));
                }
            }
            apply(retracted, added);
        }
        assertThat(years.reads()[0]).as("hits").isPositive();
    }

    @Test
    void aReloadAnotherAggregateOrANewCatalogueIsCountedAgain() {
        YearAnswers.Counted kept = answer(cells, FigureKind.DIPLOMAS, 2020, List.of(), 1);
        assertThat(answer(cells, FigureKind.DIPLOMAS, 2020, List.of(), 2)).isNotSameAs(kept).isEqualTo(kept);

        LiveCells rebuilt = new LiveCells(); // a rebuild's cells, swapped in: nothing of the old ones is given back
        assertThat(answer(rebuilt, FigureKind.DIPLOMAS, 2020, List.of(), 2).total()).isEqualTo(0L);
        rebuilt.replaceAll(population);
        assertThat(answer(rebuilt, FigureKind.DIPLOMAS, 2020, List.of(), 2)).isEqualTo(kept);

        YearAnswers.Counted before = answer(cells, FigureKind.DIPLOMAS, 2020, List.of(), 2);
        cells.replaceAll(population.stream().filter(contribution -> contribution.figure() != FigureKind.DIPLOMAS).toList());
        assertThat(answer(cells, FigureKind.DIPLOMAS, 2020, List.of(), 2)).isNotSameAs(before)
                .satisfies(counted -> assertThat(counted.total()).isEqualTo(0L));
    }

    @Test
    void theKeptAnswersStayWithinTheirBoundTheLeastRecentlyReadLeavingFirst() {
        // an answer by age5 weighs at most 5 steps × 10 bands + 1 rows: all 60 answers weigh more than 600
        YearAnswers small = new YearAnswers(600);
        for (int year = FIRST; year <= LAST; year++) {
            for (FigureKind figure : FIGURES) {
                int y = year;
                small.answer(cells, new YearAnswers.Question(figure, year, BY_AGE5, Map.of()), 1, () -> count(cells, figure, y,
                        BY_AGE5, Map.of()));
            }
        }
        assertThat(small.size()).isLessThan(FIGURES.size() * (LAST - FIRST + 1)).isGreaterThanOrEqualTo(600 / 51);
        long misses = small.reads()[1];
        small.answer(cells, new YearAnswers.Question(FIGURES.get(FIGURES.size() - 1), LAST, BY_AGE5, Map.of()), 1,
                () -> count(cells, FIGURES.get(FIGURES.size() - 1), LAST, BY_AGE5, Map.of()));
        small.answer(cells, new YearAnswers.Question(FIGURES.get(0), FIRST, BY_AGE5, Map.of()), 1,
                () -> count(cells, FIGURES.get(0), FIRST, BY_AGE5, Map.of()));
        assertThat(small.reads()[1]).as("the last one read is kept, the first one left").isEqualTo(misses + 1);
    }

    // ---------------------------------------------------------------- helpers

    private void apply(List<Contribution> retracted, List<Contribution> added) {
        cells.apply(retracted, added);
        retracted.forEach(population::remove);
        population.addAll(added);
    }

    private List<YearAnswers.Counted> evolution(FigureKind figure, List<Dimension> by) {
        List<YearAnswers.Counted> answers = new ArrayList<>();
        for (int year = FIRST; year <= LAST; year++) {
            answers.add(answer(cells, figure, year, by, 1));
        }
        return answers;
    }

    private YearAnswers.Counted answer(LiveCells from, FigureKind figure, int year, List<Dimension> by, long catalogue) {
        return answer(from, figure, year, by, Map.of(), Map.of(), catalogue);
    }

    private YearAnswers.Counted answer(LiveCells from, FigureKind figure, int year, List<Dimension> by,
                                       Map<String, String> given, Map<Dimension, Predicate<Object>> filters, long catalogue) {
        return years.answer(from, new YearAnswers.Question(figure, year, by, given), catalogue,
                () -> count(from, figure, year, by, filters));
    }

    /** Uncached: the tallies of the year's cells, rows and total as {@link FigureService} makes them. */
    private static YearAnswers.Counted count(LiveCells from, FigureKind figure, int year, List<Dimension> by,
                                             Map<Dimension, Predicate<Object>> filters) {
        Period period = Period.ofYear(year);
        return FigureService.count(figure, by, from.tally(figure, period.from(), period.to(), filters, by),
                code -> "course " + code);
    }

    private void assertEqualsRecount(YearAnswers.Counted counted, FigureKind figure, int year, List<Dimension> by,
                                     Map<Dimension, Predicate<Object>> filters) {
        assertAnswerEqualsRecount(counted.rows(), counted.total(), population, figure, Period.ofYear(year), by, filters);
    }
}
