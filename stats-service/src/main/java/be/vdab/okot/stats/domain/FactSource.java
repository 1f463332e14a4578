package be.vdab.okot.stats.domain;

import be.vdab.okot.events.outcome.ClusterRule;
import be.vdab.okot.events.outcome.DiplomaRule;
import be.vdab.okot.events.outcome.DropOutRule;
import be.vdab.okot.stats.persistence.CancelledContract;
import be.vdab.okot.stats.persistence.CandidacyFact;
import be.vdab.okot.stats.persistence.ContractEndFact;
import be.vdab.okot.stats.persistence.ContractFact;
import be.vdab.okot.stats.persistence.CourseFact;
import be.vdab.okot.stats.persistence.OfferFact;
import be.vdab.okot.stats.persistence.OutflowFact;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads, from the stored facts, what each figure counts in a period, by the counting rules of figures.md. */
@ApplicationScoped
public class FactSource {

    private static final String OKOT = "OKOT";

    public List<Fact> facts(FigureKind figure, Period period) {
        return switch (figure) {
            case STARTS -> starts(period);
            case DIPLOMAS -> ends(period, true);
            case DROPOUTS -> ends(period, false);
            case OUTFLOW -> outflow(period);
            case OFFERS -> offers(period);
            case FUNNEL -> funnel(period);
            case KNELPUNT -> knelpunt(period);
        };
    }

    /** F1: every start of a contract in the period; the person is the unit. */
    private List<Fact> starts(Period period) {
        Set<String> cancelled = cancelledIn(ContractFact.<ContractFact>list(
                "startDate between ?1 and ?2 and programme = ?3", period.from(), period.to(), OKOT));
        return ContractFact.<ContractFact>list("startDate between ?1 and ?2 and programme = ?3",
                        period.from(), period.to(), OKOT).stream()
                .filter(contract -> !cancelled.contains(contract.contractId))
                .map(contract -> fact(contract.personId, contract.startDate, contract, null, null, null))
                .toList();
    }

    /** F2 (final year passed) or F3 (failed, or stopped but not to reorient or for registration): by end date. */
    private List<Fact> ends(Period period, boolean diplomas) {
        List<ContractEndFact> ends = ContractEndFact.list("endDate between ?1 and ?2", period.from(), period.to());
        Map<String, ContractFact> contracts = contractsById(ends.stream().map(end -> end.contractId).toList());
        Set<String> cancelled = cancelledIn(contracts.values());
        List<Fact> facts = new ArrayList<>();
        for (ContractEndFact end : ends) {
            ContractFact contract = contracts.get(end.contractId);
            if (contract == null || cancelled.contains(end.contractId) || !OKOT.equals(contract.programme)) {
                continue;
            }
            if (diplomas ? DiplomaRule.isDiploma(contract.finalYear, end.result) : DropOutRule.isDropOut(end.result, end.stopReason)) {
                String reason = diplomas ? null : DropOutRule.reason(end.result, end.stopReason).orElseThrow();
                facts.add(fact(contract.contractId, end.endDate, contract, reason, null, null));
            }
        }
        return facts;
    }

