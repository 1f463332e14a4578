package be.vdab.okot.events.enrolment;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;

/**
 * F1, starts (<i>gestarte unieke cursisten per opleidingsjaar</i>, figures.md; question 562 answer 5 and
 * question 74 answer 1, seed 000 and 002; the care-sector starters of seed 001).
 * <ul>
 *   <li>Which contracts: a training-year contract of the <b>OKOT programme</b> that is <b>not cancelled</b>
 *       ({@link #isOkotContract}); the module 4a/4b trainings count only in F7. The same contracts are the
 *       ones F2–F4 look at.</li>
 *   <li>When: on its start date; a period selects the starts whose date lies in it (the caller's filter).</li>
 *   <li>Unit: the <b>person</b>. A cell counts the distinct persons with a start in it, and the total the
 *       distinct persons with any start ({@link #distinctPersons}), so the rows can add up to more than the
 *       total: a person with two starts counts once in every value one of them has.</li>
 *   <li>Breakdown values, the age included, are taken on the <b>start date</b> ({@link Start#on()}), so a
 *       birthday between two starts of one year puts the person in two age bands.</li>
 * </ul>
 * Pure: plain values in, values out. {@code programme} is the training year's programme code as the events
 * carry it ({@code OKOT}, {@code KNELPUNT_4A}, {@code KNELPUNT_4B}); {@code null} is no OKOT contract.
 */
public final class StartRule {

    /** The programme code of the OKOT training years. */
    public static final String OKOT = "OKOT";

    /**
     * One start as F1 counts it.
     *
     * @param personId the unit
     * @param on       the start date: the day the period and every breakdown value are taken on
     */
    public record Start(String personId, LocalDate on) {
    }

    private StartRule() {
    }

    /** Whether a contract counts in the OKOT figures (F1–F4) at all: an OKOT training year, not cancelled. */
    public static boolean isOkotContract(String programme, boolean cancelled) {
        return !cancelled && OKOT.equals(programme);
    }

    /** The start a contract counts as, empty for a cancelled contract or one of another programme. */
    public static Optional<Start> start(String personId, String programme, boolean cancelled, LocalDate startDate) {
        return isOkotContract(programme, cancelled) ? Optional.of(new Start(personId, startDate)) : Optional.empty();
    }

    /** The count of a cell or of the total: the distinct persons among the starts' person ids. */
    public static long distinctPersons(Collection<String> personIds) {
        return new HashSet<>(personIds).size();
    }
}
