package be.vdab.okot.runner.demo;

import be.vdab.okot.runner.demo.DemoPlan.Candidacy;
import be.vdab.okot.runner.demo.DemoPlan.Contract;
import be.vdab.okot.runner.demo.DemoPlan.Person;
import be.vdab.okot.runner.demo.PlanFigures.Fact;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import static be.vdab.okot.runner.demo.PlanFigures.firstDay;
import static be.vdab.okot.runner.demo.PlanFigures.lastDay;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Question 74 inside question 562's population: the whole plan (2013 to the first half of 2022), counted by the rules
 * of the figures without services ({@link PlanFigures}), gives every published cell of question 74 but the known
 * contradiction with question 562, and every cell of question 562 still. That the platform counts it so is the
 * acceptance test's (PublishedFiguresAcceptanceIT).
 */
class Question74PlannerTest {

    private static Catalogue catalogue;
    private static DemoPlan plan;
    private static PlanFigures figures;

    @BeforeAll
    static void theWholePlan() throws IOException {
        catalogue = ShippedCatalogue.load();
        plan = new PopulationPlanner(catalogue, 562).plan(PopulationPlanner.FIRST_YEAR, Question74Planner.LAST_YEAR);
        figures = new PlanFigures(plan, catalogue);
    }

    private static final Predicate<Fact> ONDERWIJS = fact -> Question74Planner.SECTOR.equals(fact.course().sector());
    private static final Function<Fact, String> TRAINING = fact -> fact.contract().trainingCode();

    @Test
    void everyPublishedCellOfQuestion74ButTheContradictionWithQuestion562() {
        SoftAssertions softly = new SoftAssertions();
        compare(softly, Question74Planner.STARTS, (from, to) -> figures.starts(from, to, ONDERWIJS, TRAINING),
                (from, to) -> figures.startingPersons(from, to, ONDERWIJS));
        compare(softly, Question74Planner.DIPLOMAS, (from, to) -> figures.diplomas(from, to, ONDERWIJS, TRAINING),
                (from, to) -> figures.diplomas(from, to, ONDERWIJS, TRAINING).values().stream().mapToInt(Integer::intValue).sum());
        compare(softly, Question74Planner.DROPOUTS, (from, to) -> figures.dropouts(from, to, ONDERWIJS, TRAINING),
                (from, to) -> figures.droppingOutPersons(from, to, ONDERWIJS));
        softly.assertAll();
    }

    /** The known contradiction (INDEX.md §2): question 562's 10 Master drop-outs of 2020 are kept, not q74's 13 on 908020. */
    @Test
    void the2020DropOutsOf908020AreQuestion562sTenMasterDropOuts() {
        assertThat(figures.dropouts(firstDay(2020), lastDay(2020), ONDERWIJS, TRAINING)).containsEntry("908020", 10);
        assertThat(figures.droppingOutPersons(firstDay(2020), lastDay(2020), ONDERWIJS)).isEqualTo(270 - 3);
        Predicate<Fact> master = fact -> fact.course().type().equals("MASTER");
        assertThat(figures.dropouts(firstDay(2020), lastDay(2020), master, TRAINING)).containsOnlyKeys("908020");
        assertThat(figures.starts(firstDay(2020), lastDay(2020), master, TRAINING)).containsExactly(Map.entry("908020", 94));

        Question74Planner planner = new Question74Planner(new PopulationBuilder(catalogue, 1), Question562Breakdowns.published());
        planner.plan(2020, 2020);
        assertThat(planner.cuts()).containsExactly(Map.entry("908020 2020", 3));
        Question74Planner alone = new Question74Planner(new PopulationBuilder(catalogue, 1), null);
        alone.plan(2020, 2020);
        assertThat(alone.cuts()).as("without question 562's 2020, question 74's cells as published").isEmpty();
    }

