package be.vdab.okot.enrolment.domain;

import be.vdab.okot.messaging.persistence.TimeOrderedIds;
import be.vdab.okot.enrolment.api.ContractRequest;
import be.vdab.okot.web.calendar.BusinessCalendar;
import be.vdab.okot.web.calendar.HistoryWindow;
import be.vdab.okot.enrolment.persistence.Contract;
import be.vdab.okot.enrolment.persistence.KnownCandidacy;
import be.vdab.okot.enrolment.persistence.TrainingYear;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractCancelled;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.outcome.KnelpuntRule;
import be.vdab.okot.messaging.outbox.Outbox;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.DatabaseConflicts;
import be.vdab.okot.web.problem.Problem.Violation;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Training contracts per training year, for approved candidacies only; each change is published. */
@ApplicationScoped
public class ContractService {

    /** A training year lasts at most this long (a school year with a second exam session). */
    static final int MAX_MONTHS = 15;

    @Inject
    Outbox outbox;

    @Inject
    Validator validator;

    @Inject
    BusinessCalendar calendar;

    /**
     * Registers the contract of a training year for an approved candidacy and publishes its start.
     *
     * <p>Two invariants hold under concurrency because every contract write of a person first
     * write-locks that person's candidacies ({@link KnownCandidacy#lockPerson}): no two contracts of
     * a person overlap (up to the actual end once known, else the planned end; README "Contracts"),
     * and a candidacy's contracts share one cluster (the first opens it, later years join it).
     * An overlap is no unique key, so a lock is how the database keeps it.
     *
     * <p>A module 4a/4b candidacy (programme {@code KNELPUNT_4A}/{@code KNELPUNT_4B}, figures.md F7) gets one contract:
     * a second one is a 409 {@code module-has-one-training}, checked under the same lock and kept by a unique index
     * on the live module contract's candidacy (V3), which turns a writer that got past the check into the same 409.
     *
     * @throws ApiProblemException 409 unknown or not approved candidacy, an overlap, or a second contract of a module
     *         candidacy; 422 a training
     *         year of another course; 400 invalid dates
     */
    @Transactional
    public Contract start(ContractRequest request, String actor) {
        checkInput(request);
        KnownCandidacy candidacy = KnownCandidacy.findById(request.candidacyId());
        if (candidacy == null) {
            throw ApiProblemException.conflict("candidacy-unknown", "Candidacy " + request.candidacyId()
                    + " is not known here (yet): its approval may still be on its way from intake-service");
        }
        KnownCandidacy.lockPerson(candidacy.personId);
        KnownCandidacy.getEntityManager().refresh(candidacy);
        if (candidacy.status != KnownCandidacy.Status.APPROVED) {
            throw ApiProblemException.conflict("candidacy-not-approved",
                    "Candidacy " + request.candidacyId() + " is " + candidacy.status + ", not APPROVED");
        }
        TrainingYear year = TrainingYear.findById(request.trainingCode());
        if (year == null || !year.course.code.equals(candidacy.courseCode)) {
            throw ApiProblemException.businessRule("training-not-of-course", "Training year not of the course",
                    List.of(new Violation("trainingCode", year == null
                            ? "'" + request.trainingCode() + "' is not a training year of the catalogue"
                            : request.trainingCode() + " belongs to " + year.course.code + ", the candidacy is for "
                            + candidacy.courseCode)));
        }
        if (candidacy.screenedOn != null && request.startDate().isBefore(candidacy.screenedOn)) {
            throw ApiProblemException.invalid(List.of(new Violation("startDate",
                    "must not be before the screening (" + candidacy.screenedOn + ")")));
        }
        boolean module = KnelpuntRule.isModule(year.course.programme);
        if (module && !Contract.activeOfCandidacy(candidacy.candidacyId).isEmpty()) {
            throw moduleHasOneTraining(candidacy.candidacyId);
        }
        for (Contract other : Contract.activeOfPerson(candidacy.personId)) {
            boolean overlaps = !request.startDate().isAfter(other.occupiedUntil())
                    && !other.startDate.isAfter(request.plannedEndDate());
            if (overlaps) {
                throw ApiProblemException.conflict("contracts-overlap", "The person already has contract " + other.id
                        + " from " + other.startDate + " to " + other.occupiedUntil());
            }
        }
        List<Contract> earlier = Contract.activeOfCandidacy(candidacy.candidacyId);

        Contract contract = new Contract();
        contract.id = TimeOrderedIds.next();
        contract.candidacyId = candidacy.candidacyId;
        contract.personId = candidacy.personId;
        // the first contract of a candidacy opens its cluster, later training years continue it
        contract.clusterId = earlier.isEmpty() ? TimeOrderedIds.next() : earlier.get(0).clusterId;
        contract.trainingYear = year;
        contract.province = request.province();
        contract.school = request.school();
        contract.startDate = request.startDate();
        contract.plannedEndDate = request.plannedEndDate();
        contract.createdAt = Instant.now();
        contract.createdBy = actor;
        contract.moduleCandidacyId = module ? candidacy.candidacyId : null;
        contract.persist();
        if (module) {
            try {
                Contract.flush(); // the unique index on module_candidacy_id (V3) has the last word
            } catch (RuntimeException refused) {
                if (DatabaseConflicts.of(refused).orElse(null) == DatabaseConflicts.Kind.DUPLICATE) {
                    throw moduleHasOneTraining(candidacy.candidacyId);
                }
                throw refused;
            }
        }

        outbox.publish(new ContractStarted(contract.id, contract.candidacyId, contract.clusterId,
                new PersonProfile(candidacy.personId, candidacy.birthDate, candidacy.gender), trainingOf(year),
                contract.province, contract.school, contract.startDate, contract.plannedEndDate));
        return contract;
    }

