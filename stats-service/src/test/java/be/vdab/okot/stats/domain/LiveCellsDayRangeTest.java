package be.vdab.okot.stats.domain;

import be.vdab.okot.events.Gender;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.intake.FunnelRule;
import be.vdab.okot.events.outcome.KnelpuntRule;
import be.vdab.okot.stats.domain.FigureAnswer.OutflowMeasures;
import be.vdab.okot.stats.domain.FigureAnswer.Row;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any period read from the live aggregate equals the recount of the contributions whose day the period
 * contains (what {@code FactSource} recounted from the facts before), for every figure but F5, with and without
 * breakdowns and filters; retractions leave it exact; the compact encoding gives back every breakdown value.
 */
class LiveCellsDayRangeTest {

    private static final List<Period> PERIODS = List.of(
            new Period(LocalDate.of(2020, 3, 5), LocalDate.of(2020, 6, 17)),   // cuts two months
            new Period(LocalDate.of(2020, 3, 5), LocalDate.of(2020, 3, 17)),   // within one month
            new Period(LocalDate.of(2020, 3, 1), LocalDate.of(2020, 3, 1)),    // a single day, first of a month
            new Period(LocalDate.of(2020, 2, 29), LocalDate.of(2020, 2, 29)),  // a leap day, last of a month
            new Period(LocalDate.of(2020, 1, 31), LocalDate.of(2020, 2, 1)),   // last and first day of two months
            new Period(LocalDate.of(2019, 11, 15), LocalDate.of(2021, 2, 3)),  // across years
            new Period(LocalDate.of(2020, 4, 1), LocalDate.of(2020, 9, 30)),   // whole months
            Period.ofYear(2020),
            new Period(LocalDate.of(2014, 1, 1), LocalDate.of(2026, 12, 31))); // all of the history

    private final List<Contribution> population = LiveCellsBenchmark.population(3_000, new Random(7));