    /**
     * F4: clusters closed by the rule of F4 on the facts here, with a measurement, whose measurement
     * date lies in the period. A cluster a later contract reopened is not closed, so it leaves the figure.
     */
    private List<Fact> outflow(Period period) {
        // a measurement date in the period means an end in about the 3 months before it
        List<ContractEndFact> candidates = ContractEndFact.list("endDate between ?1 and ?2",
                period.from().minusMonths(ClusterRule.MONTHS_TO_MEASUREMENT).minusDays(4),
                period.to().minusMonths(ClusterRule.MONTHS_TO_MEASUREMENT).plusDays(4));
        Set<String> clusterIds = contractsById(candidates.stream().map(end -> end.contractId).toList()).values().stream()
                .map(contract -> contract.clusterId).collect(Collectors.toSet());
        List<Fact> facts = new ArrayList<>();
        for (List<String> chunk : chunks(new ArrayList<>(clusterIds))) {
            List<ContractFact> contracts = ContractFact.list("clusterId in ?1", chunk);
            Set<String> cancelled = cancelledIn(contracts);
            Map<String, ContractEndFact> ends = ContractEndFact.<ContractEndFact>list("contractId in ?1",
                    contracts.stream().map(contract -> contract.contractId).toList()).stream()
                    .collect(Collectors.toMap(end -> end.contractId, end -> end));
            Map<String, OutflowFact> measurements = OutflowFact.<OutflowFact>list("clusterId in ?1", chunk).stream()
                    .collect(Collectors.toMap(measurement -> measurement.clusterId, measurement -> measurement));
            Map<String, List<ContractFact>> byCluster = contracts.stream()
                    .filter(contract -> !cancelled.contains(contract.contractId) && OKOT.equals(contract.programme))
                    .collect(Collectors.groupingBy(contract -> contract.clusterId));
            byCluster.forEach((clusterId, clusterContracts) -> {
                ContractFact last = clusterContracts.stream().max(Comparator.comparing((ContractFact c) -> c.startDate)
                        .thenComparing(c -> c.contractId)).orElseThrow();
                ContractEndFact end = ends.get(last.contractId);
                OutflowFact measurement = measurements.get(clusterId);
                if (end == null || measurement == null) {
                    return;
                }
                Optional<ClusterRule.Closure> closure = ClusterRule.closure(
                        new ClusterRule.LastEnd(last.finalYear, end.endDate, end.result, end.stopReason));
                closure.filter(closed -> period.contains(closed.measurementDate())).ifPresent(closed -> facts.add(
                        fact(clusterId, closed.clusterEnd(), last, null, closed.ending().name(), measurement.atWork)));
            });
        }
        return facts;
    }

    /** F5: the offers of the years the period covers. */
    private List<Fact> offers(Period period) {
        Map<String, CourseFact> courses = CourseFact.<CourseFact>listAll().stream()
                .collect(Collectors.toMap(course -> course.code, course -> course));
        return OfferFact.<OfferFact>list("key.year between ?1 and ?2", period.from().getYear(), period.to().getYear())
                .stream().map(offer -> {
                    CourseFact course = courses.get(offer.key.courseCode());
                    return new Fact(offer.key.year() + ":" + offer.key.courseCode() + ":" + offer.key.province(),
                            LocalDate.of(offer.key.year(), 1, 1), null, null, course == null ? "UNKNOWN" : course.type,
                            offer.key.province(), null, null, offer.key.courseCode(), course == null ? null : course.sector,
                            null, null, null, null, null, course == null ? null : course.programme);
                }).toList();
    }

    /**
     * F7: the module 4a/4b trainings started in the period (age on the start) and those that ended
     * in it, successfully, not successfully or stopped early (age on the end). The unit is the training.
     */
    private List<Fact> knelpunt(Period period) {
        List<Fact> facts = new ArrayList<>();
        List<ContractFact> started = ContractFact.list("startDate between ?1 and ?2 and programme <> ?3",
                period.from(), period.to(), OKOT);
        Set<String> cancelledStarts = cancelledIn(started);
        started.stream().filter(contract -> !cancelledStarts.contains(contract.contractId)).forEach(contract -> facts.add(
                counted(fact(contract.contractId, contract.startDate, contract, null, null, null), KnelpuntCount.STARTED)));
        List<ContractEndFact> ends = ContractEndFact.list("endDate between ?1 and ?2", period.from(), period.to());
        Map<String, ContractFact> contracts = contractsById(ends.stream().map(end -> end.contractId).toList());
        Set<String> cancelled = cancelledIn(contracts.values());
        for (ContractEndFact end : ends) {
            ContractFact contract = contracts.get(end.contractId);
            if (contract != null && !OKOT.equals(contract.programme) && !cancelled.contains(end.contractId)) {
                KnelpuntCount count = switch (end.result) {
                    case PASSED -> KnelpuntCount.COMPLETED;
                    case FAILED -> KnelpuntCount.FAILED;
                    case STOPPED -> KnelpuntCount.STOPPED_EARLY;
                };
                facts.add(counted(fact(contract.contractId, end.endDate, contract, null, null, null), count));
            }
        }
        return facts;
    }

    private static Fact counted(Fact fact, KnelpuntCount count) {
        return new Fact(fact.unit(), fact.referenceDate(), fact.birthDate(), fact.gender(), fact.type(), fact.province(),
                fact.trainingCode(), fact.trainingName(), fact.courseCode(), fact.sector(), fact.reason(), fact.ending(),
                fact.atWork(), fact.referral(), count.name(), fact.programme());
    }