    /** What {@link #startOrConfirm} did: the contract, and whether this request registered it. */
    public record StartOutcome(Contract contract, boolean changed) {
    }

    /**
     * The start of an import that may be sent again ({@code POST /contracts/starts}, a counsellor's retry after a
     * timeout, or the same list twice): when the candidacy already has a contract that is exactly the one this
     * request would register (same training year and start date, and the same planned end, province and school; who
     * registered it and when do not count), it is confirmed as it is: unchanged, no new contract, no event — also
     * when it was cancelled since (the list sent again after the cancellation of a contract registered by mistake
     * does not bring it back; {@code POST /contracts} registers it anew). Anything else is {@link #start}'s, refusals included: a different contract for the same training
     * year and start overlaps the recorded one (409 {@code contracts-overlap}), a second one of a module candidacy
     * is 409 {@code module-has-one-training}. The request is checked first as in {@link #start} (400), and the
     * look-up runs under the same lock of the person's candidacies, so identical imports sent at once register
     * the contract once.
     *
     * @throws ApiProblemException as {@link #start}
     */
    @Transactional
    public StartOutcome startOrConfirm(ContractRequest request, String actor) {
        checkInput(request);
        KnownCandidacy candidacy = KnownCandidacy.findById(request.candidacyId());
        if (candidacy != null) {
            KnownCandidacy.lockPerson(candidacy.personId);
            // cancelled ones too: a term's list sent again does not bring back a contract cancelled since
            for (Contract recorded : Contract.ofCandidacy(candidacy.candidacyId)) {
                if (sameContract(recorded, request)) {
                    return new StartOutcome(recorded, false);
                }
            }
        }
        return new StartOutcome(start(request, actor), true);
    }

    /** The contract the request would register: same training year, dates, province and school. */
    private static boolean sameContract(Contract recorded, ContractRequest request) {
        return recorded.trainingYear.code.equals(request.trainingCode()) && recorded.startDate.equals(request.startDate())
                && recorded.plannedEndDate.equals(request.plannedEndDate()) && recorded.province == request.province()
                && Objects.equals(recorded.school, request.school());
    }

    /** 409: a module 4a/4b has one training year, so its candidacy has one (not cancelled) contract (api.md). */
    private static ApiProblemException moduleHasOneTraining(String candidacyId) {
        return ApiProblemException.conflict("module-has-one-training", "Candidacy " + candidacyId
                + " is for a module 4a/4b training, which has one training year, and already has its contract");
    }

    /** A contract registered by mistake: it no longer counts anywhere. */
    @Transactional
    public Contract cancel(String id, String actor) {
        Contract contract = find(id).orElseThrow(() -> ApiProblemException.notFound("Contract", id));
        // serialised with the person's other contract writes: a cancellation frees a period and may empty a cluster
        KnownCandidacy.lockPerson(contract.personId);
        Contract.getEntityManager().refresh(contract);
        if (contract.cancelled) {
            throw ApiProblemException.conflict("contract-cancelled", "Contract " + id + " is already cancelled");
        }
        contract.cancelled = true;
        contract.moduleCandidacyId = null; // a module candidacy whose contract was a mistake may get the right one
        contract.cancelledAt = Instant.now();
        contract.cancelledBy = actor;
        outbox.publish(new ContractCancelled(contract.id, contract.candidacyId, contract.clusterId, contract.personId,
                contract.cancelledAt));
        return contract;
    }

    public Optional<Contract> find(String id) {
        return Contract.findByIdOptional(id);
    }

    public PanacheQuery<Contract> query(String candidacyId, String personId) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (candidacyId != null) {
            where.append(" and candidacyId = :candidacyId");
            parameters.put("candidacyId", candidacyId);
        }
        if (personId != null) {
            where.append(" and personId = :personId");
            parameters.put("personId", personId);
        }
        return Contract.find(where + " order by startDate, id", parameters);
    }

    public static TrainingYearRef trainingOf(TrainingYear year) {
        return new TrainingYearRef(year.course.code, year.code, year.name, year.year, year.finalYear, year.course.type,
                year.course.sector, year.course.programme);
    }

    private void checkInput(ContractRequest request) {
        if (request == null) {
            throw ApiProblemException.invalid(List.of(new Violation("body", "must not be empty")));
        }
        List<Violation> violations = new ArrayList<>();
        validator.validate(request).forEach(v -> violations.add(new Violation(v.getPropertyPath().toString(), v.getMessage())));
        HistoryWindow window = calendar.window();
        window.check("startDate", request.startDate()).ifPresent(violations::add);
        window.check("plannedEndDate", request.plannedEndDate()).ifPresent(violations::add);
        if (request.startDate() != null && request.plannedEndDate() != null) {
            if (!request.plannedEndDate().isAfter(request.startDate())) {
                violations.add(new Violation("plannedEndDate", "must be after the start date"));
            } else if (request.plannedEndDate().isAfter(request.startDate().plusMonths(MAX_MONTHS))) {
                violations.add(new Violation("plannedEndDate", "a training year lasts at most " + MAX_MONTHS + " months"));
            }
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
            throw ApiProblemException.invalid(violations);
        }
    }
}
