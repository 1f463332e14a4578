package be.vdab.okot.events.outcome;

import be.vdab.okot.events.outcome.CourseEnded.Result;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * F7, shortage-occupation training modules (<i>knelpuntopleidingen</i>, figures.md; question 315, seed 004):
 * VDAB's own module 4a (<i>beroepsgerichte doorstroomopleiding</i>) and 4b (<i>beroepsgerichte opleiding</i>)
 * trainings, outside OKOT, so they count only here, never in F1–F4.
 * <ul>
 *   <li>Unit: the <b>training</b> (a module has one training year, so one contract); totals are sums, and the
 *       figure's total is the trainings started ({@link #TOTAL}).</li>
 *   <li>A training that is not cancelled contributes {@link Count#STARTED} on its <b>start date</b> and, once it
 *       ended, one of {@link Count#COMPLETED} (PASSED), {@link Count#FAILED} or {@link Count#STOPPED_EARLY} (any
 *       stop, whatever the reason) on its current <b>end date</b>; a corrected end moves it between the three.
 *       Each count's breakdown values (module, gender, age) are taken on its own date.</li>
 * </ul>
 * Pure: plain values in, values out. {@code programme} is the training year's programme code as the events
 * carry it; any code but {@link #MODULE_4A} and {@link #MODULE_4B} is no module training.
 */
public final class KnelpuntRule {

    public static final String MODULE_4A = "KNELPUNT_4A";
    public static final String MODULE_4B = "KNELPUNT_4B";

    /** The four counts of question 315, in their published order. */
    public enum Count {
        STARTED, COMPLETED, FAILED, STOPPED_EARLY
    }

    /** The count the figure's total is: the trainings started. */
    public static final Count TOTAL = Count.STARTED;

    /** The module of a training, the {@code by=module} breakdown. */
    public enum Module {
        M4A, M4B
    }

    /**
     * One count a training contributes.
     *
     * @param count which of the four
     * @param on    the day it counts on: the start date for STARTED, else the end date
     */
    public record Counted(Count count, LocalDate on) {
    }

    private KnelpuntRule() {
    }

    /** Whether a training year of this programme is a module 4a/4b training. */
    public static boolean isModule(String programme) {
        return MODULE_4A.equals(programme) || MODULE_4B.equals(programme);
    }

    /** The module of a module training's programme; empty for any other programme. */
    public static Optional<Module> module(String programme) {
        if (MODULE_4A.equals(programme)) {
            return Optional.of(Module.M4A);
        }
        return MODULE_4B.equals(programme) ? Optional.of(Module.M4B) : Optional.empty();
    }

    /** The count an end's result falls in: PASSED → COMPLETED, FAILED → FAILED, STOPPED → STOPPED_EARLY. */
    public static Count ended(Result result) {
        return switch (result) {
            case PASSED -> Count.COMPLETED;
            case FAILED -> Count.FAILED;
            case STOPPED -> Count.STOPPED_EARLY;
        };
    }

    /**
     * Everything one training contributes to F7: nothing for a cancelled training or one of another programme;
     * else STARTED on the start date and, when it has a current end, that end's count on the end date.
     *
     * @param endDate the current end's date, {@code null} while the training runs
     * @param result  the current end's result, {@code null} while the training runs
     */
    public static List<Counted> counts(String programme, boolean cancelled, LocalDate startDate, LocalDate endDate,
                                       Result result) {
        List<Counted> counts = new ArrayList<>();
        if (cancelled || !isModule(programme)) {
            return counts;
        }
        counts.add(new Counted(Count.STARTED, startDate));
        if (result != null && endDate != null) {
            counts.add(new Counted(ended(result), endDate));
        }
        return counts;
    }
}
