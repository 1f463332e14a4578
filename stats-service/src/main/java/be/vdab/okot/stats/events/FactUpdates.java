package be.vdab.okot.stats.events;

import be.vdab.okot.events.enrolment.ContractCancelled;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.enrolment.CostRecorded;
import be.vdab.okot.events.enrolment.CoursePublished;
import be.vdab.okot.events.enrolment.OfferPublished;
import be.vdab.okot.events.intake.CandidacyAgreed;
import be.vdab.okot.events.intake.CandidacySubmitted;
import be.vdab.okot.events.intake.ScreeningCompleted;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.OutflowRecorded;
import be.vdab.okot.messaging.inbox.IncomingEvent;
import be.vdab.okot.stats.persistence.CancelledContract;
import be.vdab.okot.stats.persistence.CandidacyFact;
import be.vdab.okot.stats.persistence.ContractEndFact;
import be.vdab.okot.stats.persistence.ContractFact;
import be.vdab.okot.stats.persistence.CostFact;
import be.vdab.okot.stats.persistence.CourseFact;
import be.vdab.okot.stats.persistence.FactStore;
import be.vdab.okot.stats.persistence.OfferFact;
import be.vdab.okot.stats.persistence.OutflowFact;

/**
 * How each event changes the facts behind the figures: the one home of these rules, used by the live consumer
 * ({@link StatsEventHandler}, on the database) and by a rebuild's fold of the log ({@link FoldedFacts}, in
 * memory). Every fact is keyed by its business id and every change is order-safe — the highest end revision
 * wins, a cancellation holds whenever it comes, a contract started overwrites the copy a course end brought —
 * so a duplicate, late or out-of-order event changes nothing wrong (api.md, events; figures.md, F1–F8).
 */
public final class FactUpdates {

    private FactUpdates() {
    }

    /** Applies one event to the facts; events that name no fact (none today) change nothing. */
    public static void apply(IncomingEvent event, FactStore facts) {
        switch (event.type()) {
            case CANDIDACY_SUBMITTED -> submitted(event.payload(CandidacySubmitted.class), facts);
            case CANDIDACY_AGREED -> {
                CandidacyAgreed agreed = event.payload(CandidacyAgreed.class);
                CandidacyFact fact = facts.find(CandidacyFact.class, agreed.candidacyId());
                if (fact != null) {
                    fact.agreedOn = agreed.agreedOn();
                }
            }
            case SCREENING_COMPLETED -> {
                ScreeningCompleted screened = event.payload(ScreeningCompleted.class);
                CandidacyFact fact = facts.find(CandidacyFact.class, screened.candidacyId());
                if (fact != null) {
                    fact.screenedOn = screened.screenedOn();
                    fact.decision = screened.decision().name();
                }
            }
            case COURSE_PUBLISHED -> published(event.payload(CoursePublished.class), facts);
            case OFFER_PUBLISHED -> {
                OfferPublished offer = event.payload(OfferPublished.class);
                OfferFact.Key key = new OfferFact.Key(offer.year(), offer.courseCode(), offer.province());
                if (facts.find(OfferFact.class, key) == null) {
                    OfferFact fact = new OfferFact();
                    fact.key = key;
                    facts.add(fact);
                }
            }
            case CONTRACT_STARTED -> {
                ContractStarted started = event.payload(ContractStarted.class);
                ContractFact.started(facts, started.contractId(), started.candidacyId(), started.clusterId(),
                        started.person(), started.training(), started.province(), started.startDate());
            }
            case CONTRACT_CANCELLED -> {
                String contractId = event.payload(ContractCancelled.class).contractId();
                if (facts.find(CancelledContract.class, contractId) == null) {
                    CancelledContract cancelled = new CancelledContract();
                    cancelled.contractId = contractId;
                    facts.add(cancelled);
                }
            }
            case COST_RECORDED -> CostFact.recorded(facts, event.payload(CostRecorded.class));
            case COURSE_ENDED -> ended(event.payload(CourseEnded.class), facts);
            case OUTFLOW_RECORDED -> {
                OutflowRecorded outflow = event.payload(OutflowRecorded.class);
                OutflowFact known = facts.find(OutflowFact.class, outflow.clusterId());
                OutflowFact fact = known != null ? known : new OutflowFact();
                fact.clusterId = outflow.clusterId();
                fact.measuredOn = outflow.measuredOn();
                fact.atWork = outflow.atWork();
                if (known == null) {
                    facts.add(fact);
                }
            }
        }
    }

    private static void submitted(CandidacySubmitted submitted, FactStore facts) {
        CandidacyFact known = facts.find(CandidacyFact.class, submitted.candidacyId());
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
            facts.add(fact);
        }
    }

    private static void published(CoursePublished published, FactStore facts) {
        CourseFact known = facts.find(CourseFact.class, published.code());
        CourseFact course = known != null ? known : new CourseFact();
        course.code = published.code();
        course.name = published.name();
        course.type = published.type();
        course.sector = published.sector();
        course.programme = published.programme();
        if (known == null) {
            facts.add(course);
        }
    }

    private static void ended(CourseEnded ended, FactStore facts) {
        ContractFact.ended(facts, ended.contractId(), ended.candidacyId(), ended.clusterId(), ended.person(),
                ended.training(), ended.province(), ended.startDate());
        ContractEndFact known = facts.find(ContractEndFact.class, ended.contractId());
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
            facts.add(end);
        }
    }
}
