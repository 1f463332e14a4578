package be.vdab.okot.stats.events;

import be.vdab.okot.events.EventType;
import be.vdab.okot.events.intake.CandidacySubmitted;
import be.vdab.okot.messaging.inbox.EventHandler;
import be.vdab.okot.messaging.inbox.IncomingEvent;
import be.vdab.okot.stats.persistence.CandidacyFact;
import be.vdab.okot.stats.persistence.StatsWatermark;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** Keeps the facts behind the figures up to date, in the consumer's transaction. */
@ApplicationScoped
public class StatsEventHandler implements EventHandler {

    @Override
    public Set<EventType> handledTypes() {
        return Set.of(EventType.CANDIDACY_SUBMITTED);
    }

    @Override
    public void handle(IncomingEvent event) {
        if (event.type() == EventType.CANDIDACY_SUBMITTED) {
            onCandidacySubmitted(event.payload(CandidacySubmitted.class));
        }
        StatsWatermark.advance(event.id(), event.type().ceType(), event.time());
    }

    private void onCandidacySubmitted(CandidacySubmitted submitted) {
        // keyed by candidacy: an event re-published under another id does not count twice either
        CandidacyFact known = CandidacyFact.findById(submitted.candidacyId());
        CandidacyFact fact = known != null ? known : new CandidacyFact();
        fact.candidacyId = submitted.candidacyId();
        fact.personId = submitted.person().personId();
        fact.birthDate = submitted.person().birthDate();
        fact.gender = submitted.person().gender();
        fact.submittedOn = submitted.submittedOn();
        fact.referralKind = submitted.referralKind();
        fact.courseCode = submitted.courseCode();
        fact.province = submitted.province();
        if (known == null) {
            fact.persist(); // after every field is set: Hibernate takes the insert's values here
        }
    }
}
