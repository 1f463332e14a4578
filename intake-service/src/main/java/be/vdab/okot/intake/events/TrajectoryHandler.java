package be.vdab.okot.intake.events;

import be.vdab.okot.events.EventType;
import be.vdab.okot.events.enrolment.ContractCancelled;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.enrolment.StartRule;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.OutflowRecorded;
import be.vdab.okot.intake.domain.CandidacyStatus;
import be.vdab.okot.intake.domain.TrajectoryStatus;
import be.vdab.okot.intake.persistence.Candidacy;
import be.vdab.okot.intake.persistence.CandidacyContract;
import be.vdab.okot.intake.persistence.KnownCourse;
import be.vdab.okot.intake.persistence.TimelineEntry;
import be.vdab.okot.messaging.inbox.EventHandler;
import be.vdab.okot.messaging.inbox.IncomingEvent;
import be.vdab.okot.intake.notification.Notifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/**
 * Follows a candidacy after intake: contract starts and cancellations (enrolment), course ends
 * and outflow (outcome) go into its timeline and into the facts of its contracts, from which its
 * status is derived ({@link TrajectoryStatus}). Kafka orders events per partition of one topic only:
 * a course end may come before its contract's start, a cancellation before or after an end, a
 * revision 1 after a revision 2. Each fact is therefore stored order-safely (highest revision wins,
 * a cancellation holds) and the status recomputed from all of them, so every order gives the same
 * state. The candidacy's row is locked first, so two events about it are applied one after the other.
 */
@ApplicationScoped
public class TrajectoryHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(TrajectoryHandler.class);

    /** The statuses the trajectory decides on; before the approval the intake flow does. */
    private static final Set<CandidacyStatus> AFTER_APPROVAL =
            EnumSet.of(CandidacyStatus.APPROVED, CandidacyStatus.ENROLLED, CandidacyStatus.CLOSED);

    @Inject
    Notifications notifications;

    @Override
    public Set<EventType> handledTypes() {
        return Set.of(EventType.CONTRACT_STARTED, EventType.CONTRACT_CANCELLED, EventType.COURSE_ENDED,
                EventType.OUTFLOW_RECORDED);
    }

    @Override
    public void handle(IncomingEvent event) {
        switch (event.type()) {
            case CONTRACT_STARTED -> started(event.payload(ContractStarted.class));
            case CONTRACT_CANCELLED -> cancelled(event.payload(ContractCancelled.class));
            case COURSE_ENDED -> ended(event.payload(CourseEnded.class));
            case OUTFLOW_RECORDED -> outflow(event.payload(OutflowRecorded.class));
            default -> throw new IllegalArgumentException("Not handled here: " + event.type());
        }
    }

    private void started(ContractStarted started) {
        Candidacy candidacy = lockedCandidacy(started.candidacyId());
        if (candidacy == null) {
            return;
        }
        CandidacyContract contract = contract(started.contractId(), candidacy.id, started.clusterId(),
                started.startDate(), started.training().finalYear());
        if (contract.startReported) {
            return; // the same start again
        }
        contract.startReported = true;
        TimelineEntry.record(candidacy.id, "CONTRACT_STARTED", started.startDate(), null,
                started.training().trainingCode() + " " + nullToEmpty(started.training().trainingName())
                        + " at " + nullToEmpty(started.school()), started.contractId());
        notifications.trainingStarted(candidacy, started.startDate(), started.training().trainingCode(),
                started.training().trainingName());
        derive(candidacy);
    }

    private void cancelled(ContractCancelled cancelled) {
        Candidacy candidacy = lockedCandidacy(cancelled.candidacyId());
        CandidacyContract contract = CandidacyContract.findById(cancelled.contractId());
        if (contract == null || candidacy == null || contract.cancelled) {
            // its start comes first on the same topic and partition; a second cancellation changes nothing
            return;
        }
        contract.cancelled = true;
        TimelineEntry.record(candidacy.id, "CONTRACT_CANCELLED",
                LocalDate.ofInstant(cancelled.cancelledAt(), ZoneId.of("Europe/Brussels")), null,
                "registered by mistake", cancelled.contractId());
        derive(candidacy);
    }

    private void ended(CourseEnded ended) {
        Candidacy candidacy = lockedCandidacy(ended.candidacyId());
        if (candidacy == null) {
            return;
        }
        // the end may arrive before the contract's start (another topic): it carries what the facts need
        CandidacyContract contract = contract(ended.contractId(), candidacy.id, ended.clusterId(), ended.startDate(),
                ended.training().finalYear());
        boolean current = contract.applyEnd(ended.revision(), ended.endDate(), ended.result(), ended.stopReason());
        if (!TimelineEntry.hasEnd(candidacy.id, ended.contractId(), ended.revision())) {
            String result = ended.result() + (ended.stopReason() != null ? " (" + ended.stopReason() + ")" : "");
            TimelineEntry.record(candidacy.id, ended.revision() > 1 ? "COURSE_END_CORRECTED" : "COURSE_ENDED",
                    ended.endDate(), null, ended.training().trainingCode() + ": " + result
                            + (ended.revision() > 1 ? ", revision " + ended.revision() : ""), ended.contractId(),
                    ended.revision());
        }
        if (current) {
            notifications.trainingEnded(candidacy, ended); // an older revision arriving late is not news
        }
        derive(candidacy);
    }

    private void outflow(OutflowRecorded outflow) {
        Candidacy candidacy = candidacy(outflow.candidacyId());
        if (candidacy != null) {
            TimelineEntry.record(candidacy.id, "OUTFLOW_MEASURED", outflow.measuredOn(), null,
                    outflow.atWork() ? "at work 3 months after the course" : "not at work 3 months after the course",
                    outflow.clusterId());
        }
    }

    /** The known contract, or a new one with the facts of its start (from the start or from an end event). */
    private static CandidacyContract contract(String contractId, String candidacyId, String clusterId,
                                              LocalDate startDate, boolean finalYear) {
        CandidacyContract contract = CandidacyContract.findById(contractId);
        if (contract == null) {
            contract = new CandidacyContract();
            contract.contractId = contractId;
            contract.candidacyId = candidacyId;
            contract.clusterId = clusterId;
            contract.startDate = startDate;
            contract.finalYear = finalYear;
            contract.startReported = false;
            contract.persist();
        } else if (contract.startDate == null) {
            contract.startDate = startDate; // recorded before migration V5 without a start entry
            contract.finalYear = finalYear;
        }
        return contract;
    }

    /** The status from the facts of every contract of the candidacy, once it was approved, by its course's programme. */
    private static void derive(Candidacy candidacy) {
        if (AFTER_APPROVAL.contains(candidacy.status)) {
            KnownCourse course = KnownCourse.findById(candidacy.courseCode);
            candidacy.status = TrajectoryStatus.of(course != null ? course.programme : StartRule.OKOT,
                    CandidacyContract.ofCandidacy(candidacy.id).stream().map(CandidacyContract::facts).toList());
        }
    }

    /** The candidacy, locked for this transaction: its events are applied one at a time (several consumers). */
    private static Candidacy lockedCandidacy(String id) {
        Candidacy candidacy = Candidacy.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (candidacy == null) {
            LOG.warnf("Event about unknown candidacy %s ignored", id);
        }
        return candidacy;
    }

    private static Candidacy candidacy(String id) {
        Candidacy candidacy = Candidacy.findById(id);
        if (candidacy == null) {
            LOG.warnf("Event about unknown candidacy %s ignored", id);
        }
        return candidacy;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
