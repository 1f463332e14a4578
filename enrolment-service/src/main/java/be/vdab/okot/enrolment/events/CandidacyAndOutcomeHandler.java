package be.vdab.okot.enrolment.events;

import be.vdab.okot.enrolment.persistence.Contract;
import be.vdab.okot.enrolment.persistence.KnownCandidacy;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.intake.CandidacySubmitted;
import be.vdab.okot.events.intake.ScreeningCompleted;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.messaging.inbox.EventHandler;
import be.vdab.okot.messaging.inbox.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * What enrolment-service learns from the others: candidacies and their screening decision
 * (intake), so only an approved candidacy gets a contract; and the actual end of each training
 * year (outcome), so a stopped year no longer blocks the next contract of the person.
 * Each fact converges whatever order it arrives in: a screening decision is never replaced by a
 * (redelivered or late) submission; an end revision lower than or equal to the stored one is ignored;
 * an end and the contract's cancellation are kept side by side (a cancelled contract never counts).
 */
@ApplicationScoped
public class CandidacyAndOutcomeHandler implements EventHandler {

    @Override
    public Set<EventType> handledTypes() {
        return Set.of(EventType.CANDIDACY_SUBMITTED, EventType.SCREENING_COMPLETED, EventType.COURSE_ENDED);
    }

    @Override
    public void handle(IncomingEvent event) {
        switch (event.type()) {
            case CANDIDACY_SUBMITTED -> {
                CandidacySubmitted submitted = event.payload(CandidacySubmitted.class);
                KnownCandidacy known = KnownCandidacy.findById(submitted.candidacyId());
                if (known == null) {
                    save(null, submitted.candidacyId(), submitted.person(), submitted.courseCode(), submitted.province(),
                            KnownCandidacy.Status.AWAITING_SCREENING, null);
                }
            }
            case SCREENING_COMPLETED -> {
                ScreeningCompleted screened = event.payload(ScreeningCompleted.class);
                save(KnownCandidacy.findById(screened.candidacyId()), screened.candidacyId(), screened.person(),
                        screened.courseCode(), screened.province(),
                        screened.decision() == ScreeningCompleted.Decision.APPROVED
                                ? KnownCandidacy.Status.APPROVED : KnownCandidacy.Status.REJECTED,
                        screened.screenedOn());
            }
            case COURSE_ENDED -> {
                CourseEnded ended = event.payload(CourseEnded.class);
                Contract.applyEnd(ended.contractId(), ended.revision(), ended.endDate());
            }
            default -> throw new IllegalArgumentException("Not handled here: " + event.type());
        }
    }

    private static void save(KnownCandidacy known, String candidacyId, PersonProfile person, String courseCode,
                             Province province, KnownCandidacy.Status status, java.time.LocalDate screenedOn) {
        KnownCandidacy candidacy = known != null ? known : new KnownCandidacy();
        candidacy.candidacyId = candidacyId;
        candidacy.personId = person.personId();
        candidacy.birthDate = person.birthDate();
        candidacy.gender = person.gender();
        candidacy.courseCode = courseCode;
        candidacy.province = province;
        candidacy.status = status;
        candidacy.screenedOn = screenedOn;
        if (known == null) {
            candidacy.persist();
        }
    }
}
