package be.vdab.okot.runner.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain-text table of latency distributions, one row per measured thing: the row's labels (left-aligned),
 * then successes {@code n}, {@code errors}, optionally the achieved rate per second, and p50, p99 and max in
 * milliseconds (right-aligned). Under the table, one line per kind of error with its first example: an error
 * is counted, never timed.
 */
public final class PercentileTable {

    private record Row(List<String> labels, Latencies latencies, Double ratePerSecond) {
    }

    private final List<String> labelHeaders;
    private final boolean rateColumn;
    private final List<Row> rows = new ArrayList<>();

    private PercentileTable(List<String> labelHeaders, boolean rateColumn) {
        this.labelHeaders = List.copyOf(labelHeaders);
        this.rateColumn = rateColumn;
    }

    /** A table whose rows carry these labels. */
    public static PercentileTable withLabels(String... headers) {
        return new PercentileTable(List.of(headers), false);
    }

    /** A table whose rows carry these labels and an achieved rate (column {@code rate/s}). */
    public static PercentileTable withLabelsAndRate(String... headers) {
        return new PercentileTable(List.of(headers), true);
    }

    /** Adds a row; {@code labels} as many as the headers. */
    public PercentileTable add(Latencies latencies, String... labels) {
        return add(latencies, null, labels);
    }

    /** Adds a row with its achieved rate per second ({@code null}: not applicable, shown as {@code -}). */
    public PercentileTable add(Latencies latencies, Double ratePerSecond, String... labels) {
        if (labels.length != labelHeaders.size()) {
            throw new IllegalArgumentException("Expected " + labelHeaders.size() + " labels, got " + labels.length);
        }
        rows.add(new Row(List.of(labels), latencies, ratePerSecond));
        return this;
    }

    /** The table, each line indented by two spaces and ended by a line break. */
    public String render() {
        List<String> headers = new ArrayList<>(labelHeaders);
        headers.addAll(List.of("n", "errors"));
        if (rateColumn) {
            headers.add("rate/s");
        }
        headers.addAll(List.of("p50 ms", "p99 ms", "max ms"));
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            List<String> line = new ArrayList<>(row.labels());
            Latencies latencies = row.latencies();
            line.add(Long.toString(latencies.count()));
            line.add(Long.toString(latencies.errorCount()));
            if (rateColumn) {
                line.add(row.ratePerSecond() == null ? "-" : String.format(Locale.ROOT, "%.1f", row.ratePerSecond()));
            }
            line.add(millis(latencies.percentileMillis(50)));
            line.add(millis(latencies.percentileMillis(99)));
            line.add(millis(latencies.maxMillis()));
            cells.add(line);
        }
        int[] widths = new int[headers.size()];
        for (int column = 0; column < headers.size(); column++) {
            widths[column] = headers.get(column).length();
            for (List<String> line : cells) {
                widths[column] = Math.max(widths[column], line.get(column).length());
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, headers, widths);
        cells.forEach(line -> line(text, line, widths));
        for (Row row : rows) {
            Map<String, String> examples = row.latencies().errorExamples();
            row.latencies().errors().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(error -> {
                text.append("  ! ").append(String.join(" ", row.labels())).append(": ").append(error.getKey())
                        .append(" ×").append(error.getValue());
                String example = examples.get(error.getKey());
                if (example != null) {
                    text.append(" (first: ").append(example.replaceAll("\\s+", " ")).append(')');
                }
                text.append('\n');
            });
        }
        return text.toString();
    }

    private void line(StringBuilder text, List<String> line, int[] widths) {
        StringBuilder row = new StringBuilder(" ");
        for (int column = 0; column < line.size(); column++) {
            String cell = line.get(column);
            String padding = " ".repeat(widths[column] - cell.length());
            row.append(' ').append(column < labelHeaders.size() ? cell + padding : padding + cell);
        }
        text.append(row.toString().stripTrailing()).append('\n');
    }

    /** Milliseconds with two decimals below 10, one below 100, none above; {@code -} for no value. */
    static String millis(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        String format = millis < 10 ? "%.2f" : millis < 100 ? "%.1f" : "%.0f";
        return String.format(Locale.ROOT, format, millis);
    }
}
