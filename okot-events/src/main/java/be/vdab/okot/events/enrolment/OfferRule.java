package be.vdab.okot.events.enrolment;

import be.vdab.okot.events.Province;

import java.time.LocalDate;

/**
 * F5, training offers (<i>opgezette OKOT-trajecten</i>, figures.md; question 562 answer 1, seed 000: 171 offers
 * in 2020, the course × province matrix with row and column totals).
 * <ul>
 *   <li>Unit: the <b>offer</b>, a course recognised in a province in a year ({@link #unit}); the same offer
 *       published twice is one offer.</li>
 *   <li>A period counts the offers of every calendar year it touches ({@link #countsIn}): a range within 2020
 *       counts the 2020 offers, a range over two years the offers of both.</li>
 *   <li>Breakdown values (type, province, course, sector) are those of the course; the reference date is
 *       1 January of the offer's year ({@link #referenceDate}). Offers have no person, so no age or gender.</li>
 * </ul>
 * Pure: plain values in, values out.
 */
public final class OfferRule {

    private OfferRule() {
    }

    /** The key an offer counts once under: {@code year:courseCode:province}, e.g. {@code 2020:9080:ANT}. */
    public static String unit(int year, String courseCode, Province province) {
        return year + ":" + courseCode + ":" + province;
    }

    /** Whether the offer of {@code year} counts in the period {@code from}–{@code to} (both included). */
    public static boolean countsIn(int year, LocalDate from, LocalDate to) {
        return from.getYear() <= year && year <= to.getYear();
    }

    /** The day an offer's breakdown values are taken on: 1 January of its year. */
    public static LocalDate referenceDate(int year) {
        return LocalDate.of(year, 1, 1);
    }
}
