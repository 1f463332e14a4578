package be.vdab.okot.runner.demo;

import be.vdab.okot.runner.demo.DemoPlan.Candidacy;
import be.vdab.okot.runner.demo.DemoPlan.Contract;
import be.vdab.okot.runner.demo.DemoPlan.End;
import be.vdab.okot.runner.demo.DemoPlan.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The planner on its own, against the shipped catalogue: fast feedback that the plan is
 * feasible and holds the published yearly totals. That the platform counts them so is proven
 * by the acceptance test (PublishedFiguresAcceptanceIT), through the real APIs and events.
 */
class PopulationPlannerTest {

    private static Catalogue catalogue;
    /** The training years of OKOT courses: question 562 counts no other (F1–F4, {@code StartRule}). */
    private static Set<String> okotTrainings;

    @BeforeAll
    static void shippedCatalogue() throws IOException {
        catalogue = ShippedCatalogue.load();
        okotTrainings = catalogue.courses().stream()
                .filter(course -> be.vdab.okot.events.enrolment.StartRule.OKOT.equals(course.programme()))
                .flatMap(course -> course.trainingYears().stream()).map(Catalogue.TrainingYear::code)
                .collect(Collectors.toSet());
    }

    @Test
    void theWholeSeriesHasThePublishedYearlyStartsDiplomasAndDropOuts() {
        DemoPlan plan = new PopulationPlanner(catalogue, 562).plan(2013, 2020);

        Map<Integer, Integer> starts = Map.of(2013, 5105, 2014, 5579, 2015, 5451, 2016, 4854, 2017, 4467, 2018, 4398,
                2019, 4774, 2020, 5882);
        starts.forEach((year, published) -> assertThat(startersIn(plan, year)).as("starters " + year).isEqualTo(published));
        Map<Integer, Integer> diplomas = Map.of(2014, 1014, 2015, 1390, 2016, 1612, 2017, 1519, 2018, 1487, 2019, 1504,
                2020, 1492);
        diplomas.forEach((year, published) -> assertThat((int) finalEnds(plan, year, "PASSED")).as("diplomas " + year)
                .isEqualTo(published));
    }

