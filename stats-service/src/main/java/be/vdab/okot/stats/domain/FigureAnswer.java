package be.vdab.okot.stats.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A computed figure, as {@code GET /stats/{figure}} answers it (api.md): the domain produces it, the API writes it as
 * JSON (the annotations give its field order) or CSV ({@code api.FigureCsv}).
 *
 * <p>{@code persons} (diplomas and drop-outs only, {@link FigureKind#hasPersonsMeasure}): the distinct persons among
 * the contracts the total counts, beside the total, which stays the sum of contracts (figures.md F2, F3); each row
 * has its own. Unit: persons. Why: question 74 publishes its drop-outs with a Totaal de-duplicated per person.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"figure", "unit", "period", "by", "filters", "rows", "total", "persons", "provisional", "asOf", "compare"})
public record FigureAnswer(
        String figure,
        String unit,
        PeriodView period,
        List<String> by,
        Map<String, String> filters,
        List<Row> rows,
        Object total,
        @Schema(description = "diplomas and dropouts only: the distinct persons among the contracts the total counts "
                + "(persons; the total stays the sum of contracts); absent for the other figures")
        Long persons,
        boolean provisional,
        Instant asOf,
        Comparison compare) {

    public record PeriodView(LocalDate from, LocalDate to) {
    }

    /**
     * One cell: the stable codes of its breakdown values, their published labels, and the value (a count, or for
     * spending euro with two decimals), for diplomas and drop-outs with the distinct persons among its contracts;
     * for outflow closed clusters, at work and the rate instead of a value.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(List<String> key, List<String> label, Number value,
                      @Schema(description = "diplomas and dropouts only: the distinct persons among the contracts the "
                              + "row's value counts (persons); absent for the other figures")
                      Long persons,
                      Long closedClusters, Long atWork, BigDecimal rate) {

        /** A row of a figure without a persons measure. */
        public Row(List<String> key, List<String> label, Number value, Long closedClusters, Long atWork, BigDecimal rate) {
            this(key, label, value, null, closedClusters, atWork, rate);
        }
    }

    /** The total of outflow, with the same measures as its rows. */
    public record OutflowMeasures(long closedClusters, long atWork, BigDecimal rate) {
    }

    /**
     * {@code compare=previous-year}: the same period a year earlier (its rows, total and, for diplomas and drop-outs, its
     * persons), and this period's total minus that one's.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Comparison(String with, PeriodView period, List<Row> rows, Object total,
                             @Schema(description = "diplomas and dropouts only: the previous period's distinct persons")
                             Long persons,
                             Object difference,
                             @Schema(description = "diplomas and dropouts only: this period's distinct persons minus the previous period's")
                             Long differencePersons) {
    }

    /**
     * This period's measures minus the previous period's: a count (persons or contracts) or, for outflow,
     * closed clusters, at work and the rate (empty when either rate is); for spending, euro.
     */
    public static Object difference(Object now, Object before) {
        if (now instanceof OutflowMeasures a && before instanceof OutflowMeasures b) {
            return new OutflowMeasures(a.closedClusters() - b.closedClusters(), a.atWork() - b.atWork(),
                    a.rate() == null || b.rate() == null ? null : a.rate().subtract(b.rate()));
        }
        if (now instanceof BigDecimal || before instanceof BigDecimal) {
            return euro(now).subtract(euro(before)); // F9; a row lacking in one period counts 0
        }
        return (Long) now - (Long) before;
    }

    private static BigDecimal euro(Object value) {
        return value instanceof BigDecimal euro ? euro : BigDecimal.valueOf((Long) value, 2);
    }

    public FigureAnswer withComparison(Comparison comparison) {
        return new FigureAnswer(figure, unit, period, by, filters, rows, total, persons, provisional, asOf, comparison);
    }
}
