package be.vdab.okot.runner.demo;

import be.vdab.okot.events.enrolment.StartRule;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.events.outcome.DiplomaRule;
import be.vdab.okot.events.outcome.DropOutRule;
import be.vdab.okot.runner.demo.DemoPlan.Candidacy;
import be.vdab.okot.runner.demo.DemoPlan.Contract;
import be.vdab.okot.runner.demo.DemoPlan.End;
import be.vdab.okot.runner.demo.DemoPlan.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The care-sector plan on its own, counted by the rules the figures count by ({@link StartRule},
 * {@link DiplomaRule}, {@link DropOutRule}) over the contracts of the catalogue's sector ZORG, as
 * {@code /stats/{figure}?from=…&to=…&sector=ZORG} counts them: the six numbers of seed 001 (2023 and the 2022 it is
 * compared with). That the platform counts them so is the acceptance test's (PublishedFiguresAcceptanceIT).
 */
class CareSectorPlannerTest {

    private static Catalogue catalogue;
    private static DemoPlan whole;

    @BeforeAll
    static void plan() throws IOException {
        catalogue = ShippedCatalogue.load();
        whole = new PopulationPlanner(catalogue, 562).plan(PopulationPlanner.FIRST_YEAR, PopulationPlanner.LAST_YEAR);
    }

    /** One contract as the figures see it: the person, the course and the contract. */
    private record Counted(int person, Catalogue.Course course, Catalogue.TrainingYear year, Contract contract) {

        End end() {
            return contract.ends().isEmpty() ? null : contract.ends().get(contract.ends().size() - 1);
        }
    }

    @Test
    void theCareSectorFiguresOfJanuaryToSeptemberAreThoseOfSeed001() {
        DemoPlan plan = careOnly(562);

        for (CareSectorPlanner.Period period : List.of(CareSectorPlanner.PUBLISHED, CareSectorPlanner.PREVIOUS)) {
            assertThat(starters(plan, period)).as("starters " + period.year()).isEqualTo(period.starters());
            assertThat(diplomas(plan, period)).as("diplomas " + period.year()).isEqualTo(period.diplomas());
            assertThat(dropouts(plan, period)).as("drop-outs " + period.year()).isEqualTo(period.dropouts());
        }
        assertThat(List.of(CareSectorPlanner.PUBLISHED.starters(), CareSectorPlanner.PREVIOUS.starters(),
                CareSectorPlanner.PUBLISHED.diplomas(), CareSectorPlanner.PREVIOUS.diplomas(),
                CareSectorPlanner.PUBLISHED.dropouts(), CareSectorPlanner.PREVIOUS.dropouts()))
                .as("seed 001: 2702, 236 fewer; 810, 43 fewer; 744; 2022 drop-outs the demo's choice")
                .containsExactly(2702, 2938, 810, 853, 744, 780);
    }

    @Test
    void inTheWholeDemoTheCareSectorFiguresStayExactAndQuestion562sYearsAreUntouched() {
        for (CareSectorPlanner.Period period : List.of(CareSectorPlanner.PUBLISHED, CareSectorPlanner.PREVIOUS)) {
            assertThat(starters(whole, period)).as("starters " + period.year()).isEqualTo(period.starters());
            assertThat(diplomas(whole, period)).as("diplomas " + period.year()).isEqualTo(period.diplomas());
            assertThat(dropouts(whole, period)).as("drop-outs " + period.year()).isEqualTo(period.dropouts());
        }
        DemoPlan q562Only = new PopulationPlanner(catalogue, 562).plan(PopulationPlanner.FIRST_YEAR,
                Question562Planner.LAST_YEAR);
        assertThat(yearly(whole)).isEqualTo(yearly(q562Only));
    }

    /**
     * Question 562's published years as a plan gives them: per year 2013–2020 the OKOT starters (distinct persons),
     * the contracts that end PASSED on a final year or as a drop-out (2014–2020), and the euro of the cost entries.
     */
    private static Map<Integer, List<Object>> yearly(DemoPlan plan) {
        Map<String, Catalogue.Course> courses = new HashMap<>();
        catalogue.courses().forEach(course -> course.trainingYears().forEach(year -> courses.put(year.code(), course)));
        Map<Integer, List<Object>> years = new java.util.TreeMap<>();
        for (int year = PopulationPlanner.FIRST_YEAR; year <= Question562Planner.LAST_YEAR; year++) {
            int y = year;
            java.util.Set<Integer> starters = new java.util.HashSet<>();
            long[] ends = new long[2];
            for (Person person : plan.persons()) {
                for (Candidacy candidacy : person.candidacies()) {
                    for (Contract contract : candidacy.contracts()) {
                        Catalogue.Course course = courses.get(contract.trainingCode());
                        if (!StartRule.OKOT.equals(course.programme()) || contract.cancelled()) {
                            continue;
                        }
                        if (contract.startDate().getYear() == y) {
                            starters.add(person.index());
                        }
                        if (!contract.ends().isEmpty() && contract.ends().get(contract.ends().size() - 1).endDate().getYear() == y) {
                            End end = contract.ends().get(contract.ends().size() - 1);
                            boolean finalYear = course.trainingYears().stream()
                                    .anyMatch(year1 -> year1.code().equals(contract.trainingCode()) && year1.finalYear());
                            if (DiplomaRule.isDiploma(finalYear, Result.valueOf(end.result()))) {
                                ends[0]++;
                            } else if (DropOutRule.isDropOut(Result.valueOf(end.result()),
                                    end.stopReason() == null ? null : StopReason.valueOf(end.stopReason()))) {
                                ends[1]++;
                            }
                        }
                    }
                }
            }
            java.math.BigDecimal spent = plan.costs().stream().filter(cost -> cost.bookedOn().getYear() == y)
                    .map(DemoPlan.Cost::amount).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
            // diplomas and drop-outs are published from 2014 on: 2013's ending contracts are free
            years.put(y, y < 2014 ? List.of(starters.size(), spent) : List.of(starters.size(), ends[0], ends[1], spent));
        }
        return years;
    }

