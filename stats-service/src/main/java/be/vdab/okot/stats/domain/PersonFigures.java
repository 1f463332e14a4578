package be.vdab.okot.stats.domain;

import be.vdab.okot.events.outcome.ClusterRule;
import be.vdab.okot.events.outcome.DiplomaRule;
import be.vdab.okot.events.outcome.DropOutRule;
import be.vdab.okot.stats.persistence.CandidacyFact;
import be.vdab.okot.stats.persistence.ContractEndFact;
import be.vdab.okot.stats.persistence.ContractFact;
import be.vdab.okot.stats.persistence.OutflowFact;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every contribution of one person to the figures of figures.md, over all time, by the counting rules:
 * F1 starts, F2 diplomas, F3 drop-outs, F4 outflow, F7 knelpunt and F8 funnel (F5 offers belong to no
 * person). The live aggregate keeps, for each person, the difference between what this said before a
 * change of the person's facts and what it says after; the recount of the reconciliation applies it to
 * every person. The period of a figure is matched against {@link Contribution#countedOn()}.
 */
public final class PersonFigures {

    static final String OKOT = "OKOT";

    private PersonFigures() {
    }

    public static List<Contribution> of(PersonFacts person) {
        List<Contribution> contributions = new ArrayList<>();
        List<ContractFact> counted = person.contracts().stream()
                .filter(contract -> !person.cancelled().contains(contract.contractId)).toList();
        for (ContractFact contract : counted) {
            ContractEndFact end = person.ends().get(contract.contractId);
            if (OKOT.equals(contract.programme)) {
                // F1: the person is the unit
                contributions.add(new Contribution(FigureKind.STARTS, contract.startDate,
                        fact(contract.personId, contract.startDate, contract, null, null, null)));
                if (end != null && DiplomaRule.isDiploma(contract.finalYear, end.result)) {
                    contributions.add(new Contribution(FigureKind.DIPLOMAS, end.endDate,
                            fact(contract.contractId, end.endDate, contract, null, null, null)));
                }
                Optional<String> reason = end == null ? Optional.empty() : DropOutRule.reason(end.result, end.stopReason);
                reason.ifPresent(dropOut -> contributions.add(new Contribution(FigureKind.DROPOUTS, end.endDate,
                        fact(contract.contractId, end.endDate, contract, dropOut, null, null))));
            } else {
                // F7: a module 4a/4b training counts when it starts and when it ends
                contributions.add(knelpunt(contract, contract.startDate, KnelpuntCount.STARTED));
                if (end != null) {
                    contributions.add(knelpunt(contract, end.endDate, switch (end.result) {
                        case PASSED -> KnelpuntCount.COMPLETED;
                        case FAILED -> KnelpuntCount.FAILED;
                        case STOPPED -> KnelpuntCount.STOPPED_EARLY;
                    }));
                }
            }
        }
        outflow(person, counted, contributions);
        funnel(person, counted, contributions);
        return contributions;
    }

    /** F4: each cluster the rule of F4 closes, with a measurement, counted on its measurement date. */
    private static void outflow(PersonFacts person, List<ContractFact> counted, List<Contribution> contributions) {
        Map<String, List<ContractFact>> clusters = counted.stream().filter(contract -> OKOT.equals(contract.programme))
                .collect(Collectors.groupingBy(contract -> contract.clusterId));
        clusters.forEach((clusterId, contracts) -> {
            ContractFact last = contracts.stream().max(Comparator.comparing((ContractFact c) -> c.startDate)
                    .thenComparing(c -> c.contractId)).orElseThrow();
            ContractEndFact end = person.ends().get(last.contractId);
            OutflowFact measurement = person.outflow().get(clusterId);
            if (end == null || measurement == null) {
                return;
            }
            ClusterRule.closure(new ClusterRule.LastEnd(last.finalYear, end.endDate, end.result, end.stopReason))
                    .ifPresent(closed -> contributions.add(new Contribution(FigureKind.OUTFLOW, closed.measurementDate(),
                            fact(clusterId, closed.clusterEnd(), last, null, closed.ending().name(), measurement.atWork))));
        });
    }

    /** F8: each step of a candidacy on its own date; CONTRACT_STARTED on the first start that was not cancelled. */
    private static void funnel(PersonFacts person, List<ContractFact> counted, List<Contribution> contributions) {
        Map<String, LocalDate> firstStart = new HashMap<>();
        counted.forEach(contract -> firstStart.merge(contract.candidacyId, contract.startDate, (a, b) -> a.isBefore(b) ? a : b));
        for (CandidacyFact candidacy : person.candidacies()) {
            contributions.add(step(candidacy, candidacy.submittedOn, FunnelStep.SUBMITTED));
            if (candidacy.agreedOn != null) {
                contributions.add(step(candidacy, candidacy.agreedOn, FunnelStep.AGREED));
            }
            if (candidacy.screenedOn != null) {
                contributions.add(step(candidacy, candidacy.screenedOn,
                        "APPROVED".equals(candidacy.decision) ? FunnelStep.APPROVED : FunnelStep.REJECTED));
            }
            LocalDate first = firstStart.get(candidacy.candidacyId);
            if (first != null) {
                contributions.add(step(candidacy, first, FunnelStep.CONTRACT_STARTED));
            }
        }
    }

    private static Contribution knelpunt(ContractFact contract, LocalDate on, KnelpuntCount count) {
        Fact fact = fact(contract.contractId, on, contract, null, null, null);
        return new Contribution(FigureKind.KNELPUNT, on, new Fact(fact.unit(), fact.referenceDate(), fact.birthDate(),
                fact.gender(), fact.type(), fact.province(), fact.trainingCode(), fact.trainingName(), fact.courseCode(),
                fact.sector(), null, null, null, null, count.name(), fact.programme()));
    }

    private static Contribution step(CandidacyFact candidacy, LocalDate on, FunnelStep step) {
        return new Contribution(FigureKind.FUNNEL, on, new Fact(candidacy.candidacyId, on, candidacy.birthDate,
                candidacy.gender, null, candidacy.province, null, null, candidacy.courseCode, null, null, null, null,
                candidacy.referralKind.name(), step.name(), null));
    }

    static Fact fact(String unit, LocalDate referenceDate, ContractFact contract, String reason, String ending,
                     Boolean atWork) {
        return new Fact(unit, referenceDate, contract.birthDate, contract.gender, contract.type, contract.province,
                contract.trainingCode, contract.trainingName, contract.courseCode, contract.sector, reason, ending, atWork,
                null, null, contract.programme);
    }
}
