package be.vdab.okot.stats.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A computed figure, as {@code GET /stats/{figure}} answers it (api.md): the domain produces it, the API writes it as
 * JSON (the annotations give its field order) or CSV ({@code api.FigureCsv}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"figure", "unit", "period", "by", "filters", "rows", "total", "provisional", "asOf", "compare"})
public record FigureAnswer(
        String figure,
        String unit,
        PeriodView period,
        List<String> by,
        Map<String, String> filters,
        List<Row> rows,
        Object total,
        boolean provisional,
        Instant asOf,
        Comparison compare) {

    public record PeriodView(LocalDate from, LocalDate to) {
    }

    /**
     * One cell: the stable codes of its breakdown values, their published labels, and the value (a count, or for
     * spending euro with two decimals);
     * for outflow closed clusters, at work and the rate instead of a value.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(List<String> key, List<String> label, Number value, Long closedClusters, Long atWork, BigDecimal rate) {
    }

    /** The total of outflow, with the same measures as its rows. */
    public record OutflowMeasures(long closedClusters, long atWork, BigDecimal rate) {
    }

    /** {@code compare=previous-year}: the same period a year earlier, and this period minus that one. */
    public record Comparison(String with, PeriodView period, List<Row> rows, Object total, Object difference) {
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
        return new FigureAnswer(figure, unit, period, by, filters, rows, total, provisional, asOf, comparison);
    }
}