    @Test
    void everyPeriodOfEveryFigureEqualsTheRecountWithEveryBreakdown() {
        LiveCells cells = new LiveCells();
        cells.replaceAll(population);
        int compared = 0;
        for (FigureKind figure : FigureKind.values()) {
            if (figure.fromStoredFacts()) {
                continue; // counted from its facts at every read
            }
            for (List<Dimension> by : breakdowns(figure)) {
                for (Period period : PERIODS) {
                    assertReadEqualsRecount(cells, population, figure, period, by, Map.of());
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void filtersSelectTheSameAsOnTheFacts() {
        LiveCells cells = new LiveCells();
        cells.replaceAll(population);
        Map<Dimension, Predicate<Object>> filters = Map.of(
                Dimension.GENDER, gender -> gender == Gender.V,
                Dimension.PROVINCE, province -> province == Province.ANT || province == Province.LIM);
        for (FigureKind figure : List.of(FigureKind.STARTS, FigureKind.DROPOUTS, FigureKind.FUNNEL)) {
            for (Period period : PERIODS) {
                assertReadEqualsRecount(cells, population, figure, period, List.of(Dimension.AGE5), filters);
            }
        }
        Period year = Period.ofYear(2020);
        assertReadEqualsRecount(cells, population, FigureKind.OUTFLOW, year, List.of(), Map.of(Dimension.ENDING, "POSITIVE"::equals));
        assertReadEqualsRecount(cells, population, FigureKind.DIPLOMAS, year, List.of(Dimension.PROVINCE),
                Map.of(Dimension.TRAINING, "900007"::equals, Dimension.SECTOR, "ZORG"::equals));
    }

    @Test
    void retractedContributionsLeaveTheCellsOfARecount() {
        LiveCells cells = new LiveCells();
        cells.replaceAll(population);
        Random random = new Random(11);
        List<Contribution> kept = new ArrayList<>();
        List<Contribution> retracted = new ArrayList<>();
        List<Contribution> added = new ArrayList<>();
        for (Contribution contribution : population) {
            if (random.nextInt(3) == 0) {
                retracted.add(contribution);
                // a correction: the same fact a few days later (another day, maybe another month or age)
                Contribution moved = new Contribution(contribution.figure(), contribution.countedOn().plusDays(3),
                        contribution.fact());
                added.add(moved);
                kept.add(moved);
            } else {
                kept.add(contribution);
            }
        }
        cells.apply(retracted, added);
        LiveCells recount = new LiveCells();
        recount.replaceAll(kept);
        for (FigureKind figure : FigureKind.values()) {
            List<LiveCells.Difference> differences = new ArrayList<>();
            cells.compare(figure, recount, differences::add);
            assertThat(differences).as(figure.path).isEmpty();
            assertThat(cells.size(figure)).isEqualTo(recount.size(figure));
        }
        assertThat(cells.snapshot()).hasSameSizeAs(recount.snapshot());
        for (Period period : PERIODS) {
            assertReadEqualsRecount(cells, kept, FigureKind.STARTS, period, List.of(Dimension.AGE5), Map.of());
            assertReadEqualsRecount(cells, kept, FigureKind.OUTFLOW, period, List.of(Dimension.ENDING), Map.of());
        }
        cells.apply(kept, List.of());
        for (FigureKind figure : FigureKind.values()) {
            assertThat(cells.size(figure)).as(figure.path).isZero();
        }
    }

    @Test
    void theComparisonReportsACellThatDiffers() {
        LiveCells cells = new LiveCells();
        cells.replaceAll(population);
        LiveCells recount = new LiveCells();
        recount.replaceAll(population.subList(1, population.size()));
        List<LiveCells.Difference> differences = new ArrayList<>();
        cells.compare(population.get(0).figure(), recount, differences::add);
        assertThat(differences).singleElement().satisfies(difference -> {
            assertThat(difference.day()).isEqualTo(population.get(0).countedOn());
            assertThat(difference.here()[0] - difference.there()[0]).isEqualTo(1);
        });
    }

    @Test
    void theEncodingGivesBackEveryBreakdownValueNullsAndValuesFirstSeenAfterTheLoad() {
        LiveCells cells = new LiveCells();
        cells.replaceAll(population);
        LocalDate day = LocalDate.of(2021, 2, 28);
        List<Fact> facts = List.of(
                new Fact("person-new", day, LocalDate.of(1970, 3, 1), Gender.X, "TYPE-" + System.nanoTime(), Province.BXL,
                        "T-" + System.nanoTime(), "a name never seen", "C-" + System.nanoTime(), "SECTOR-" + System.nanoTime(),
                        null, null, null, null, null, "OKOT"),
                new Fact("person-nulls", day, null, null, null, null, null, null, null, null, null, null, null, null, null, null),
                new Fact("person-young", day, LocalDate.of(2021, 2, 28), Gender.M, "HBO", Province.WVL, "900001", null,
                        null, "ZORG", null, null, null, null, null, "KNELPUNT_4A"));
        List<Contribution> added = facts.stream().map(fact -> new Contribution(FigureKind.STARTS, day, fact)).toList();
        cells.apply(List.of(), added);
        Contribution dropOut = new Contribution(FigureKind.DROPOUTS, day, new Fact("c-new", day, LocalDate.of(1999, 3, 1),
                Gender.V, "PBA", Province.OVL, "900002", "Opleiding", "course-new-1", "ICT", "REASON-" + System.nanoTime(),
                null, null, null, null, "OKOT"));
        // F4: the age on the cluster's end (29 on 2020-11-28), not on the measurement day (30 on 2021-02-28)
        Contribution outflow = new Contribution(FigureKind.OUTFLOW, day, new Fact("k-new", LocalDate.of(2020, 11, 28),
                LocalDate.of(1990, 11, 29), Gender.V, "PBA", Province.OVL, "900002", "Opleiding", "course-new-2", "ICT", null,
                "NON_POSITIVE", true, null, null, "OKOT"));
        Contribution step = new Contribution(FigureKind.FUNNEL, day, new Fact("cand-new", day, LocalDate.of(1990, 1, 1),
                Gender.M, null, Province.ANT, null, null, "course-new-3", null, null, null, null, "OCMW", "AGREED", null));
        cells.apply(List.of(), List.of(dropOut, outflow, step));

        List<Fact> starts = cells.read(FigureKind.STARTS, day, day, fact -> true).stream().map(LiveCells.Counted::cell)
                .filter(cell -> cell.unit().startsWith("person-")).toList();
        assertThat(starts).hasSize(3);
        for (Fact fact : facts) {
            assertThat(starts).anySatisfy(cell -> assertSameValues(cell, fact));
        }
        assertSameValues(single(cells, dropOut), dropOut.fact());
        assertSameValues(single(cells, outflow), outflow.fact());
        assertThat(be.vdab.okot.events.AgeBandRule.age(single(cells, outflow).birthDate(), single(cells, outflow).referenceDate()))
                .isEqualTo(29);
        assertThat(single(cells, outflow).atWork()).isTrue();
        assertSameValues(single(cells, step), step.fact());
    }

    // ---------------------------------------------------------------- helpers

    /** The one cell of the contribution's figure and day with its course (a course no other cell has). */
    private static Fact single(LiveCells cells, Contribution contribution) {
        List<LiveCells.Counted> read = cells.read(contribution.figure(), contribution.countedOn(), contribution.countedOn(),
                fact -> contribution.fact().courseCode().equals(fact.courseCode()));
        assertThat(read).singleElement().satisfies(counted -> assertThat(counted.count()).isEqualTo(1));
        return read.get(0).cell();
    }

    /** Every breakdown value of the fact, the age on its reference date included, is the cell's. */
    private static void assertSameValues(Fact cell, Fact fact) {
        List<Function<Fact, Object>> values = List.of(Fact::gender, Fact::type, Fact::province, Fact::trainingCode,
                Fact::trainingName, Fact::courseCode, Fact::sector, Fact::reason, Fact::ending, Fact::referral, Fact::step,
                Fact::programme);
        assertThat(values.stream().map(value -> value.apply(cell)).toList())
                .isEqualTo(values.stream().map(value -> value.apply(fact)).toList());
        if (fact.birthDate() == null) {
            assertThat(cell.birthDate()).isNull();
        } else {
            assertThat(be.vdab.okot.events.AgeBandRule.age(cell.birthDate(), cell.referenceDate()))
                    .isEqualTo(be.vdab.okot.events.AgeBandRule.age(fact.birthDate(), fact.referenceDate()));
        }
    }

    private static List<List<Dimension>> breakdowns(FigureKind figure) {
        List<List<Dimension>> breakdowns = new ArrayList<>();
        breakdowns.add(List.of());
        for (Dimension dimension : figure.breakdowns) {
            breakdowns.add(List.of(dimension));
        }
        List<Dimension> all = List.copyOf(figure.breakdowns);
        breakdowns.add(List.of(all.get(all.size() - 1), all.get(0)));
        if (figure.breakdowns.contains(Dimension.TRAINING)) {
            breakdowns.add(List.of(Dimension.TRAINING, Dimension.PROVINCE));
        }
        return breakdowns;
    }

    /** The figure read from the cells as the service answers it, against a plain recount of the contributions. */
    private static void assertReadEqualsRecount(LiveCells cells, List<Contribution> contributions, FigureKind figure,
                                                Period period, List<Dimension> by, Map<Dimension, Predicate<Object>> filters) {
        List<LiveCells.Tally> tallies = cells.tally(figure, period.from(), period.to(), filters, by);
        assertAnswerEqualsRecount(FigureService.rows(figure, by, tallies, code -> "course " + code),
                FigureService.total(figure, tallies), contributions, figure, period, by, filters);
    }

    /**
     * The rows and total of an answer (course labels {@code "course " + code}) against a plain recount of the
     * contributions whose day the period contains.
     */
    static void assertAnswerEqualsRecount(List<Row> rows, Object total, List<Contribution> contributions, FigureKind figure,
                                          Period period, List<Dimension> by, Map<Dimension, Predicate<Object>> filters) {
        List<Fact> facts = contributions.stream()
                .filter(contribution -> contribution.figure() == figure && period.contains(contribution.countedOn()))
                .map(Contribution::fact)
                .filter(fact -> filters.entrySet().stream().allMatch(filter -> filter.getValue().test(filter.getKey().source(fact))))
                .toList();
        Map<List<String>, Set<String>> units = new HashMap<>();
        Map<List<String>, long[]> counts = new HashMap<>();
        for (Fact fact : facts) {
            List<String> key = new ArrayList<>();
            if (figure == FigureKind.FUNNEL || figure == FigureKind.KNELPUNT) {
                key.add(fact.step());
            }
            by.forEach(dimension -> key.add(dimension.valueOf(fact, code -> "course " + code).key()));
            units.computeIfAbsent(key, any -> new HashSet<>()).add(fact.unit());
            long[] count = counts.computeIfAbsent(key, any -> new long[2]);
            count[0]++;
            count[1] += Boolean.TRUE.equals(fact.atWork()) ? 1 : 0;
        }
        String what = figure.path + " " + period + " by " + by;
        Map<List<String>, String> expected = new HashMap<>();
        counts.forEach((key, count) -> expected.put(key, figure == FigureKind.STARTS ? Long.toString(units.get(key).size())
                : figure.hasOutflowMeasures() ? count[0] + "/" + count[1] : Long.toString(count[0])));
        assertThat(rows.stream().collect(Collectors.toMap(Row::key, row -> figure.hasOutflowMeasures()
                ? row.closedClusters() + "/" + row.atWork() : String.valueOf(row.value())))).as(what).isEqualTo(expected);

        Object recounted = switch (figure) {
            case STARTS -> facts.stream().map(Fact::unit).distinct().count();
            case OUTFLOW, KNELPUNT_OUTFLOW -> {
                long atWork = facts.stream().filter(fact -> Boolean.TRUE.equals(fact.atWork())).count();
                yield new OutflowMeasures(facts.size(), atWork, FigureService.rate(atWork, facts.size()));
            }
            case FUNNEL -> facts.stream().filter(fact -> FunnelRule.TOTAL.name().equals(fact.step())).count();
            case KNELPUNT -> facts.stream().filter(fact -> KnelpuntRule.TOTAL.name().equals(fact.step())).count();
            default -> (long) facts.size();
        };
        assertThat(total).as(what).isEqualTo(recounted);
    }
}
