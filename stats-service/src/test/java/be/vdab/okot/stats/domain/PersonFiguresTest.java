package be.vdab.okot.stats.domain;

import be.vdab.okot.events.Gender;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.ReferralKind;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.stats.persistence.CandidacyFact;
import be.vdab.okot.stats.persistence.ContractEndFact;
import be.vdab.okot.stats.persistence.ContractFact;
import be.vdab.okot.stats.persistence.OutflowFact;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retraction in the live aggregate, one kind of change at a time: what a person's facts contributed
 * before a change is retracted, what they contribute after it is added, and the cells then say exactly
 * what a recount of the changed facts says (figures.md unchanged).
 */
class PersonFiguresTest {

    private static final String PERSON = "person-1";
    private static final LocalDate BORN = LocalDate.of(1990, 3, 10);

    private final List<ContractFact> contracts = new ArrayList<>();
    private final Set<String> cancelled = new HashSet<>();
    private final Map<String, ContractEndFact> ends = new HashMap<>();
    private final Map<String, OutflowFact> outflow = new HashMap<>();
    private final List<CandidacyFact> candidacies = new ArrayList<>();
    private final LiveCells cells = new LiveCells();
    private List<Contribution> current = List.of();

    @Test
    void aResitCorrectionRetractsTheDropOutAndAddsTheDiploma() {
        contract("c1", "cluster-1", LocalDate.of(2019, 9, 2), true);
        end("c1", 1, LocalDate.of(2020, 6, 30), Result.FAILED, null);
        change();
        assertThat(count(FigureKind.DROPOUTS, 2020)).isEqualTo(1);
        assertThat(count(FigureKind.DIPLOMAS, 2020)).isZero();

        end("c1", 2, LocalDate.of(2020, 8, 31), Result.PASSED, null); // the resit, a later revision
        change();
        assertThat(count(FigureKind.DROPOUTS, 2020)).isZero();
        assertThat(count(FigureKind.DIPLOMAS, 2020)).isEqualTo(1);
        assertCellsEqualARecount();
    }

    @Test
    void aCancellationRetractsTheStartTheEndAndTheFunnelStep() {
        candidacy("k1", LocalDate.of(2020, 5, 4));
        contract("c1", "cluster-1", LocalDate.of(2020, 9, 1), true).candidacyId = "k1";
        end("c1", 1, LocalDate.of(2020, 12, 18), Result.STOPPED, StopReason.BY_CLIENT);
        change();
        assertThat(count(FigureKind.STARTS, 2020)).isEqualTo(1);
        assertThat(count(FigureKind.DROPOUTS, 2020)).isEqualTo(1);
        assertThat(step(FigureKind.FUNNEL, 2020, "CONTRACT_STARTED")).isEqualTo(1);

        cancelled.add("c1");
        change();
        assertThat(count(FigureKind.STARTS, 2020)).isZero();
        assertThat(count(FigureKind.DROPOUTS, 2020)).isZero();
        assertThat(step(FigureKind.FUNNEL, 2020, "CONTRACT_STARTED")).isZero();
        assertThat(step(FigureKind.FUNNEL, 2020, "SUBMITTED")).isEqualTo(1);
        assertCellsEqualARecount();
    }

    @Test
    void aContractThatReopensAClusterRetractsItsOutflow() {
        contract("c1", "cluster-1", LocalDate.of(2019, 9, 2), false);
        end("c1", 1, LocalDate.of(2020, 6, 30), Result.PASSED, null); // a passed non-final year closes nothing...
        change();
        assertThat(count(FigureKind.OUTFLOW, 2020)).isZero();

        end("c1", 2, LocalDate.of(2020, 6, 30), Result.STOPPED, StopReason.BY_CLIENT); // ...a stop closes it
        measure("cluster-1", LocalDate.of(2020, 9, 30), true);
        change();
        assertThat(count(FigureKind.OUTFLOW, 2020)).isEqualTo(1);

        contract("c2", "cluster-1", LocalDate.of(2020, 9, 1), true); // the person goes on in the same cluster
        change();
        assertThat(count(FigureKind.OUTFLOW, 2020)).isZero();
        assertCellsEqualARecount();
    }

