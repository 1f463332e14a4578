package be.vdab.okot.events.enrolment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collection;

/**
 * F9, money spent (<i>besteed aan OKOT-trajecten</i>, figures.md F9; question 562 answer 3: € 4.535.522 in 2020).
 * <ul>
 *   <li>Which entries: the cost entries of contracts of the <b>OKOT programme</b> ({@link StartRule#OKOT}); the
 *       module 4a/4b trainings never count (api.md, "Module 4a/4b trainings"). A <b>cancelled</b> contract keeps its
 *       costs: the money was spent (api.md, {@code POST /contracts/{id}/costs}).</li>
 *   <li>When: on the <b>booking date</b>; a period selects the entries booked in it, both ends included.</li>
 *   <li>Unit: <b>euro</b>, the sum of the amounts; a correction is a negative entry, so it subtracts in the period
 *       of its own booking date. Sums keep two decimals.</li>
 *   <li>An entry: a new entry is positive with at most two decimals ({@link #validAmount}); a correction is
 *       negative, names the entry it corrects, and the entry's amount plus all its corrections never goes below
 *       zero ({@link #correctionFits}).</li>
 * </ul>
 * Pure: plain values in, values out.
 */
public final class SpendingRule {

    /** Euro cents: two decimals. */
    public static final int SCALE = 2;

    private SpendingRule() {
    }

    /**
     * Whether an entry counts in F9 for the period {@code from}–{@code to} (both included).
     *
     * @param programme the contract's programme ({@code OKOT}, {@code KNELPUNT_4A}, {@code KNELPUNT_4B})
     * @param cancelled whether the contract was cancelled: it does not matter, a cancelled contract keeps its costs
     * @param bookedOn  the entry's booking date
     */
    public static boolean countsIn(String programme, boolean cancelled, LocalDate bookedOn, LocalDate from, LocalDate to) {
        return StartRule.OKOT.equals(programme) && !bookedOn.isBefore(from) && !bookedOn.isAfter(to);
    }

    /**
     * Whether an amount is one an entry may have: at most two decimals, positive for a new entry ({@code correction}
     * false) and negative for a correction.
     */
    public static boolean validAmount(BigDecimal amount, boolean correction) {
        if (amount == null || amount.stripTrailingZeros().scale() > SCALE) {
            return false;
        }
        return correction ? amount.signum() < 0 : amount.signum() > 0;
    }

    /**
     * Whether a correction may be recorded: the corrected entry's amount plus the corrections it has and this one
     * stays at or above zero.
     *
     * @param entry       the corrected entry's (positive) amount
     * @param corrections the amounts of its earlier corrections (negative)
     * @param correction  this correction's (negative) amount
     */
    public static boolean correctionFits(BigDecimal entry, Collection<BigDecimal> corrections, BigDecimal correction) {
        return entry.add(sum(corrections)).add(correction).signum() >= 0;
    }

    /** The euro total of these amounts, with two decimals. */
    public static BigDecimal sum(Collection<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(SCALE, RoundingMode.UNNECESSARY);
    }
}
