package be.vdab.okot.events;

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

import java.util.Arrays;
import java.util.Optional;

/** Every event type of api.md: its {@code ce_type}, its topic and its Java record. */
public enum EventType {

    CANDIDACY_SUBMITTED("okot.candidacy.submitted", Topics.INTAKE, CandidacySubmitted.class),
    CANDIDACY_AGREED("okot.candidacy.agreed", Topics.INTAKE, CandidacyAgreed.class),
    SCREENING_COMPLETED("okot.screening.completed", Topics.INTAKE, ScreeningCompleted.class),
    COURSE_PUBLISHED("okot.course.published", Topics.ENROLMENT, CoursePublished.class),
    OFFER_PUBLISHED("okot.offer.published", Topics.ENROLMENT, OfferPublished.class),
    CONTRACT_STARTED("okot.contract.started", Topics.ENROLMENT, ContractStarted.class),
    CONTRACT_CANCELLED("okot.contract.cancelled", Topics.ENROLMENT, ContractCancelled.class),
    COST_RECORDED("okot.cost.recorded", Topics.ENROLMENT, CostRecorded.class),
    COURSE_ENDED("okot.course.ended", Topics.OUTCOME, CourseEnded.class),
    OUTFLOW_RECORDED("okot.outflow.recorded", Topics.OUTCOME, OutflowRecorded.class);

    private final String ceType;
    private final String topic;
    private final Class<? extends OkotEvent> payloadType;

    EventType(String ceType, String topic, Class<? extends OkotEvent> payloadType) {
        this.ceType = ceType;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    public String ceType() {
        return ceType;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends OkotEvent> payloadType() {
        return payloadType;
    }

    public static Optional<EventType> ofCeType(String ceType) {
        return Arrays.stream(values()).filter(type -> type.ceType.equals(ceType)).findFirst();
    }

    public static EventType of(OkotEvent event) {
        return Arrays.stream(values())
                .filter(type -> type.payloadType.equals(event.getClass()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not an OKOT event: " + event.getClass().getName()));
    }
}