    @Test
    void aModuleTrainingClosesItsClusterOnAnyEndCountsOnlyInKnelpuntOutflowAndACorrectionMovesItOutOfTheStoppers() {
        ContractFact module = contract("m1", "cluster-m", LocalDate.of(2020, 1, 6), true);
        module.programme = "KNELPUNT_4A";
        end("m1", 1, LocalDate.of(2020, 4, 30), Result.STOPPED, StopReason.REORIENTATION); // would leave an OKOT cluster open
        measure("cluster-m", LocalDate.of(2020, 7, 31), true);
        change();
        assertThat(count(FigureKind.KNELPUNT_OUTFLOW, 2020)).isEqualTo(1);
        assertThat(stoppers(2020)).isEqualTo(1);
        assertThat(count(FigureKind.OUTFLOW, 2020) + count(FigureKind.DROPOUTS, 2020) + count(FigureKind.STARTS, 2020)).isZero();

        end("m1", 2, LocalDate.of(2020, 6, 30), Result.PASSED, null); // passed after all
        change();
        assertThat(count(FigureKind.KNELPUNT_OUTFLOW, 2020)).isEqualTo(1);
        assertThat(stoppers(2020)).isZero();

        cancelled.add("m1");
        change();
        assertThat(count(FigureKind.KNELPUNT_OUTFLOW, 2020)).isZero();
        assertCellsEqualARecount();
    }

    private long stoppers(int year) {
        return cells.read(FigureKind.KNELPUNT_OUTFLOW, YearMonth.of(year, 1), YearMonth.of(year, 12), cell -> cell.reason() != null)
                .stream().mapToLong(LiveCells.Counted::count).sum();
    }

    @Test
    void aRepeatedFactChangesNothing() {
        contract("c1", "cluster-1", LocalDate.of(2020, 9, 1), true);
        change();
        List<Contribution> retracted = new ArrayList<>();
        List<Contribution> added = new ArrayList<>();
        LiveFigures.difference(current, PersonFigures.of(facts()), retracted, added);
        assertThat(retracted).isEmpty();
        assertThat(added).isEmpty();
    }

