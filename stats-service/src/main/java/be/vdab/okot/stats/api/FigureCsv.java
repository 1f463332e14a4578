package be.vdab.okot.stats.api;

import be.vdab.okot.stats.domain.FigureAnswer;
import be.vdab.okot.stats.domain.FigureAnswer.OutflowMeasures;
import be.vdab.okot.stats.domain.FigureAnswer.Row;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A figure as a CSV table (RFC 4180, comma, LF line ends): label columns first (for funnel and knelpunt the
 * step, then per breakdown its label and code), then the measures (the value; for outflow closed clusters, at
 * work and the rate), one line per row and a last line with the total, marked {@code Totaal} in the first
 * label column. Diplomas and drop-outs have a second measure, {@code persons} (the distinct persons among the
 * contracts of the row or total, {@link FigureAnswer#persons()}), after the value. A figure without label columns (no breakdown) has one cell, its total: the table is the
 * header and that one line. With {@code compare=previous-year} the measures are followed by the same measures
 * of the previous year ({@code previous_…}) and the difference ({@code difference_…}); a row present in one
 * year only counts 0 in the other (its rate stays empty). Every line has exactly as many fields as the header.
 */
final class FigureCsv {

    private static final List<String> OUTFLOW_MEASURES = List.of("closed_clusters", "at_work", "rate");
    private static final List<String> VALUE = List.of("value");
    private static final List<String> VALUE_AND_PERSONS = List.of("value", "persons");
    private static final java.util.regex.Pattern FORMULA = java.util.regex.Pattern.compile("[=@\t\r]|[+-](?![0-9 ])");

    private FigureCsv() {
    }

    static String write(FigureAnswer answer) {
        boolean outflow = answer.total() instanceof OutflowMeasures;
        boolean persons = answer.persons() != null; // F2, F3
        Object zero = outflow ? new OutflowMeasures(0, 0, null) : persons ? new Counts(0L, 0L)
                : answer.total() instanceof java.math.BigDecimal ? java.math.BigDecimal.valueOf(0, 2) : (Object) 0L; // F9: euro
        FigureAnswer.Comparison comparison = answer.compare();
        List<String> labelColumns = new ArrayList<>();
        if ("funnel".equals(answer.figure()) || "knelpunt".equals(answer.figure())) {
            labelColumns.add("step");
            labelColumns.add("step_code");
        }
        for (String dimension : answer.by()) {
            labelColumns.add(dimension);
            labelColumns.add(dimension + "_code");
        }
        List<String> measureColumns = outflow ? OUTFLOW_MEASURES : persons ? VALUE_AND_PERSONS : VALUE;
        List<String> header = new ArrayList<>(labelColumns);
        header.addAll(measureColumns);
        if (comparison != null) {
            measureColumns.forEach(column -> header.add("previous_" + column));
            measureColumns.forEach(column -> header.add("difference_" + column));
        }

        StringBuilder csv = new StringBuilder();
        line(csv, header, header.size());
        if (!labelColumns.isEmpty()) {
            Map<List<String>, Row> previous = new LinkedHashMap<>();
            if (comparison != null) {
                comparison.rows().forEach(row -> previous.put(row.key(), row));
            }
            List<Row> rows = new ArrayList<>(answer.rows());
            Set<List<String>> current = new HashSet<>();
            answer.rows().forEach(row -> current.add(row.key()));
            previous.values().stream().filter(row -> !current.contains(row.key())).forEach(rows::add);
            for (Row row : rows) {
                boolean inCurrent = current.contains(row.key());
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.key().size(); i++) {
                    cells.add(row.label().get(i));
                    cells.add(row.key().get(i));
                }
                Object now = inCurrent ? rowMeasures(row, outflow, persons) : zero;
                cells.addAll(measures(now));
                if (comparison != null) {
                    Row before = previous.get(row.key());
                    Object then = before != null ? rowMeasures(before, outflow, persons) : zero;
                    cells.addAll(measures(then));
                    cells.addAll(measures(difference(now, then)));
                }
                line(csv, cells, header.size());
            }
        }
        List<String> total = new ArrayList<>();
        if (!labelColumns.isEmpty()) {
            total.add("Totaal");
            total.addAll(Collections.nCopies(labelColumns.size() - 1, ""));
        }
        Object totalNow = persons ? new Counts((Long) answer.total(), answer.persons()) : answer.total();
        total.addAll(measures(totalNow));
        if (comparison != null) {
            Object totalThen = persons ? new Counts((Long) comparison.total(), comparison.persons()) : comparison.total();
            total.addAll(measures(totalThen));
            total.addAll(measures(persons ? difference(totalNow, totalThen) : comparison.difference()));
        }
        line(csv, total, header.size());
        return csv.toString();
    }

    /** The contracts of a row or total of diplomas or drop-outs and the distinct persons among them. */
    private record Counts(Long value, Long persons) {
    }

    private static Object rowMeasures(Row row, boolean outflow, boolean persons) {
        return outflow ? new OutflowMeasures(row.closedClusters(), row.atWork(), row.rate())
                : persons ? new Counts((Long) row.value(), row.persons()) : (Object) row.value();
    }

    /** Now minus then, measure by measure ({@link FigureAnswer#difference}; persons as well). */
    private static Object difference(Object now, Object then) {
        return now instanceof Counts a && then instanceof Counts b
                ? new Counts(a.value() - b.value(), a.persons() - b.persons()) : FigureAnswer.difference(now, then);
    }

    private static List<String> measures(Object measures) {
        if (measures instanceof Counts counts) {
            return List.of(String.valueOf(counts.value()), String.valueOf(counts.persons()));
        }
        return measures instanceof OutflowMeasures outflow
                ? measures(outflow.closedClusters(), outflow.atWork(), outflow.rate())
                : List.of(String.valueOf(measures));
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

    /**
     * A cell as RFC 4180 writes it. Text that a spreadsheet would run as a formula (it starts with {@code =}, {@code @},
     * a tab or a carriage return, or with {@code +} or {@code -} not followed by a digit or a space: a course name is
     * an admin's free text) gets a leading apostrophe (OWASP's CSV injection advice); numbers ({@code -40.00}) and
     * published labels ({@code -25 jaar}) stay as they are.
     */
    static String quote(String value) {
        if (value == null) {
            return "";
        }
        if (FORMULA.matcher(value).lookingAt()) {
            value = "'" + value;
        }
        return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
