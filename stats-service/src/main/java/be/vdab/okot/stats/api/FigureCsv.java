package be.vdab.okot.stats.api;

import be.vdab.okot.stats.api.FigureAnswer.OutflowMeasures;
import be.vdab.okot.stats.api.FigureAnswer.Row;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A figure as a CSV table (RFC 4180, comma, LF line ends): label columns first (for funnel and knelpunt the
 * step, then per breakdown its label and code), then the measures (the value; for outflow closed clusters, at
 * work and the rate), one line per row and a last line with the total, marked {@code Totaal} in the first
 * label column. A figure without label columns (no breakdown) has one cell, its total: the table is the
 * header and that one line. Every line has exactly as many fields as the header.
 */
final class FigureCsv {

    private static final List<String> OUTFLOW_MEASURES = List.of("closed_clusters", "at_work", "rate");
    private static final List<String> VALUE = List.of("value");

    private FigureCsv() {
    }

    static String write(FigureAnswer answer) {
        boolean outflow = answer.total() instanceof OutflowMeasures;
        List<String> labelColumns = new ArrayList<>();
        if ("funnel".equals(answer.figure()) || "knelpunt".equals(answer.figure())) {
            labelColumns.add("step");
            labelColumns.add("step_code");
        }
        for (String dimension : answer.by()) {
            labelColumns.add(dimension);
            labelColumns.add(dimension + "_code");
        }
        List<String> header = new ArrayList<>(labelColumns);
        header.addAll(outflow ? OUTFLOW_MEASURES : VALUE);

        StringBuilder csv = new StringBuilder();
        line(csv, header, header.size());
        if (!labelColumns.isEmpty()) {
            for (Row row : answer.rows()) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.key().size(); i++) {
                    cells.add(row.label().get(i));
                    cells.add(row.key().get(i));
                }
                cells.addAll(outflow ? measures(row.closedClusters(), row.atWork(), row.rate())
                        : List.of(String.valueOf(row.value())));
                line(csv, cells, header.size());
            }
        }
        List<String> total = new ArrayList<>();
        if (!labelColumns.isEmpty()) {
            total.add("Totaal");
            total.addAll(Collections.nCopies(labelColumns.size() - 1, ""));
        }
        total.addAll(answer.total() instanceof OutflowMeasures measures
                ? measures(measures.closedClusters(), measures.atWork(), measures.rate())
                : List.of(String.valueOf(answer.total())));
        line(csv, total, header.size());
        return csv.toString();
    }

    private static List<String> measures(Long closedClusters, Long atWork, java.math.BigDecimal rate) {
        return List.of(String.valueOf(closedClusters), String.valueOf(atWork), rate == null ? "" : rate.toPlainString());
    }

    /** One line of exactly {@code width} fields; a line of another width is a bug of this class. */
    private static void line(StringBuilder csv, List<String> fields, int width) {
        if (fields.size() != width) {
            throw new IllegalStateException("a CSV line of " + fields.size() + " fields under a header of " + width);
        }
        for (int i = 0; i < fields.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(quote(fields.get(i)));
        }
        csv.append('\n');
    }

    private static String quote(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
