package be.vdab.okot.outcome.domain;

import be.vdab.okot.events.outcome.ClusterRule;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.OutflowRecorded;
import be.vdab.okot.messaging.outbox.Outbox;
import be.vdab.okot.outcome.api.EndRequest;
import be.vdab.okot.outcome.api.OutflowRequest;
import be.vdab.okot.outcome.persistence.ClusterState;
import be.vdab.okot.outcome.persistence.ContractEnd;
import be.vdab.okot.outcome.persistence.ContractFact;
import be.vdab.okot.outcome.persistence.OutflowMeasurement;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem.Violation;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import be.vdab.okot.web.calendar.BusinessCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Course ends with corrections, cluster closure (F4), and the outflow measurement 3 months later. */
@ApplicationScoped
public class OutcomeService {

    @Inject
    Outbox outbox;

    @Inject
    Validator validator;

    @Inject
    BusinessCalendar calendar;

    Clock clock = Clock.systemUTC();

    public record EndOutcome(ContractEnd end, ContractFact contract, boolean changed) {
    }

    /**
     * What recording an outflow measurement did.
     *
     * @param measurement the cluster's measurement as it now stands
     * @param changed     false when the cluster already had exactly this measurement (same day, same answer): nothing
     *                    was written and no event published (a repeated import or a retried call)
     */
    public record OutflowOutcome(OutflowMeasurement measurement, boolean changed) {
    }

    /**
     * Records the end of a training year; a different end later is a correction with a higher
     * revision, the same end again changes nothing (PUT is idempotent).
     *
     * <p>Concurrent PUTs of one contract (or of one cluster) run one after the other under a write
     * lock on the cluster's contracts ({@link ContractFact#lockCluster}): identical twins give one
     * revision, different ones consecutive revisions in the order they got the lock. The database
     * itself refuses a duplicate or a gap (primary key and {@code contract_end_previous}, V2).
     *
     * @throws ApiProblemException 409 contract not known here (yet); 404 cancelled; 400 invalid end
     */
    @Transactional
    public EndOutcome end(String contractId, EndRequest request, String actor) {
        ContractFact contract = ContractFact.findById(contractId);
        if (contract == null) {
            throw ApiProblemException.conflict("contract-unknown", "Contract " + contractId
                    + " is not known here (yet): its start may still be on its way from enrolment-service");
        }
        ContractFact.lockCluster(contract.clusterId);
        ContractFact.getEntityManager().refresh(contract);
        if (contract.cancelled) {
            throw ApiProblemException.notFound("Contract", contractId + " (cancelled)");
        }
        checkEnd(request, contract);
        Optional<ContractEnd> current = ContractEnd.current(contractId);
        if (current.isPresent() && sameEnd(current.get(), request)) {
            return new EndOutcome(current.get(), contract, false);
        }
        ContractEnd end = new ContractEnd();
        end.key = new ContractEnd.Key(contractId, current.map(previous -> previous.key.revision() + 1).orElse(1));
        end.previousRevision = current.map(previous -> previous.key.revision()).orElse(null);
        end.endDate = request.endDate();
        end.result = request.result();
        end.stopReason = request.stopReason();
        end.recordedAt = Instant.now(clock);
        end.recordedBy = actor;
        end.persist();

        ClusterState cluster = recomputeCluster(contract.clusterId);
        outbox.publish(new CourseEnded(contract.contractId, contract.candidacyId, contract.clusterId, end.key.revision(),
                contract.person(), contract.training(), contract.province, contract.startDate, end.endDate, end.result,
                end.stopReason, cluster.closed, cluster.ending, cluster.measurementDate));
        return new EndOutcome(end, contract, true);
    }

    public Optional<ContractFact> contract(String contractId) {
        return ContractFact.findByIdOptional(contractId);
    }

    /**
     * Closed clusters whose measurement date is on or before the day (and on or after {@code from},
     * when given) and that have no measurement yet.
     */
    public PanacheQuery<ClusterState> due(LocalDate on, LocalDate from) {
        return ClusterState.find("closed = true and measurementDate <= ?1 and measurementDate >= ?2 and clusterId not in "
                + "(select m.clusterId from OutflowMeasurement m) order by measurementDate, clusterId", on,
                from != null ? from : LocalDate.of(1900, 1, 1));
    }

