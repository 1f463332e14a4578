package be.vdab.okot.events.enrolment;

/**
 * What a cost entry of a contract paid for (api.md, {@code POST /contracts/{id}/costs}; figures.md F9, breakdown
 * {@code kind}).
 */
public enum CostKind {
    REGISTRATION_FEE,
    STUDY_COSTS,
    LEARNING_MATERIALS,
    ADMINISTRATION
}
