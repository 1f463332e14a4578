package be.vdab.okot.stats.domain;

import be.vdab.okot.events.enrolment.StartRule;
import be.vdab.okot.events.intake.FunnelRule;
import be.vdab.okot.events.intake.ScreeningCompleted.Decision;
import be.vdab.okot.events.outcome.ClusterRule;
import be.vdab.okot.events.outcome.DiplomaRule;
import be.vdab.okot.events.outcome.DropOutRule;
import be.vdab.okot.events.outcome.KnelpuntOutflowRule;
import be.vdab.okot.events.outcome.KnelpuntRule;
import be.vdab.okot.stats.persistence.CandidacyFact;
import be.vdab.okot.stats.persistence.ContractEndFact;
import be.vdab.okot.stats.persistence.ContractFact;
import be.vdab.okot.stats.persistence.OutflowFact;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Every contribution of one person to the figures of figures.md, over all time, by the counting rules:
 * F1 starts, F2 diplomas, F3 drop-outs, F4 outflow, F7 knelpunt and its outflow, and F8 funnel (F5 offers belong to no
 * person). The live aggregate keeps, for each person, the difference between what this said before a
 * change of the person's facts and what it says after; the recount of the reconciliation applies it to
 * every person. The period of a figure is matched against {@link Contribution#countedOn()}.
 */
public final class PersonFigures {

    private PersonFigures() {
    }

    public static List<Contribution> of(PersonFacts person) {
        List<Contribution> contributions = new ArrayList<>();
        for (ContractFact contract : person.contracts()) {
            boolean cancelled = person.cancelled().contains(contract.contractId);
            ContractEndFact end = person.ends().get(contract.contractId);
            // F1: the person is the unit
            StartRule.start(contract.personId, contract.programme, cancelled, contract.startDate).ifPresent(start ->
                    contributions.add(new Contribution(FigureKind.STARTS, start.on(),
                            fact(start.personId(), start.on(), contract, null, null, null), start.personId())));
            if (end != null && StartRule.isOkotContract(contract.programme, cancelled)) {
                // F2 and F3 count contracts and keep the person for their persons measure
                if (DiplomaRule.isDiploma(contract.finalYear, end.result)) { // F2
                    contributions.add(new Contribution(FigureKind.DIPLOMAS, end.endDate,
                            fact(contract.contractId, end.endDate, contract, null, null, null), contract.personId));
                }
                DropOutRule.reason(end.result, end.stopReason).ifPresent(reason -> // F3
                        contributions.add(new Contribution(FigureKind.DROPOUTS, end.endDate,
                                fact(contract.contractId, end.endDate, contract, reason, null, null), contract.personId)));
            }
            // F7: a module 4a/4b training counts when it starts and when it ends
            KnelpuntRule.counts(contract.programme, cancelled, contract.startDate, end == null ? null : end.endDate,
                    end == null ? null : end.result).forEach(counted -> contributions.add(knelpunt(contract, counted)));
        }
        outflow(person, contributions);
        knelpuntOutflow(person, contributions);
        funnel(person, contributions);
        return contributions;
    }

    /** F4: each cluster the rule of F4 closes, with a measurement, counted on its measurement date. */
    private static void outflow(PersonFacts person, List<Contribution> contributions) {
        lastOfClusters(person, contract -> StartRule.isOkotContract(contract.programme, false)).forEach((clusterId, last) -> {
            ContractEndFact end = person.ends().get(last.contractId);
            OutflowFact measurement = person.outflow().get(clusterId);
            if (end == null || measurement == null) {
                return;
            }
            ClusterRule.closure(new ClusterRule.LastEnd(last.finalYear, end.endDate, end.result, end.stopReason))
                    .ifPresent(closed -> contributions.add(new Contribution(FigureKind.OUTFLOW, closed.measurementDate(),
                            fact(clusterId, closed.clusterEnd(), last, null, closed.ending().name(), measurement.atWork),
                            person.personId())));
        });
    }

    /**
     * F7's outflow ({@link KnelpuntOutflowRule}): each module cluster (its one training, the last that is not cancelled)
     * that ended with any result and has a measurement, counted on its measurement date like F4, its breakdown values
     * (module, gender, age3) on its end date. The fact's {@code reason} is the stop reason of a training that stopped
     * early and null otherwise: {@code stopped=true} keeps the facts that have one.
     */
    private static void knelpuntOutflow(PersonFacts person, List<Contribution> contributions) {
        lastOfClusters(person, contract -> KnelpuntRule.isModule(contract.programme)).forEach((clusterId, last) -> {
            ContractEndFact end = person.ends().get(last.contractId);
            OutflowFact measurement = person.outflow().get(clusterId);
            if (end == null || measurement == null) {
                return;
            }
            KnelpuntOutflowRule.closure(last.programme, end.endDate, end.result, end.stopReason)
                    .ifPresent(closed -> contributions.add(new Contribution(FigureKind.KNELPUNT_OUTFLOW, closed.measurementDate(),
                            fact(clusterId, closed.clusterEnd(), last,
                                    closed.stopped() && end.stopReason != null ? end.stopReason.name() : null, null,
                                    measurement.atWork), person.personId())));
        });
    }

    /** Each cluster of the person's contracts that are not cancelled and of the programme, with its last contract. */
    private static Map<String, ContractFact> lastOfClusters(PersonFacts person, Predicate<ContractFact> programme) {
        return person.contracts().stream()
                .filter(contract -> programme.test(contract) && !person.cancelled().contains(contract.contractId))
                .collect(Collectors.toMap(contract -> contract.clusterId, contract -> contract,
                        BinaryOperator.maxBy(ClusterRule.chainOrder(c -> c.startDate, c -> c.contractId))));
    }

    /** F8: each step of a candidacy on its own date; CONTRACT_STARTED on the first start that was not cancelled. */
    private static void funnel(PersonFacts person, List<Contribution> contributions) {
        Map<String, List<FunnelRule.ContractStart>> starts = person.contracts().stream().collect(Collectors.groupingBy(
                contract -> contract.candidacyId, Collectors.mapping(contract -> new FunnelRule.ContractStart(
                        contract.startDate, person.cancelled().contains(contract.contractId)), Collectors.toList())));
        for (CandidacyFact candidacy : person.candidacies()) {
            FunnelRule.steps(candidacy.submittedOn, candidacy.agreedOn, candidacy.screenedOn,
                            candidacy.decision == null ? null : Decision.valueOf(candidacy.decision),
                            starts.getOrDefault(candidacy.candidacyId, List.of()))
                    .forEach(step -> contributions.add(step(candidacy, step)));
        }
    }

    private static Contribution knelpunt(ContractFact contract, KnelpuntRule.Counted counted) {
        Fact fact = fact(contract.contractId, counted.on(), contract, null, null, null);
        return new Contribution(FigureKind.KNELPUNT, counted.on(), new Fact(fact.unit(), fact.referenceDate(), fact.birthDate(),
                fact.gender(), fact.type(), fact.province(), fact.trainingCode(), fact.trainingName(), fact.courseCode(),
                fact.sector(), null, null, null, null, counted.count().name(), fact.programme()), contract.personId);
    }

    private static Contribution step(CandidacyFact candidacy, FunnelRule.Counted step) {
        return new Contribution(FigureKind.FUNNEL, step.on(), new Fact(candidacy.candidacyId, step.on(), candidacy.birthDate,
                candidacy.gender, null, candidacy.province, null, null, candidacy.courseCode, null, null, null, null,
                candidacy.referralKind.name(), step.step().name(), null), candidacy.personId);
    }

    static Fact fact(String unit, LocalDate referenceDate, ContractFact contract, String reason, String ending,
                     Boolean atWork) {
        return new Fact(unit, referenceDate, contract.birthDate, contract.gender, contract.type, contract.province,
                contract.trainingCode, contract.trainingName, contract.courseCode, contract.sector, reason, ending, atWork,
                null, null, contract.programme);
    }
}
