package be.vdab.okot.stats.events;

import be.vdab.okot.events.EventType;
import be.vdab.okot.events.enrolment.ContractCancelled;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.enrolment.CoursePublished;
import be.vdab.okot.events.enrolment.OfferPublished;
import be.vdab.okot.events.intake.CandidacyAgreed;
import be.vdab.okot.events.intake.CandidacySubmitted;
import be.vdab.okot.events.intake.ScreeningCompleted;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.OutflowRecorded;
import be.vdab.okot.messaging.inbox.EventHandler;
import be.vdab.okot.messaging.inbox.IncomingEvent;
import be.vdab.okot.stats.persistence.CancelledContract;
import be.vdab.okot.stats.persistence.CandidacyFact;
import be.vdab.okot.stats.persistence.ContractEndFact;
import be.vdab.okot.stats.persistence.ContractFact;
import be.vdab.okot.stats.persistence.CourseFact;
import be.vdab.okot.stats.persistence.OfferFact;
import be.vdab.okot.stats.persistence.OutflowFact;
import be.vdab.okot.stats.persistence.StatsWatermark;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumSet;
import java.util.Set;

/**
 * Keeps the facts behind the figures, in the consumer's transaction. Every fact is keyed by its
 * business id and every update is order-safe (the highest end revision wins, a cancellation
 * holds whenever it comes), so duplicates and late or out-of-order events change nothing wrong.
 */
@ApplicationScoped
public class StatsEventHandler implements EventHandler {

    @Override
    public Set<EventType> handledTypes() {
        return EnumSet.allOf(EventType.class);
    }

    @Override
    public void handle(IncomingEvent event) {
        switch (event.type()) {
            case CANDIDACY_SUBMITTED -> onCandidacySubmitted(event.payload(CandidacySubmitted.class));
            case CANDIDACY_AGREED -> {
                CandidacyAgreed agreed = event.payload(CandidacyAgreed.class);
                CandidacyFact fact = CandidacyFact.findById(agreed.candidacyId());
                if (fact != null) {
                    fact.agreedOn = agreed.agreedOn();
                }
            }
            case SCREENING_COMPLETED -> {
                ScreeningCompleted screened = event.payload(ScreeningCompleted.class);
                CandidacyFact fact = CandidacyFact.findById(screened.candidacyId());
                if (fact != null) {
                    fact.screenedOn = screened.screenedOn();
                    fact.decision = screened.decision().name();
                }
            }
            case COURSE_PUBLISHED -> onCoursePublished(event.payload(CoursePublished.class));
            case OFFER_PUBLISHED -> {
                OfferPublished offer = event.payload(OfferPublished.class);
                OfferFact.Key key = new OfferFact.Key(offer.year(), offer.courseCode(), offer.province());
                if (OfferFact.findById(key) == null) {
                    OfferFact fact = new OfferFact();
                    fact.key = key;
                    fact.persist();
                }
            }
            case CONTRACT_STARTED -> {
                ContractStarted started = event.payload(ContractStarted.class);
                ContractFact.remember(started.contractId(), started.candidacyId(), started.clusterId(), started.person(),
                        started.training(), started.province(), started.startDate());
            }
            case CONTRACT_CANCELLED -> {
                String contractId = event.payload(ContractCancelled.class).contractId();
                if (CancelledContract.findById(contractId) == null) {
                    CancelledContract cancelled = new CancelledContract();
                    cancelled.contractId = contractId;
                    cancelled.persist();
                }
            }
            case COURSE_ENDED -> onCourseEnded(event.payload(CourseEnded.class));
            case OUTFLOW_RECORDED -> {
                OutflowRecorded outflow = event.payload(OutflowRecorded.class);
                OutflowFact known = OutflowFact.findById(outflow.clusterId());
                OutflowFact fact = known != null ? known : new OutflowFact();
                fact.clusterId = outflow.clusterId();
                fact.measuredOn = outflow.measuredOn();
                fact.atWork = outflow.atWork();
                if (known == null) {
                    fact.persist();
                }
            }
        }
        StatsWatermark.advance(event.id(), event.type().ceType(), event.time());
    }

    private void onCandidacySubmitted(CandidacySubmitted submitted) {
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

    private void onCoursePublished(CoursePublished published) {
        CourseFact known = CourseFact.findById(published.code());
        CourseFact course = known != null ? known : new CourseFact();
        course.code = published.code();
        course.name = published.name();
        course.type = published.type();
        course.sector = published.sector();
        course.programme = published.programme();
        if (known == null) {
            course.persist();
        }
    }

    private void onCourseEnded(CourseEnded ended) {
        ContractFact.remember(ended.contractId(), ended.candidacyId(), ended.clusterId(), ended.person(), ended.training(),
                ended.province(), ended.startDate());
        ContractEndFact known = ContractEndFact.findById(ended.contractId());
        if (known != null && known.revision >= ended.revision()) {
            return; // a late or repeated older revision changes nothing
        }
        ContractEndFact end = known != null ? known : new ContractEndFact();
        end.contractId = ended.contractId();
        end.revision = ended.revision();
        end.endDate = ended.endDate();
        end.result = ended.result();
        end.stopReason = ended.stopReason();
        if (known == null) {
            end.persist();
        }
    }
}
