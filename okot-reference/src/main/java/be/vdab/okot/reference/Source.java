package be.vdab.okot.reference;

import java.time.LocalDate;

/**
 * Where a published table comes from, as {@code INDEX.md} §1 lists it (shipped as {@code sources.csv}).
 *
 * @param table        the table's name: its CSV file name without {@code .csv}, e.g. {@code q562_2020_starts_by_age}
 * @param question     the number of the written question in the Flemish Parliament: 562, 74 or 315
 * @param seedFile     the seed document in {@code shared/seeds/} the table was transcribed from, e.g.
 *                     {@code 000_994cdb96f1af334d.txt}
 * @param questionDate the date of the written question (562: 8 March 2021, 74: 14 October 2022, 315: 12 January 2021)
 * @param answer       the part of the answer that prints the table, as INDEX.md numbers it: {@code 1}, {@code 5a},
 *                     {@code 8d} …; tables of one answer part split by year share it (q315 {@code 1a} for 2019 and 2020)
 * @param counted      what the table counts, in English, as INDEX.md describes it (units, years, breakdown)
 */
public record Source(String table, int question, String seedFile, LocalDate questionDate, String answer, String counted) {
}
