package be.vdab.okot.stats.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The answer of {@code GET /stats/{figure}} (api.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FigureAnswer(
        String figure,
        String unit,
        PeriodView period,
        List<String> by,
        Map<String, String> filters,
        List<Row> rows,
        long total,
        boolean provisional,
        Instant asOf) {

    public record PeriodView(LocalDate from, LocalDate to) {
    }

    /** One cell: the stable codes of its breakdown values, their published labels, the value. */
    public record Row(List<String> key, List<String> label, long value) {
    }
}