    /** The services refuse business dates before the platform's history start (okot.history.start, 2012-01-01). */
    @Test
    void everyDateOfTheWholeSeriesLiesInThePlatformsHistory() {
        DemoPlan plan = new PopulationPlanner(catalogue, 562).plan(2013, 2020);
        LocalDate historyStart = LocalDate.of(2012, 1, 1);
        List<LocalDate> dates = plan.persons().stream().flatMap(person -> person.candidacies().stream())
                .flatMap(candidacy -> java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(candidacy.submittedOn(), candidacy.agreedOn(), candidacy.screenedOn()),
                        candidacy.contracts().stream().flatMap(contract -> java.util.stream.Stream.concat(
                                java.util.stream.Stream.of(contract.startDate(), contract.plannedEndDate(),
                                        contract.measurement() != null ? contract.measurement().measuredOn() : null),
                                contract.ends().stream().map(End::endDate)))))
                .filter(java.util.Objects::nonNull).toList();
        assertThat(dates).isNotEmpty().allSatisfy(day -> assertThat(day).isAfterOrEqualTo(historyStart));
    }

    /**
     * What the services check of each item, over the whole demo (2013–2023): a contract is planned for at most 15 months
     * (enrolment-service, ContractService.MAX_MONTHS) and ends after its start; a candidacy is screened after it is
     * submitted and before its first contract starts; no business date lies after today.
     */
    @Test
    void everyItemOfTheWholeDemoPassesTheServicesInputRules() {
        DemoPlan plan = new PopulationPlanner(catalogue, 562).plan(PopulationPlanner.FIRST_YEAR, PopulationPlanner.LAST_YEAR);
        LocalDate today = LocalDate.now();
        for (Person person : plan.persons()) {
            for (Candidacy candidacy : person.candidacies()) {
                assertThat(candidacy.screenedOn()).as(person.insz()).isAfterOrEqualTo(candidacy.submittedOn());
                for (Contract contract : candidacy.contracts()) {
                    assertThat(contract.plannedEndDate()).as(person.insz() + " " + contract)
                            .isAfter(contract.startDate()).isBeforeOrEqualTo(contract.startDate().plusMonths(15));
                    assertThat(contract.startDate()).as(person.insz()).isAfterOrEqualTo(candidacy.screenedOn())
                            .isBeforeOrEqualTo(today);
                    contract.ends().forEach(end -> assertThat(end.endDate()).as(person.insz() + " " + contract)
                            .isAfterOrEqualTo(contract.startDate()).isBeforeOrEqualTo(today));
                }
            }
        }
    }

    @Test
    void theSamePlanComesOfTheSameSeed() {
        DemoPlan once = new PopulationPlanner(catalogue, 7).plan(2020, 2020);
        DemoPlan again = new PopulationPlanner(catalogue, 7).plan(2020, 2020);
        DemoPlan other = new PopulationPlanner(catalogue, 8).plan(2020, 2020);

        assertThat(again).isEqualTo(once);
        assertThat(other.persons()).isNotEqualTo(once.persons());
    }

    @Test
    void everyPersonHasADistinctValidNationalRegisterNumber() {
        DemoPlan plan = new PopulationPlanner(catalogue, 562).plan(2019, 2020);
        Set<String> numbers = new HashSet<>();
        for (Person person : plan.persons()) {
            assertThat(numbers.add(person.insz())).as(person.insz()).isTrue();
            long firstNine = Long.parseLong((person.birthDate().getYear() >= 2000 ? "2" : "") + person.insz().substring(0, 9));
            assertThat(97 - firstNine % 97).isEqualTo(Long.parseLong(person.insz().substring(9)));
        }
    }

    @Test
    void nineteenPersonsStartTwiceIn2020WithABirthdayInBetweenAndSixChangeType() {
        DemoPlan plan = new PopulationPlanner(catalogue, 562).plan(2020, 2020);
        List<Person> twice = plan.persons().stream()
                .filter(person -> contracts(person).filter(c -> c.startDate().getYear() == 2020).count() == 2)
                // question 562's: question 74's persons who start two training years in 2020 are its own (Question74PlannerTest)
                .filter(person -> contracts(person).noneMatch(c -> catalogue.courses().stream()
                        .filter(course -> Question74Planner.SECTOR.equals(course.sector()))
                        .anyMatch(course -> course.trainingYears().stream().anyMatch(y -> y.code().equals(c.trainingCode())))))
                .toList();

        assertThat(twice).hasSize(19);
        for (Person person : twice) {
            List<Contract> contracts = contracts(person).toList();
            assertThat(ageOn(person, contracts.get(1).startDate())).isEqualTo(ageOn(person, contracts.get(0).startDate()) + 1);
            assertThat(contracts.get(0).ends()).extracting(End::stopReason).containsExactly("REORIENTATION");
        }
    }

    @Test
    void outsideThePublishedYearsThereIsNoPlan() {
        assertThatThrownBy(() -> new PopulationPlanner(catalogue, 1).plan(2012, 2020))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PopulationPlanner(catalogue, 1).plan(2020, PopulationPlanner.LAST_YEAR + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outflowCountsHitPublishedRatesRoundedHalfUp() {
        assertThat(Question562Planner.atWorkFor(new java.math.BigDecimal("77.34"), 1240)).isEqualTo(959);
        assertThat(Question562Planner.atWorkFor(new java.math.BigDecimal("67.5"), 40)).isEqualTo(27);
        assertThat(Question562Planner.atWorkFor(new java.math.BigDecimal("66.96"), 10)).isEqualTo(-1);
    }

    private static int startersIn(DemoPlan plan, int year) {
        return (int) plan.persons().stream()
                .filter(person -> contracts(person).anyMatch(c -> !c.cancelled() && c.startDate().getYear() == year))
                .count();
    }

    private static long finalEnds(DemoPlan plan, int year, String result) {
        Set<String> finalYears = catalogue.courses().stream().flatMap(course -> course.trainingYears().stream())
                .filter(Catalogue.TrainingYear::finalYear).map(Catalogue.TrainingYear::code).collect(Collectors.toSet());
        return plan.persons().stream().flatMap(PopulationPlannerTest::contracts)
                .filter(contract -> finalYears.contains(contract.trainingCode()) && !contract.ends().isEmpty())
                .map(contract -> contract.ends().get(contract.ends().size() - 1))
                .filter(end -> end.endDate().getYear() == year && end.result().equals(result))
                .count();
    }

    /** The person's OKOT contracts (module trainings are F7's, question 315). */
    private static java.util.stream.Stream<Contract> contracts(Person person) {
        return person.candidacies().stream().map(Candidacy::contracts).flatMap(List::stream)
                .filter(contract -> okotTrainings.contains(contract.trainingCode()));
    }

    private static int ageOn(Person person, LocalDate day) {
        return be.vdab.okot.events.AgeBandRule.age(person.birthDate(), day);
    }
}
