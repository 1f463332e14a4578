package be.vdab.okot.intake.domain;

/** Where a candidacy stands in the intake flow (api.md). */
public enum CandidacyStatus {
    AWAITING_FORMAL_AGREEMENT,
    AWAITING_SCREENING,
    APPROVED,
    REJECTED,
    ENROLLED,
    CLOSED;

    /** Still in progress: a second candidacy of the same person for the same course is refused. */
    public boolean isOpen() {
        return this != REJECTED && this != CLOSED;
    }
}
