package be.vdab.okot.stats.domain;

import be.vdab.okot.events.enrolment.OfferRule;
import be.vdab.okot.events.enrolment.StartRule;
import be.vdab.okot.events.intake.FunnelRule;
import be.vdab.okot.events.intake.ScreeningCompleted.Decision;
import be.vdab.okot.events.outcome.ClusterRule;
import be.vdab.okot.events.outcome.DiplomaRule;
import be.vdab.okot.events.outcome.DropOutRule;
import be.vdab.okot.events.outcome.KnelpuntRule;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads, from the stored facts, what each figure counts in a period. The counting rules of figures.md are not
 * written here but applied: F1 {@link StartRule}, F2 {@link DiplomaRule}, F3 {@link DropOutRule}, F4
 * {@link ClusterRule}, F5 {@link OfferRule}, F7 {@link KnelpuntRule}, F8 {@link FunnelRule}; this class only
 * selects the stored facts a period can touch and turns what the rules count into {@link Fact}s.
 */
@ApplicationScoped
public class FactSource {

    private static final List<String> MODULES = List.of(KnelpuntRule.MODULE_4A, KnelpuntRule.MODULE_4B);

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

    /** F1: every start in the period; the person is the unit, values on the start date. */
    private List<Fact> starts(Period period) {
        List<ContractFact> contracts = ContractFact.list("startDate between ?1 and ?2 and programme = ?3",
                period.from(), period.to(), StartRule.OKOT);
        Set<String> cancelled = cancelledIn(contracts);
        List<Fact> facts = new ArrayList<>();
        for (ContractFact contract : contracts) {
            StartRule.start(contract.personId, contract.programme, cancelled.contains(contract.contractId),
                    contract.startDate).ifPresent(start -> facts.add(fact(start.personId(), start.on(), contract, null,
                    null, null)));
        }
        return facts;
    }

