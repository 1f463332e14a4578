package be.vdab.okot.stats.events;

import be.vdab.okot.events.EventType;
import be.vdab.okot.events.enrolment.ContractCancelled;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.intake.CandidacyAgreed;
import be.vdab.okot.events.intake.CandidacySubmitted;
import be.vdab.okot.events.intake.ScreeningCompleted;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.OutflowRecorded;
import be.vdab.okot.messaging.inbox.EventHandler;
import be.vdab.okot.messaging.inbox.IncomingEvent;
import be.vdab.okot.stats.persistence.CandidacyFact;
import be.vdab.okot.stats.persistence.ContractFact;
import be.vdab.okot.stats.persistence.FactStore;
import be.vdab.okot.stats.persistence.StatsWatermark;
import be.vdab.okot.stats.domain.CourseCatalogue;
import be.vdab.okot.stats.domain.LiveFigures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the facts behind the figures in the consumer's transaction, by the rules of {@link FactUpdates}.
 * The live figures follow each change of a person's facts ({@link LiveFigures}).
 */
@ApplicationScoped
public class StatsEventHandler implements EventHandler {

    private static final Set<EventType> PERSON_EVENTS = EnumSet.complementOf(
            EnumSet.of(EventType.COURSE_PUBLISHED, EventType.OFFER_PUBLISHED, EventType.COST_RECORDED));

    @Override
    public Set<EventType> handledTypes() {
        return EnumSet.allOf(EventType.class);
    }

    @Inject
    LiveFigures live;

    @Inject
    CourseCatalogue catalogue;

    /** The persons of a poll, read at once: an event's subject is its person (api.md, keyed by personId). */
    @Override
    public void beforeHandling(List<IncomingEvent> events) {
        live.touch(events.stream().filter(event -> PERSON_EVENTS.contains(event.type())).map(IncomingEvent::subject).toList());
    }

    @Override
    public void afterHandling() {
        live.settle();
    }

    @Override
    public void handle(IncomingEvent event) {
        // the person whose figures the event changes, from the facts themselves: the subject is only a hint
        live.touch(() -> personsOf(event));
        FactUpdates.apply(event, FactStore.STORED);
        if (event.type() == EventType.COURSE_PUBLISHED) {
            catalogue.published(); // the labels and offers read the catalogue again once this transaction ends
        }
        StatsWatermark.advance(event.id(), event.type().ceType(), event.time());
    }

    /**
     * The persons whose figures the event can change: the person it names, and the owner of the stored
     * fact it changes (the same person unless a producer contradicts itself; then both are recomputed).
     */
    private static Set<String> personsOf(IncomingEvent event) {
        Set<String> persons = new HashSet<>();
        switch (event.type()) {
            case CANDIDACY_SUBMITTED -> persons.add(event.payload(CandidacySubmitted.class).person().personId());
            case CANDIDACY_AGREED -> {
                CandidacyAgreed agreed = event.payload(CandidacyAgreed.class);
                persons.add(agreed.personId());
                candidacyOwner(agreed.candidacyId()).ifPresent(persons::add);
            }
            case SCREENING_COMPLETED -> {
                ScreeningCompleted screened = event.payload(ScreeningCompleted.class);
                persons.add(screened.person().personId());
                candidacyOwner(screened.candidacyId()).ifPresent(persons::add);
            }
            case CONTRACT_STARTED -> {
                ContractStarted started = event.payload(ContractStarted.class);
                persons.add(started.person().personId());
                contractOwner(started.contractId()).ifPresent(persons::add);
            }
            case COURSE_ENDED -> {
                CourseEnded ended = event.payload(CourseEnded.class);
                persons.add(ended.person().personId());
                contractOwner(ended.contractId()).ifPresent(persons::add);
            }
            case CONTRACT_CANCELLED -> {
                ContractCancelled cancelled = event.payload(ContractCancelled.class);
                persons.add(cancelled.personId());
                contractOwner(cancelled.contractId()).ifPresent(persons::add);
            }
            case OUTFLOW_RECORDED -> {
                OutflowRecorded outflow = event.payload(OutflowRecorded.class);
                persons.add(outflow.person().personId());
                ContractFact.<ContractFact>list("clusterId", outflow.clusterId()).forEach(contract -> persons.add(contract.personId));
            }
            case COURSE_PUBLISHED, OFFER_PUBLISHED, COST_RECORDED -> {
                // no person's figures: offers and costs (F5, F9) are counted from their facts at every read
            }
        }
        return persons;
    }

    private static Optional<String> contractOwner(String contractId) {
        return Optional.ofNullable(ContractFact.<ContractFact>findById(contractId)).map(contract -> contract.personId);
    }

    private static Optional<String> candidacyOwner(String candidacyId) {
        return Optional.ofNullable(CandidacyFact.<CandidacyFact>findById(candidacyId)).map(candidacy -> candidacy.personId);
    }
}