    /** F8: each step of a candidacy on the date of that step; the candidacy is the unit. */
    private List<Fact> funnel(Period period) {
        List<Fact> facts = new ArrayList<>();
        // one query per date column, so that each uses its index
        Map<String, CandidacyFact> candidacies = new java.util.LinkedHashMap<>();
        for (String step : List.of("submittedOn", "agreedOn", "screenedOn")) {
            CandidacyFact.<CandidacyFact>list(step + " between ?1 and ?2", period.from(), period.to())
                    .forEach(candidacy -> candidacies.putIfAbsent(candidacy.candidacyId, candidacy));
        }
        for (CandidacyFact candidacy : candidacies.values()) {
            if (period.contains(candidacy.submittedOn)) {
                facts.add(step(candidacy, candidacy.submittedOn, FunnelStep.SUBMITTED));
            }
            if (candidacy.agreedOn != null && period.contains(candidacy.agreedOn)) {
                facts.add(step(candidacy, candidacy.agreedOn, FunnelStep.AGREED));
            }
            if (candidacy.screenedOn != null && period.contains(candidacy.screenedOn)) {
                facts.add(step(candidacy, candidacy.screenedOn,
                        "APPROVED".equals(candidacy.decision) ? FunnelStep.APPROVED : FunnelStep.REJECTED));
            }
        }
        // a candidacy's first contract that was not cancelled, when it started in the period
        Set<String> candidacyIds = ContractFact.<ContractFact>list("startDate between ?1 and ?2", period.from(), period.to())
                .stream().map(contract -> contract.candidacyId).collect(Collectors.toSet());
        for (List<String> chunk : chunks(new ArrayList<>(candidacyIds))) {
            List<ContractFact> contracts = ContractFact.list("candidacyId in ?1", chunk);
            Set<String> cancelled = cancelledIn(contracts);
            Map<String, LocalDate> firstStart = new HashMap<>();
            contracts.stream().filter(contract -> !cancelled.contains(contract.contractId))
                    .forEach(contract -> firstStart.merge(contract.candidacyId, contract.startDate,
                            (a, b) -> a.isBefore(b) ? a : b));
            CandidacyFact.<CandidacyFact>list("candidacyId in ?1", chunk).forEach(candidacy -> {
                LocalDate first = firstStart.get(candidacy.candidacyId);
                if (first != null && period.contains(first)) {
                    facts.add(step(candidacy, first, FunnelStep.CONTRACT_STARTED));
                }
            });
        }
        return facts;
    }

    private static Fact step(CandidacyFact candidacy, LocalDate on, FunnelStep step) {
        return new Fact(candidacy.candidacyId, on, candidacy.birthDate, candidacy.gender, null, candidacy.province, null,
                null, candidacy.courseCode, null, null, null, null, candidacy.referralKind.name(), step.name(), null);
    }

    private static Fact fact(String unit, LocalDate referenceDate, ContractFact contract, String reason, String ending,
                             Boolean atWork) {
        return new Fact(unit, referenceDate, contract.birthDate, contract.gender, contract.type, contract.province,
                contract.trainingCode, contract.trainingName, contract.courseCode, contract.sector, reason, ending, atWork,
                null, null, contract.programme);
    }

    private static Map<String, ContractFact> contractsById(List<String> ids) {
        Map<String, ContractFact> contracts = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            ContractFact.<ContractFact>list("contractId in ?1", chunk)
                    .forEach(contract -> contracts.put(contract.contractId, contract));
        }
        return contracts;
    }

    private static Set<String> cancelledIn(java.util.Collection<ContractFact> contracts) {
        Set<String> cancelled = new HashSet<>();
        for (List<String> chunk : chunks(contracts.stream().map(contract -> contract.contractId).toList())) {
            CancelledContract.<CancelledContract>list("contractId in ?1", chunk)
                    .forEach(contract -> cancelled.add(contract.contractId));
        }
        return cancelled;
    }

    /** IN lists stay well below what every database accepts. */
    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 1000) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + 1000)));
        }
        return chunks;
    }
}
