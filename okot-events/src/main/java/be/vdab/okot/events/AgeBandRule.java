package be.vdab.okot.events;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The age breakdowns {@code age5} and {@code age3} of figures.md ("Breakdowns"; the age tables of question 562
 * answers 5–8 (seed 000) and of question 315 (seed 004)): the age is in <b>completed years on the fact's
 * reference date</b> (a start's start date, an end's end date, a cluster's end, a candidacy step's date), so a
 * person whose birthday is on the reference date already has the new age. The figure names the reference date;
 * this rule only turns a birth date and that date into a band.
 * <ul>
 *   <li>{@link Scale#AGE5}: {@code -18 jaar}, {@code 18 tot en met 19 jaar}, {@code 20 tot en met 24 jaar}, then
 *       5-year bands up to {@code 60 tot en met 64 jaar}, and {@code 65 jaar en +}.</li>
 *   <li>{@link Scale#AGE3}: {@code -25 jaar}, {@code 25 tot en met 54 jaar}, {@code 55 jaar en +}.</li>
 * </ul>
 * Pure: plain dates and ints in, values out; a {@code null} date is a {@link NullPointerException} (every fact
 * with an age breakdown has a birth date and a reference date).
 */
public final class AgeBandRule {

    /**
     * One band of a scale.
     *
     * @param key   the stable code: {@code 0-17}, {@code 18-19}, …, {@code 65+}
     * @param label the published label
     * @param index the band's place in its scale, from 0 (the youngest)
     * @param from  the lowest age in the band, {@code null} for the open lowest band
     * @param to    the highest age in the band, {@code null} for the open highest band
     */
    public record Band(String key, String label, int index, Integer from, Integer to) {

        public boolean contains(int age) {
            return (from == null || age >= from) && (to == null || age <= to);
        }
    }

    /** The two scales of figures.md, each given by the first age of every band but the lowest. */
    public enum Scale {
        AGE5(18, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65),
        AGE3(25, 55);

        private final List<Band> bands;

        Scale(int... lowerBounds) {
            List<Band> bands = new ArrayList<>();
            Integer from = null;
            for (int i = 0; i <= lowerBounds.length; i++) {
                Integer to = i < lowerBounds.length ? lowerBounds[i] - 1 : null;
                bands.add(newBand(i, from, to));
                from = to == null ? null : to + 1;
            }
            this.bands = List.copyOf(bands);
        }

        /** Every band, youngest first. */
        public List<Band> bands() {
            return bands;
        }

        /** The band of an age in completed years (a negative age falls in the lowest band). */
        public Band band(int age) {
            return bands.stream().filter(band -> band.contains(age)).findFirst().orElseThrow();
        }

        /** The band of a person born on {@code birthDate}, on the reference date {@code on}. */
        public Band band(LocalDate birthDate, LocalDate on) {
            return band(age(birthDate, on));
        }

        /** The band with this published label, empty for any other text. */
        public Optional<Band> byLabel(String label) {
            return bands.stream().filter(band -> band.label().equals(label)).findFirst();
        }
    }

    /** The birth dates that give one age on one day, both included. */
    public record BirthDates(LocalDate earliest, LocalDate latest) {
    }

    private AgeBandRule() {
    }

    /** The age in completed years on {@code on}: the birthday itself counts (born 2000-03-01 → 20 on 2020-03-01). */
    public static int age(LocalDate birthDate, LocalDate on) {
        return Period.between(Objects.requireNonNull(birthDate, "birthDate"), Objects.requireNonNull(on, "on")).getYears();
    }

    /**
     * The inverse of {@link #age}: who is {@code age} on {@code on} was born from the day after their
     * {@code age + 1}-th birthday would have fallen, up to {@code age} years before {@code on}.
     */
    public static BirthDates bornAtAge(int age, LocalDate on) {
        return new BirthDates(on.minusYears(age + 1L).plusDays(1), on.minusYears(age));
    }

    private static Band newBand(int index, Integer from, Integer to) {
        if (from == null) {
            return new Band("0-" + to, "-" + (to + 1) + " jaar", index, null, to);
        }
        if (to == null) {
            return new Band(from + "+", from + " jaar en +", index, from, null);
        }
        return new Band(from + "-" + to, from + " tot en met " + to + " jaar", index, from, to);
    }
}