    @Test
    void nothingOfTheCareSectorStartsOrEndsBeforeSeptember2021AndAllIsCare() {
        List<Counted> contracts = contracts(careOnly(562), counted -> true);
        assertThat(contracts).allSatisfy(counted -> {
            assertThat(counted.course().sector()).isEqualTo(CareSectorPlanner.SECTOR);
            assertThat(counted.course().programme()).isEqualTo(StartRule.OKOT);
            assertThat(counted.contract().startDate()).isAfterOrEqualTo(LocalDate.of(2021, 9, 1));
            assertThat(counted.contract().cancelled()).isFalse();
            assertThat(counted.contract().measurement()).isNull();
            counted.contract().ends().forEach(end -> assertThat(end.endDate()).isAfterOrEqualTo(counted.contract().startDate()));
        });
        for (Person person : careOnly(562).persons()) {
            for (Candidacy candidacy : person.candidacies()) {
                assertThat(candidacy.submittedOn()).isAfterOrEqualTo(LocalDate.of(2021, 1, 1));
                assertThat(candidacy.contracts().get(0).startDate()).isAfterOrEqualTo(candidacy.screenedOn());
            }
        }
        // lean: the whole demo runs in CI
        assertThat(contracts).hasSizeBetween(8_000, 9_500);
    }

    /**
     * enrolment-service refuses a contract that overlaps another of the person up to its planned end (the demo
     * registers every contract before any end); a candidacy's later contracts are the next training years.
     */
    @Test
    void noTwoContractsOfAPersonOverlapAndEachCandidacyClimbsItsTrainingYears() {
        for (Person person : careOnly(562).persons()) {
            List<Contract> all = person.candidacies().stream().flatMap(candidacy -> candidacy.contracts().stream()).toList();
            for (int i = 0; i < all.size(); i++) {
                for (int j = i + 1; j < all.size(); j++) {
                    Contract a = all.get(i);
                    Contract b = all.get(j);
                    boolean overlap = !b.startDate().isAfter(a.plannedEndDate()) && !a.startDate().isAfter(b.plannedEndDate());
                    assertThat(overlap).as(person.index() + ": " + a + " and " + b).isFalse();
                }
            }
            for (Candidacy candidacy : person.candidacies()) {
                for (int k = 1; k < candidacy.contracts().size(); k++) {
                    Contract before = candidacy.contracts().get(k - 1);
                    Contract next = candidacy.contracts().get(k);
                    assertThat(yearOf(next.trainingCode()).year()).isEqualTo(yearOf(before.trainingCode()).year() + 1);
                    End end = before.ends().get(before.ends().size() - 1);
                    assertThat(end.result()).as("a later year follows a passed one").isEqualTo("PASSED");
                    assertThat(yearOf(before.trainingCode()).finalYear()).isFalse();
                }
            }
        }
    }

    /**
     * The plan's edge cases: persons with two starts in the period (a reorientation between, which is no
     * drop-out) count once, and starts after September exist and count nowhere (the counts above hold).
     */
    @Test
    void twoStartsOfOnePersonCountOnceAndLateStartersCountNowhere() {
        DemoPlan plan = careOnly(562);
        long twoStartsIn2023 = plan.persons().stream().filter(person -> person.candidacies().stream()
                .flatMap(candidacy -> candidacy.contracts().stream())
                .filter(contract -> CareSectorPlanner.PUBLISHED.contains(contract.startDate())).count() == 2).count();
        assertThat(twoStartsIn2023).isEqualTo(CareSectorPlanner.REORIENTING);
        assertThat(contracts(plan, counted -> counted.contract().startDate().isAfter(LocalDate.of(2023, 9, 30))))
                .isNotEmpty();
        assertThat(contracts(plan, counted -> counted.end() != null && "STOPPED".equals(counted.end().result())
                && StopReason.REORIENTATION.name().equals(counted.end().stopReason()))).hasSize(2 * CareSectorPlanner.REORIENTING);
    }

