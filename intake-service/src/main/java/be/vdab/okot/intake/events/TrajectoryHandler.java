package be.vdab.okot.intake.events;

import be.vdab.okot.events.EventType;
import be.vdab.okot.events.enrolment.ContractCancelled;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.OutflowRecorded;
import be.vdab.okot.intake.domain.CandidacyStatus;
import be.vdab.okot.intake.persistence.Candidacy;
import be.vdab.okot.intake.persistence.CandidacyContract;
import be.vdab.okot.intake.persistence.TimelineEntry;
import be.vdab.okot.messaging.inbox.EventHandler;
import be.vdab.okot.messaging.inbox.IncomingEvent;
import be.vdab.okot.intake.notification.Notifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * Follows a candidacy after intake: contract starts and cancellations (enrolment), course ends
 * and outflow (outcome) go into its timeline and keep its status (ENROLLED, CLOSED) right.
 */
@ApplicationScoped
public class TrajectoryHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(TrajectoryHandler.class);

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
            case CONTRACT_CANCELLED -> cancelled(event.payload(ContractCancelled.class), event);
            case COURSE_ENDED -> ended(event.payload(CourseEnded.class));
            case OUTFLOW_RECORDED -> outflow(event.payload(OutflowRecorded.class));
            default -> throw new IllegalArgumentException("Not handled here: " + event.type());
        }
    }

    private void started(ContractStarted started) {
        Candidacy candidacy = candidacy(started.candidacyId());
        if (candidacy == null || CandidacyContract.findById(started.contractId()) != null) {
            return;
        }
        CandidacyContract contract = new CandidacyContract();
        contract.contractId = started.contractId();
        contract.candidacyId = candidacy.id;
        contract.clusterId = started.clusterId();
        contract.persist();
        candidacy.status = CandidacyStatus.ENROLLED; // a later year also reopens a closed cluster
        TimelineEntry.record(candidacy.id, "CONTRACT_STARTED", started.startDate(), null,
                started.training().trainingCode() + " " + nullToEmpty(started.training().trainingName())
                        + " at " + nullToEmpty(started.school()), started.contractId());
        notifications.trainingStarted(candidacy, started.startDate(), started.training().trainingCode(),
                started.training().trainingName());
    }

    private void cancelled(ContractCancelled cancelled, IncomingEvent event) {
        CandidacyContract contract = CandidacyContract.findById(cancelled.contractId());
        Candidacy candidacy = candidacy(cancelled.candidacyId());
        if (contract == null || candidacy == null) {
            return;
        }
        contract.cancelled = true;
        if (CandidacyContract.activeOf(candidacy.id) == 0 && candidacy.status == CandidacyStatus.ENROLLED) {
            candidacy.status = CandidacyStatus.APPROVED;
        }
        TimelineEntry.record(candidacy.id, "CONTRACT_CANCELLED",
                LocalDate.ofInstant(cancelled.cancelledAt(), ZoneId.of("Europe/Brussels")), null,
                "registered by mistake", cancelled.contractId());
    }

    private void ended(CourseEnded ended) {
        Candidacy candidacy = candidacy(ended.candidacyId());
        if (candidacy == null) {
            return;
        }
        candidacy.status = ended.clusterClosed() ? CandidacyStatus.CLOSED : CandidacyStatus.ENROLLED;
        String result = ended.result() + (ended.stopReason() != null ? " (" + ended.stopReason() + ")" : "");
        TimelineEntry.record(candidacy.id, ended.revision() > 1 ? "COURSE_END_CORRECTED" : "COURSE_ENDED",
                ended.endDate(), null, ended.training().trainingCode() + ": " + result
                        + (ended.revision() > 1 ? ", revision " + ended.revision() : ""), ended.contractId());
        notifications.trainingEnded(candidacy, ended);
    }

    private void outflow(OutflowRecorded outflow) {
        Candidacy candidacy = candidacy(outflow.candidacyId());
        if (candidacy != null) {
            TimelineEntry.record(candidacy.id, "OUTFLOW_MEASURED", outflow.measuredOn(), null,
                    outflow.atWork() ? "at work 3 months after the course" : "not at work 3 months after the course",
                    outflow.clusterId());
        }
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