    /** F2 (final year passed) or F3 (failed, or stopped but not to reorient or for registration): by end date. */
    private List<Fact> ends(Period period, boolean diplomas) {
        List<ContractEndFact> ends = ContractEndFact.list("endDate between ?1 and ?2", period.from(), period.to());
        Map<String, ContractFact> contracts = contractsById(ends.stream().map(end -> end.contractId).toList());
        Set<String> cancelled = cancelledIn(contracts.values());
        List<Fact> facts = new ArrayList<>();
        for (ContractEndFact end : ends) {
            ContractFact contract = contracts.get(end.contractId);
            if (contract == null || !StartRule.isOkotContract(contract.programme, cancelled.contains(end.contractId))) {
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
                    .filter(contract -> StartRule.isOkotContract(contract.programme, cancelled.contains(contract.contractId)))
                    .collect(Collectors.groupingBy(contract -> contract.clusterId));
            byCluster.forEach((clusterId, clusterContracts) -> {
                ContractFact last = clusterContracts.stream()
                        .max(ClusterRule.chainOrder(c -> c.startDate, c -> c.contractId)).orElseThrow();
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
                .stream().filter(offer -> OfferRule.countsIn(offer.key.year(), period.from(), period.to())).map(offer -> {
                    CourseFact course = courses.get(offer.key.courseCode());
                    return new Fact(OfferRule.unit(offer.key.year(), offer.key.courseCode(), offer.key.province()),
                            OfferRule.referenceDate(offer.key.year()), null, null, course == null ? "UNKNOWN" : course.type,
                            offer.key.province(), null, null, offer.key.courseCode(), course == null ? null : course.sector,
                            null, null, null, null, null, course == null ? null : course.programme);
                }).toList();
    }

    /**
     * F7: what the module 4a/4b trainings that started or ended in the period count in it: started on the start
     * date, completed, failed or stopped early on the end date, each with the age on its own date. The unit is
     * the training.
     */
    private List<Fact> knelpunt(Period period) {
        Map<String, ContractFact> trainings = new LinkedHashMap<>();
        ContractFact.<ContractFact>list("startDate between ?1 and ?2 and programme in ?3", period.from(), period.to(),
                MODULES).forEach(contract -> trainings.put(contract.contractId, contract));
        Map<String, ContractEndFact> endsInPeriod = ContractEndFact.<ContractEndFact>list("endDate between ?1 and ?2",
                period.from(), period.to()).stream().collect(Collectors.toMap(end -> end.contractId, end -> end));
        contractsById(List.copyOf(endsInPeriod.keySet())).values().stream()
                .filter(contract -> KnelpuntRule.isModule(contract.programme))
                .forEach(contract -> trainings.putIfAbsent(contract.contractId, contract));
        Set<String> cancelled = cancelledIn(trainings.values());
        List<Fact> facts = new ArrayList<>();
        for (ContractFact training : trainings.values()) {
            // an end outside the period counts in another period: only an end in this one is needed here
            ContractEndFact end = endsInPeriod.get(training.contractId);
            KnelpuntRule.counts(training.programme, cancelled.contains(training.contractId), training.startDate,
                            end == null ? null : end.endDate, end == null ? null : end.result).stream()
                    .filter(counted -> period.contains(counted.on()))
                    .forEach(counted -> facts.add(counted(fact(training.contractId, counted.on(), training, null, null,
                            null), counted.count().name())));
        }
        return facts;
    }

    /** The fact with the row group it counts in (F7's count). */
    private static Fact counted(Fact fact, String step) {
        return new Fact(fact.unit(), fact.referenceDate(), fact.birthDate(), fact.gender(), fact.type(), fact.province(),
                fact.trainingCode(), fact.trainingName(), fact.courseCode(), fact.sector(), fact.reason(), fact.ending(),
                fact.atWork(), fact.referral(), step, fact.programme());
    }

    /** F8: each step of a candidacy on the date of that step; the candidacy is the unit. */
    private List<Fact> funnel(Period period) {
        List<Fact> facts = new ArrayList<>();
        // one query per date column, so that each uses its index
        Map<String, CandidacyFact> candidacies = new LinkedHashMap<>();
        for (String step : List.of("submittedOn", "agreedOn", "screenedOn")) {
            CandidacyFact.<CandidacyFact>list(step + " between ?1 and ?2", period.from(), period.to())
                    .forEach(candidacy -> candidacies.putIfAbsent(candidacy.candidacyId, candidacy));
        }
        for (CandidacyFact candidacy : candidacies.values()) {
            FunnelRule.candidacySteps(candidacy.submittedOn, candidacy.agreedOn, candidacy.screenedOn,
                            candidacy.decision == null ? null : Decision.valueOf(candidacy.decision)).stream()
                    .filter(step -> period.contains(step.on()))
                    .forEach(step -> facts.add(step(candidacy, step)));
        }
        // CONTRACT_STARTED of the candidacies with a contract that started in the period
        Set<String> candidacyIds = ContractFact.<ContractFact>list("startDate between ?1 and ?2", period.from(), period.to())
                .stream().map(contract -> contract.candidacyId).collect(Collectors.toSet());
        for (List<String> chunk : chunks(new ArrayList<>(candidacyIds))) {
            List<ContractFact> contracts = ContractFact.list("candidacyId in ?1", chunk);
            Set<String> cancelled = cancelledIn(contracts);
            Map<String, List<FunnelRule.ContractStart>> starts = contracts.stream().collect(Collectors.groupingBy(
                    contract -> contract.candidacyId, Collectors.mapping(contract -> new FunnelRule.ContractStart(
                            contract.startDate, cancelled.contains(contract.contractId)), Collectors.toList())));
            CandidacyFact.<CandidacyFact>list("candidacyId in ?1", chunk).forEach(candidacy -> FunnelRule
                    .contractStarted(starts.getOrDefault(candidacy.candidacyId, List.of()))
                    .filter(step -> period.contains(step.on()))
                    .ifPresent(step -> facts.add(step(candidacy, step))));
        }
        return facts;
    }

    private static Fact step(CandidacyFact candidacy, FunnelRule.Counted step) {
        return new Fact(candidacy.candidacyId, step.on(), candidacy.birthDate, candidacy.gender, null, candidacy.province,
                null, null, candidacy.courseCode, null, null, null, null, candidacy.referralKind.name(), step.step().name(),
                null);
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
