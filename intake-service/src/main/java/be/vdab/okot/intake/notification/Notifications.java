package be.vdab.okot.intake.notification;

import be.vdab.okot.messaging.persistence.TimeOrderedIds;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.intake.persistence.Candidacy;
import be.vdab.okot.intake.persistence.Screening;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes the OCMW notifications of a client's steps, in the transaction of the step (intake's
 * own steps) or of the consumed event (contract starts, course ends): exactly once per event.
 */
@ApplicationScoped
public class Notifications {

    @Transactional(Transactional.TxType.MANDATORY)
    public void formalAgreementRequested(Candidacy candidacy) {
        if (candidacy.ocmwId != null) {
            create(candidacy, OcmwNotification.Kind.FORMAL_AGREEMENT_REQUESTED, candidacy.submittedOn).persist();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void screeningResult(Candidacy candidacy, Screening screening) {
        if (candidacy.ocmwId != null) {
            OcmwNotification notification = create(candidacy, OcmwNotification.Kind.SCREENING_RESULT, screening.screenedOn);
            notification.decision = screening.decision.name();
            notification.probableStartDate = screening.probableStartDate;
            notification.probableLocation = screening.probableLocation;
            notification.persist();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void trainingStarted(Candidacy candidacy, LocalDate startDate, String trainingCode, String trainingName) {
        if (candidacy.ocmwId != null) {
            OcmwNotification notification = create(candidacy, OcmwNotification.Kind.TRAINING_STARTED, startDate);
            notification.trainingCode = trainingCode;
            notification.trainingName = trainingName;
            notification.persist();
        }
    }

    /** From the latest revision of the end; a correction sends a new notification. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void trainingEnded(Candidacy candidacy, CourseEnded ended) {
        if (candidacy.ocmwId != null) {
            OcmwNotification notification = create(candidacy, OcmwNotification.Kind.TRAINING_ENDED, ended.endDate());
            notification.trainingCode = ended.training().trainingCode();
            notification.trainingName = ended.training().trainingName();
            notification.result = ended.result() == CourseEnded.Result.STOPPED ? "STOPPED_EARLY" : ended.result().name();
            notification.revision = ended.revision();
            notification.persist();
        }
    }

    private static OcmwNotification create(Candidacy candidacy, OcmwNotification.Kind kind, LocalDate on) {
        OcmwNotification notification = new OcmwNotification();
        notification.id = TimeOrderedIds.next();
        notification.ocmwId = candidacy.ocmwId;
        notification.candidacyId = candidacy.id;
        notification.kind = kind;
        notification.occurredOn = on;
        notification.createdAt = Instant.now();
        return notification; // persisted by the caller once complete: Hibernate takes the insert's values at persist
    }
}