    @Test
    void theSameSeedGivesTheSamePlanAndAnotherSeedAnotherOneWithTheSameFigures() {
        DemoPlan once = careOnly(7);
        DemoPlan other = careOnly(8);

        assertThat(careOnly(7)).isEqualTo(once);
        assertThat(other.persons()).isNotEqualTo(once.persons());
        assertThat(starters(other, CareSectorPlanner.PUBLISHED)).isEqualTo(2702);
        assertThat(diplomas(other, CareSectorPlanner.PREVIOUS)).isEqualTo(853);
        assertThat(dropouts(other, CareSectorPlanner.PUBLISHED)).isEqualTo(744);
    }

    /** As the answer explains the fall: not the first-year inflow of 2023, the inflow of the years before. */
    @Test
    void theFallOf2023IsInTheContinuingYearsNotInTheFirstYearInflow() {
        CareSectorPlanner.Counts counts = CareSectorPlanner.Counts.of(CareSectorPlanner.PREVIOUS, CareSectorPlanner.PUBLISHED);

        assertThat(counts.newcomers23()).isEqualTo(counts.newcomers22());
        assertThat(counts.continuers22() - counts.continuers23()).isGreaterThan(CareSectorPlanner.STARTERS_FEWER / 2);
    }

    @Test
    void numbersThePlanCannotMeetAreRefused() {
        assertThatThrownBy(() -> CareSectorPlanner.Counts.of(new CareSectorPlanner.Period(2022, 900, 853, 780),
                CareSectorPlanner.PUBLISHED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void yearsWithout2023PlanNoCareSector() {
        PopulationBuilder builder = new PopulationBuilder(catalogue, 1);
        new CareSectorPlanner(builder).plan(2013, 2022);
        assertThat(builder.persons()).isEmpty();
    }

    // ---------------------------------------------------------------- counting by the rules

    private static DemoPlan careOnly(long seed) {
        PopulationBuilder builder = new PopulationBuilder(catalogue, seed);
        new CareSectorPlanner(builder).plan(CareSectorPlanner.LAST_YEAR, CareSectorPlanner.LAST_YEAR);
        return new DemoPlan(seed, CareSectorPlanner.LAST_YEAR, CareSectorPlanner.LAST_YEAR, List.copyOf(builder.persons()),
                List.of());
    }

    /** F1: distinct persons with a start (not cancelled, OKOT) in the period, on the sector's courses. */
    private static long starters(DemoPlan plan, CareSectorPlanner.Period period) {
        List<String> personIds = new ArrayList<>();
        for (Counted counted : contracts(plan, counted -> period.contains(counted.contract().startDate()))) {
            StartRule.start(Integer.toString(counted.person()), counted.course().programme(), counted.contract().cancelled(),
                    counted.contract().startDate()).ifPresent(start -> personIds.add(start.personId()));
        }
        return StartRule.distinctPersons(personIds);
    }

    /** F2: final-year contracts whose current end is PASSED with the end date in the period. */
    private static long diplomas(DemoPlan plan, CareSectorPlanner.Period period) {
        return contracts(plan, counted -> counted.end() != null && period.contains(counted.end().endDate())
                && DiplomaRule.isDiploma(counted.year().finalYear(), Result.valueOf(counted.end().result()))).size();
    }

    /** F3: contracts whose current end is a drop-out with the end date in the period. */
    private static long dropouts(DemoPlan plan, CareSectorPlanner.Period period) {
        return contracts(plan, counted -> counted.end() != null && period.contains(counted.end().endDate())
                && DropOutRule.isDropOut(Result.valueOf(counted.end().result()), counted.end().stopReason() == null
                ? null : StopReason.valueOf(counted.end().stopReason()))).size();
    }

    /** The OKOT contracts, not cancelled, of the care sector's courses that {@code which} accepts. */
    private static List<Counted> contracts(DemoPlan plan, Predicate<Counted> which) {
        Map<String, Catalogue.Course> courses = new HashMap<>();
        catalogue.courses().forEach(course -> courses.put(course.code(), course));
        List<Counted> counted = new ArrayList<>();
        for (Person person : plan.persons()) {
            for (Candidacy candidacy : person.candidacies()) {
                Catalogue.Course course = courses.get(candidacy.courseCode());
                if (!CareSectorPlanner.SECTOR.equals(course.sector())
                        || !StartRule.isOkotContract(course.programme(), false)) {
                    continue;
                }
                for (Contract contract : candidacy.contracts()) {
                    Counted one = new Counted(person.index(), course, yearOf(contract.trainingCode()), contract);
                    if (!contract.cancelled() && which.test(one)) {
                        counted.add(one);
                    }
                }
            }
        }
        return counted;
    }

    private static Catalogue.TrainingYear yearOf(String trainingCode) {
        return catalogue.courses().stream().flatMap(course -> course.trainingYears().stream())
                .filter(year -> year.code().equals(trainingCode)).findFirst().orElseThrow();
    }
}