    @Test
    void aBirthdayBetweenTwoStartsPutsThePersonInTwoAgeCellsAndOnceInTheTotal() {
        LocalDate born = LocalDate.of(2000, 5, 15);
        contract("c1", "cluster-1", LocalDate.of(2020, 1, 6), false).birthDate = born; // 19 years: 18-19
        contract("c2", "cluster-1", LocalDate.of(2020, 9, 1), true).birthDate = born;  // 20 years: 20-24
        change();
        List<LiveCells.Counted> starts = cells.read(FigureKind.STARTS, YearMonth.of(2020, 1), YearMonth.of(2020, 12), cell -> true);
        assertThat(starts).hasSize(2);
        assertThat(starts.stream().map(one -> one.cell().unit()).distinct()).containsExactly(PERSON);
        assertThat(starts.stream().map(one -> Dimension.AGE5.valueOf(one.cell(), code -> code).key()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("18-19", "20-24");

        contracts.get(1).startDate = LocalDate.of(2020, 4, 20); // a correction moves the second start before the birthday
        change();
        assertThat(cells.read(FigureKind.STARTS, YearMonth.of(2020, 1), YearMonth.of(2020, 12), cell -> true).stream()
                .map(one -> Dimension.AGE5.valueOf(one.cell(), code -> code).key()).collect(Collectors.toSet()))
                .containsExactly("18-19");
        assertCellsEqualARecount();
    }

    @Test
    void diplomaCellsKeepThePersonAndTheMonthRangeSelectsTheCells() {
        contract("c1", "cluster-1", LocalDate.of(2019, 9, 2), true);
        end("c1", 1, LocalDate.of(2020, 3, 31), Result.PASSED, null);
        change();
        ContractFact twin = contract("c2", "cluster-2", LocalDate.of(2019, 9, 2), true);
        twin.personId = "person-2";
        end("c2", 1, LocalDate.of(2020, 3, 20), Result.PASSED, null); // both after the birthday: the same age
        cells.apply(List.of(), PersonFigures.of(PersonFacts.of("person-2", List.of(), List.of(twin), cancelled, ends, outflow)));
        List<LiveCells.Counted> diplomas = cells.read(FigureKind.DIPLOMAS, YearMonth.of(2020, 3), YearMonth.of(2020, 3), cell -> true);
        // one cell per person (the persons measure), each counting its contract; a tally merges them: 2 contracts, 2 persons
        assertThat(diplomas).extracting(cell -> cell.cell().unit()).containsExactlyInAnyOrder(PERSON, "person-2");
        assertThat(diplomas).allSatisfy(cell -> assertThat(cell.count()).isEqualTo(1));
        assertThat(cells.tally(FigureKind.DIPLOMAS, LocalDate.of(2020, 3, 1), LocalDate.of(2020, 3, 31), Map.of(), List.of()))
                .singleElement().satisfies(tally -> {
                    assertThat(tally.count()).isEqualTo(2);
                    assertThat(tally.persons()).hasSize(2);
                });
        assertThat(cells.read(FigureKind.DIPLOMAS, YearMonth.of(2020, 4), YearMonth.of(2020, 12), cell -> true)).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private void change() {
        List<Contribution> after = PersonFigures.of(facts());
        List<Contribution> retracted = new ArrayList<>();
        List<Contribution> added = new ArrayList<>();
        LiveFigures.difference(current, after, retracted, added);
        cells.apply(retracted, added);
        current = after;
    }

    private void assertCellsEqualARecount() {
        LiveCells recount = new LiveCells();
        recount.replaceAll(PersonFigures.of(facts()));
        assertThat(deepCounts(cells)).isEqualTo(deepCounts(recount));
    }

    private static Map<String, Long> deepCounts(LiveCells cells) {
        Map<String, Long> counts = new HashMap<>();
        cells.snapshot().forEach((figure, months) -> months.forEach((month, monthCells) -> monthCells.forEach((cell, c) ->
                counts.put(figure + " " + month + " " + cell, c[0] * 1000 + c[1]))));
        return counts;
    }

    private PersonFacts facts() {
        return PersonFacts.of(PERSON, candidacies, contracts, cancelled, ends, outflow);
    }

    private long count(FigureKind figure, int year) {
        return cells.read(figure, YearMonth.of(year, 1), YearMonth.of(year, 12), cell -> true).stream()
                .mapToLong(LiveCells.Counted::count).sum();
    }

    private long step(FigureKind figure, int year, String step) {
        return cells.read(figure, YearMonth.of(year, 1), YearMonth.of(year, 12), cell -> step.equals(cell.step())).stream()
                .mapToLong(LiveCells.Counted::count).sum();
    }

    private ContractFact contract(String id, String cluster, LocalDate start, boolean finalYear) {
        ContractFact contract = new ContractFact();
        contract.contractId = id;
        contract.candidacyId = "k-" + id;
        contract.clusterId = cluster;
        contract.personId = PERSON;
        contract.birthDate = BORN;
        contract.gender = Gender.V;
        contract.courseCode = "pba-verpleegkunde";
        contract.trainingCode = "pba-verpleegkunde-" + (finalYear ? 3 : 1);
        contract.trainingName = "Verpleegkunde";
        contract.trainingYear = finalYear ? 3 : 1;
        contract.finalYear = finalYear;
        contract.type = "PBA";
        contract.sector = "ZORG";
        contract.programme = "OKOT";
        contract.province = Province.ANT;
        contract.startDate = start;
        contracts.add(contract);
        return contract;
    }

    private void end(String contractId, int revision, LocalDate on, Result result, StopReason reason) {
        ContractEndFact end = new ContractEndFact();
        end.contractId = contractId;
        end.revision = revision;
        end.endDate = on;
        end.result = result;
        end.stopReason = reason;
        ends.put(contractId, end);
    }

    private void measure(String clusterId, LocalDate on, boolean atWork) {
        OutflowFact measurement = new OutflowFact();
        measurement.clusterId = clusterId;
        measurement.measuredOn = on;
        measurement.atWork = atWork;
        outflow.put(clusterId, measurement);
    }

    private void candidacy(String id, LocalDate submittedOn) {
        CandidacyFact candidacy = new CandidacyFact();
        candidacy.candidacyId = id;
        candidacy.personId = PERSON;
        candidacy.submittedOn = submittedOn;
        candidacy.referralKind = ReferralKind.VDAB;
        candidacy.courseCode = "pba-verpleegkunde";
        candidacy.province = Province.ANT;
        candidacy.gender = Gender.V;
        candidacy.birthDate = BORN;
        candidacies.add(candidacy);
    }
}
