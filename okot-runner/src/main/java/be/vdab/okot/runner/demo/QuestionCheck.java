package be.vdab.okot.runner.demo;

/**
 * The check of one published answer: every cell of its tables (or figure of its text) against the live API,
 * through {@link CellCheck}. One per question, beside its planner ({@link Question562Check} with
 * {@link Question562Planner}, …).
 */
public interface QuestionCheck {

    /** Compares what the demo's years ({@link CellCheck#fromYear()}..{@link CellCheck#toYear()}) cover. */
    void check(CellCheck cells);
}