    @Test
    void question562sCellsStillHold() {
        SoftAssertions softly = new SoftAssertions();
        Predicate<Fact> all = fact -> true;
        LocalDate from = firstDay(2020);
        LocalDate to = lastDay(2020);
        Function<Fact, String> type = fact -> label(Question562Planner.TYPE_BY_LABEL, fact.course().type());
        Function<Fact, String> gender = fact -> fact.person().gender();
        compare562(softly, "q562_2020_starts_by_age", "unique_learners",
                figures.starts(from, to, all, fact -> fact.age5(fact.contract().startDate())), figures.startingPersons(from, to, all));
        compare562(softly, "q562_2020_starts_by_gender", "unique_learners", figures.starts(from, to, all, gender),
                figures.startingPersons(from, to, all));
        compare562(softly, "q562_2020_starts_by_okot_type", "unique_learners", figures.starts(from, to, all, type),
                figures.startingPersons(from, to, all));
        Map<String, Integer> diplomasByAge = figures.diplomas(from, to, all, fact -> fact.age5(fact.end().endDate()));
        int diplomas = diplomasByAge.values().stream().mapToInt(Integer::intValue).sum();
        compare562(softly, "q562_2020_graduates_by_age", "passed_trajectories", diplomasByAge, diplomas);
        compare562(softly, "q562_2020_graduates_by_gender", "passed_trajectories", figures.diplomas(from, to, all, gender),
                diplomas);
        compare562(softly, "q562_2020_graduates_by_okot_type", "passed_trajectories", figures.diplomas(from, to, all, type),
                diplomas);
        Map<String, Integer> dropoutsByAge = figures.dropouts(from, to, all, fact -> fact.age5(fact.end().endDate()));
        int dropouts = dropoutsByAge.values().stream().mapToInt(Integer::intValue).sum();
        compare562(softly, "q562_2020_dropouts_by_age", "dropouts", dropoutsByAge, dropouts);
        compare562(softly, "q562_2020_dropouts_by_gender", "dropouts", figures.dropouts(from, to, all, gender), dropouts);
        compare562(softly, "q562_2020_dropouts_by_okot_type", "dropouts", figures.dropouts(from, to, all, type), dropouts);
        compare562(softly, "q562_2020_dropouts_by_reason", "dropouts",
                figures.dropouts(from, to, all, fact -> label(Question562Planner.DROPOUT_BY_LABEL, fact.reason())), dropouts);
        PublishedTables.load("q562_starts_by_year_2013_2020").series().forEach((year, published) -> softly
                .assertThat(figures.startingPersons(firstDay(year), lastDay(year), all)).as("starts " + year)
                .isEqualTo(published.intValue()));
        PublishedTables.load("q562_diplomas_by_year_2014_2020").series().forEach((year, published) -> softly
                .assertThat(figures.diplomas(firstDay(year), lastDay(year), all, fact -> "").getOrDefault("", 0))
                .as("diplomas " + year).isEqualTo(published.intValue()));
        PublishedTables.load("q562_dropouts_by_year_2014_2020").series().forEach((year, published) -> softly
                .assertThat(figures.dropouts(firstDay(year), lastDay(year), all, fact -> "").getOrDefault("", 0))
                .as("drop-outs " + year).isEqualTo(published.intValue()));
        softly.assertAll();
    }

    @Test
    void teacherTrainingsHaveNoOutflowMeasurementAndStayOutOfF4() {
        assertThat(plan.persons().stream().flatMap(Question74PlannerTest::contracts)
                .filter(contract -> contract.trainingCode().startsWith("9080"))
                .filter(contract -> contract.measurement() != null)).isEmpty();
    }

    /** enrolment-service refuses a contract that overlaps another of the person (planned end, as all start first). */
    @Test
    void noPersonHasOverlappingContracts() {
        List<String> overlaps = new ArrayList<>();
        for (Person person : plan.persons()) {
            List<Contract> contracts = contracts(person).sorted(Comparator.comparing(Contract::startDate)).toList();
            for (int i = 1; i < contracts.size(); i++) {
                if (!contracts.get(i).startDate().isAfter(contracts.get(i - 1).plannedEndDate())) {
                    overlaps.add(person.index() + ": " + contracts.get(i - 1) + " / " + contracts.get(i));
                }
            }
        }
        assertThat(overlaps).isEmpty();
    }

