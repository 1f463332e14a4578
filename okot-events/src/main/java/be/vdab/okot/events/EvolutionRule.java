package be.vdab.okot.events;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * F6, evolution (figures.md; the yearly series of question 562, seed 000: starts 2013–2020, diplomas, drop-outs
 * and outflow 2014–2020; the comparison with the same months a year earlier of seed 001: 2702 starters
 * January–September 2023, 236 fewer than in 2022).
 * <ul>
 *   <li>A range of years is one calendar-year period per year, in order ({@link #years}); each is counted by
 *       the figure's own rule, so F1's distinct persons are distinct within a year, not over the range.</li>
 *   <li>The comparison period is the same period one year earlier ({@link #previousYear}); a period ending on
 *       29 February compares with 28 February.</li>
 * </ul>
 * Periods are {@link Span}s, both ends included. Pure: plain values in, values out.
 */
public final class EvolutionRule {

    /** A period of a figure, {@code from} and {@code to} included. */
    public record Span(LocalDate from, LocalDate to) {
    }

    private EvolutionRule() {
    }

    /** The calendar year as a period: 1 January to 31 December. */
    public static Span year(int year) {
        return new Span(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    /**
     * One calendar-year period per year from {@code fromYear} to {@code toYear}, both included, oldest first.
     *
     * @throws IllegalArgumentException when {@code toYear} is before {@code fromYear}
     */
    public static List<Span> years(int fromYear, int toYear) {
        if (toYear < fromYear) {
            throw new IllegalArgumentException("toYear " + toYear + " is before fromYear " + fromYear);
        }
        List<Span> years = new ArrayList<>();
        for (int year = fromYear; year <= toYear; year++) {
            years.add(year(year));
        }
        return years;
    }

    /** The same period one year earlier, the comparison of {@code compare=previous-year}. */
    public static Span previousYear(LocalDate from, LocalDate to) {
        return new Span(from.minusYears(1), to.minusYears(1));
    }
}
