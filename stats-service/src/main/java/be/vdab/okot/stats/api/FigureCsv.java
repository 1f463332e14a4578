package be.vdab.okot.stats.api;

import be.vdab.okot.stats.api.FigureAnswer.OutflowMeasures;
import be.vdab.okot.stats.api.FigureAnswer.Row;

import java.util.ArrayList;
import java.util.List;

/** A figure as a CSV table: one column per breakdown (label and code), the value(s), a total row. */
final class FigureCsv {

    private FigureCsv() {
    }

    static String write(FigureAnswer answer) {
        boolean outflow = answer.total() instanceof OutflowMeasures;
        List<String> columns = new ArrayList<>();
        if ("funnel".equals(answer.figure()) || "knelpunt".equals(answer.figure())) {
            columns.add("step");
            columns.add("step_code");
        }
        for (String dimension : answer.by()) {
            columns.add(dimension);
            columns.add(dimension + "_code");
        }
        columns.addAll(outflow ? List.of("closed_clusters", "at_work", "rate") : List.of("value"));
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        for (Row row : answer.rows()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.key().size(); i++) {
                cells.add(quote(row.label().get(i)));
                cells.add(quote(row.key().get(i)));
            }
            if (outflow) {
                cells.add(Long.toString(row.closedClusters()));
                cells.add(Long.toString(row.atWork()));
                cells.add(row.rate() == null ? "" : row.rate().toPlainString());
            } else {
                cells.add(Long.toString(row.value()));
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        List<String> total = new ArrayList<>();
        total.add("Totaal");
        while (total.size() < columns.size() - (outflow ? 3 : 1)) {
            total.add("");
        }
        if (answer.total() instanceof OutflowMeasures measures) {
            total.add(Long.toString(measures.closedClusters()));
            total.add(Long.toString(measures.atWork()));
            total.add(measures.rate() == null ? "" : measures.rate().toPlainString());
        } else {
            total.add(String.valueOf(answer.total()));
        }
        return csv.append(String.join(",", total)).append('\n').toString();
    }

    private static String quote(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