    /**
     * Records (or replaces) the outflow measurement of a closed cluster (F5: at work 3 months after the cluster's
     * end). The same measurement again (same {@code measuredOn} and {@code atWork}) changes nothing and publishes
     * nothing: a repeated import or a retried call does not send {@code okot.outflow.recorded} twice.
     *
     * @throws ApiProblemException 400 invalid measurement; 404 unknown cluster; 409 cluster not closed
     */
    @Transactional
    public OutflowOutcome recordOutflow(String clusterId, OutflowRequest request, String actor) {
        if (request == null) {
            throw ApiProblemException.invalid(List.of(new Violation("body", "must not be empty")));
        }
        List<Violation> violations = new ArrayList<>();
        validator.validate(request).forEach(v -> violations.add(new Violation(v.getPropertyPath().toString(), v.getMessage())));
        if (request.measuredOn() != null && request.measuredOn().isAfter(today())) {
            violations.add(new Violation("measuredOn", "must not be in the future"));
        }
        calendar.window().check("measuredOn", request.measuredOn()).ifPresent(violations::add);
        if (!violations.isEmpty()) {
            throw ApiProblemException.invalid(violations);
        }
        // locked: twins of a first measurement are applied one after the other (the second replaces the first,
        // as any later measurement does) instead of both inserting and one failing at commit
        ClusterState cluster = ClusterState.<ClusterState>findByIdOptional(clusterId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ApiProblemException.notFound("Cluster", clusterId));
        if (!cluster.closed) {
            throw ApiProblemException.conflict("cluster-open", "Cluster " + clusterId + " is not closed: "
                    + "its outflow is measured 3 months after it ends");
        }
        if (request.measuredOn().isBefore(cluster.clusterEnd)) {
            throw ApiProblemException.invalid(List.of(new Violation("measuredOn",
                    "must not be before the end of the cluster (" + cluster.clusterEnd + ")")));
        }
        OutflowMeasurement known = OutflowMeasurement.findById(clusterId);
        if (known != null && known.measuredOn.equals(request.measuredOn()) && known.atWork == request.atWork()) {
            return new OutflowOutcome(known, false);
        }
        OutflowMeasurement measurement = known != null ? known : new OutflowMeasurement();
        measurement.clusterId = clusterId;
        measurement.measuredOn = request.measuredOn();
        measurement.atWork = request.atWork();
        measurement.recordedAt = Instant.now(clock);
        measurement.recordedBy = actor;
        if (known == null) {
            measurement.persist();
        }
        ContractFact last = ContractFact.findById(cluster.lastContractId);
        outbox.publish(new OutflowRecorded(clusterId, cluster.candidacyId, last.person(), last.training(), last.province,
                cluster.clusterEnd, cluster.ending, cluster.measurementDate, measurement.measuredOn, measurement.atWork));
        return new OutflowOutcome(measurement, true);
    }

    /**
     * Applies the rule of F4 (of F7 for a module 4a/4b cluster, which any end closes: {@link ClusterRule#closureOf})
     * to the cluster's current facts (its contracts that are not cancelled, the
     * highest end revision of the last one) and stores the result: the state depends on the facts only,
     * not on whether a contract's start or cancellation (enrolment's events) came before or after an end
     * (this service's API). The cluster's contracts are write-locked first (the same order as an end's
     * write), then the cluster's row, and the facts are read after that: two writers of one cluster (an
     * end and a contract event at the same moment) are applied one after the other and the later one sees
     * the other's facts (without the locks a FAILED end and the repeated year's contract left it closed).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ClusterState recomputeCluster(String clusterId) {
        ContractFact.lockCluster(clusterId);
        ClusterState known = ClusterState.findById(clusterId, LockModeType.PESSIMISTIC_WRITE);
        List<ContractFact> contracts = ContractFact.activeOfCluster(clusterId);
        ClusterState cluster = known != null ? known : new ClusterState();
        cluster.clusterId = clusterId;
        ContractFact last = contracts.stream()
                .max(ClusterRule.chainOrder((ContractFact c) -> c.startDate, c -> c.contractId)).orElse(null);
        if (last == null) {
            // every contract cancelled: the cluster no longer counts anywhere
            cluster.closed = false;
        } else {
            cluster.candidacyId = last.candidacyId;
            cluster.personId = last.personId;
            cluster.lastContractId = last.contractId;
            Optional<ClusterRule.Closure> closure = ContractEnd.current(last.contractId)
                    .flatMap(end -> ClusterRule.closureOf(last.programme, new ClusterRule.LastEnd(last.finalYear,
                            end.endDate, end.result, end.stopReason)));
            cluster.closed = closure.isPresent();
            cluster.clusterEnd = closure.map(ClusterRule.Closure::clusterEnd).orElse(null);
            cluster.ending = closure.map(ClusterRule.Closure::ending).orElse(null);
            cluster.measurementDate = closure.map(ClusterRule.Closure::measurementDate).orElse(null);
        }
        if (known == null && cluster.candidacyId != null) {
            cluster.persist();
        }
        return cluster;
    }

    private void checkEnd(EndRequest request, ContractFact contract) {
        if (request == null) {
            throw ApiProblemException.invalid(List.of(new Violation("body", "must not be empty")));
        }
        List<Violation> violations = new ArrayList<>();
        validator.validate(request).forEach(v -> violations.add(new Violation(v.getPropertyPath().toString(), v.getMessage())));
        if (request.endDate() != null && request.endDate().isBefore(contract.startDate)) {
            violations.add(new Violation("endDate", "must not be before the start of the contract (" + contract.startDate + ")"));
        }
        if (request.endDate() != null && request.endDate().isAfter(today())) {
            violations.add(new Violation("endDate", "must not be in the future"));
        }
        calendar.window().check("endDate", request.endDate()).ifPresent(violations::add);
        if (request.result() == Result.STOPPED && request.stopReason() == null) {
            violations.add(new Violation("stopReason", "is required when the result is STOPPED"));
        }
        if (request.result() != null && request.result() != Result.STOPPED && request.stopReason() != null) {
            violations.add(new Violation("stopReason", "is only given when the result is STOPPED"));
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
            throw ApiProblemException.invalid(violations);
        }
    }

    private static boolean sameEnd(ContractEnd end, EndRequest request) {
        return end.endDate.equals(request.endDate()) && end.result == request.result() && end.stopReason == request.stopReason();
    }

    /** Today's Brussels calendar day. */
    private LocalDate today() {
        return calendar.today();
    }
}