    @Test
    void aPlanOfSomeYearsMeetsTheirCells() {
        DemoPlan later = new PopulationPlanner(catalogue, 74).plan(2021, 2022);
        PlanFigures counted = new PlanFigures(later, catalogue);
        assertThat(counted.startingPersons(firstDay(2021), lastDay(2021), ONDERWIJS)).isEqualTo(1480);
        assertThat(counted.diplomas(firstDay(2022), Question74Planner.LAST_DAY, ONDERWIJS, TRAINING))
                .containsEntry("908033", 51).containsEntry("908024", 59);
        DemoPlan year2020 = new PopulationPlanner(catalogue, 74).plan(2020, 2020);
        PlanFigures counted2020 = new PlanFigures(year2020, catalogue);
        assertThat(counted2020.startingPersons(firstDay(2020), lastDay(2020), fact -> true)).isEqualTo(5882);
        assertThat(counted2020.startingPersons(firstDay(2020), lastDay(2020), ONDERWIJS)).isEqualTo(1472);
    }

    /** A demo of one year (./okot demo --year Y) holds that year's cells of question 74: its starts and its Totaal. */
    @Test
    void everySingleYearCanBePlannedAndMeetsItsStarts() {
        PublishedTables.Table starts = PublishedTables.load(Question74Planner.STARTS);
        List<String> totals = starts.rows().stream().filter(row -> row.get(row.size() - 1).equals("total")).findFirst()
                .orElseThrow();
        for (int year = PopulationPlanner.FIRST_YEAR; year <= PopulationPlanner.LAST_YEAR; year++) {
            PlanFigures counted = new PlanFigures(new PopulationPlanner(catalogue, year).plan(year, year), catalogue);
            int column = starts.header().indexOf(Question74Planner.column(year));
            if (column >= 0) {
                assertThat(counted.startingPersons(firstDay(year), lastDay(year), ONDERWIJS)).as("starters " + year)
                        .isEqualTo(Integer.parseInt(totals.get(column)));
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private interface Counts {
        Map<String, Integer> of(LocalDate from, LocalDate to);
    }

    private interface Total {
        int of(LocalDate from, LocalDate to);
    }

    /** Every year column of a question 74 table: code rows (a blank is none) and the Totaal row. */
    private static void compare(SoftAssertions softly, String name, Counts rows, Total total) {
        PublishedTables.Table table = PublishedTables.load(name);
        for (int column = 0; column < table.header().size(); column++) {
            Integer year = Question74Planner.year(table.header().get(column));
            if (year == null) {
                continue;
            }
            LocalDate from = firstDay(year);
            LocalDate to = year == Question74Planner.LAST_YEAR ? Question74Planner.LAST_DAY : lastDay(year);
            Map<String, Integer> counted = rows.of(from, to);
            for (List<String> row : table.rows()) {
                String cell = row.get(column);
                boolean totalRow = row.get(row.size() - 1).equals("total");
                int published = cell.isBlank() ? 0 : Integer.parseInt(cell);
                String code = row.get(0);
                if (name.equals(Question74Planner.DROPOUTS) && year == 2020 && (code.equals("908020") || totalRow)) {
                    continue; // the contradiction: see the test of its own
                }
                int actual = totalRow ? total.of(from, to) : counted.getOrDefault(code, 0);
                softly.assertThat(actual).as(name + " " + (totalRow ? "Totaal" : code) + " " + year).isEqualTo(published);
            }
        }
    }

    private static void compare562(SoftAssertions softly, String name, String column, Map<String, Integer> counted,
                                   int total) {
        PublishedTables.Table table = PublishedTables.load(name);
        for (List<String> row : table.rows()) {
            String label = row.get(0);
            int published = Integer.parseInt(row.get(table.header().indexOf(column)));
            int actual = row.get(row.size() - 1).equals("total") ? total : counted.getOrDefault(label, 0);
            softly.assertThat(actual).as(name + " " + label).isEqualTo(published);
        }
    }

    private static String label(Map<String, String> codeByLabel, String code) {
        return codeByLabel.entrySet().stream().filter(entry -> entry.getValue().equals(code)).map(Map.Entry::getKey)
                .findFirst().orElse(code);
    }

    private static java.util.stream.Stream<Contract> contracts(Person person) {
        return person.candidacies().stream().map(Candidacy::contracts).flatMap(List::stream);
    }
}
