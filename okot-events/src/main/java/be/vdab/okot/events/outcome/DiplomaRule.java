package be.vdab.okot.events.outcome;

import be.vdab.okot.events.outcome.CourseEnded.Result;

/**
 * F2, diplomas (figures.md; question 562 answer 6, seed 001): a contract counts as a diploma when its
 * current end is PASSED (<i>uitgevoerd en geslaagd</i>) on the <b>final</b> training year of its course.
 * A passed non-final year is a step within the trajectory, neither a diploma nor a drop-out (F3). Unit:
 * contracts; the period and the programme are the caller's filter (the end date, OKOT courses).
 */
public final class DiplomaRule {

    private DiplomaRule() {
    }

    /**
     * @param finalYear whether the contract's training year is the last of its course
     * @param result    the current end's result (highest revision), {@code null} while the contract runs
     */
    public static boolean isDiploma(boolean finalYear, Result result) {
        return finalYear && result == Result.PASSED;
    }
}
