package be.vdab.okot.runner.demo;

import be.vdab.okot.runner.http.OkotClient;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a {@link QuestionCheck} compares with: the published tables (shipped in okot-reference, or a copy of
 * {@code shared/reference}), the live figures of stats-service (as analyst), and the tally of cells compared and
 * of differences, each naming the table, the row, the column and both values.
 */
public final class CellCheck {

    private final String statsUrl;
    private final String analystToken;
    private final Path referenceDir;
    private final int fromYear;
    private final int toYear;
    private final OkotClient client = new OkotClient();
    private final List<String> differences = new ArrayList<>();
    /** Cells two published answers contradict each other on: table|row|column → why. */
    private final Map<String, String> contradictions = new java.util.HashMap<>();
    private final List<String> contradicted = new ArrayList<>();
    private int cells;
    private int figures;

    /** @param referenceDir a copy of {@code shared/reference}; {@code null} for the tables shipped in okot-reference */
    CellCheck(String statsUrl, String analystToken, Path referenceDir, int fromYear, int toYear) {
        this.statsUrl = statsUrl;
        this.analystToken = analystToken;
        this.referenceDir = referenceDir;
        this.fromYear = fromYear;
        this.toYear = toYear;
    }

    /** The first year the demo loaded: a question checks only what lies in {@code fromYear}..{@code toYear}. */
    public int fromYear() {
        return fromYear;
    }

    public int toYear() {
        return toYear;
    }

    /** Whether the demo loaded all of {@code first}..{@code last}. */
    public boolean covers(int first, int last) {
        return fromYear <= first && last <= toYear;
    }

    /** A published table by its file name without {@code .csv}. */
    public PublishedTables.Table table(String name) {
        return PublishedTables.load(referenceDir, name);
    }

    /**
     * {@code GET statsUrl + path} with these query parameters, as analyst, through the runner's client (sent again
     * on a 5xx or no answer for up to 3 minutes, {@link be.vdab.okot.runner.http.RetryPolicy#DEFAULT}).
     *
     * @throws OkotClient.CallFailed when stats-service refuses the query (a 4xx) or gives no 2xx answer in time
     */
    public JsonNode get(String path, Map<String, String> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return client.send("GET", URI.create(statsUrl + path + query), null, analystToken, null,
                Duration.ofSeconds(60));
    }

    /** A number as a JSON node, for values a check computes from an answer (a sum of rows). */
    public JsonNode number(long value) {
        return client.json().getNodeFactory().numberNode(value);
    }

    /**
     * One published table cell against the platform's value, exactly. A blank published cell is not compared
     * (published as empty); {@code actual} null or missing is "no such row".
     */
    public void compare(String table, String row, String column, String published, JsonNode actual) {
        compare(table, row, column, published, actual, -1, false);
    }

    /**
     * As {@link #compare}, the platform's value rounded half-up to {@code decimals} first: the API gives rates with
     * two decimals, some tables publish one.
     */
    public void compareRounded(String table, String row, String column, String published, JsonNode actual,
                               int decimals) {
        compare(table, row, column, published, actual, decimals, false);
    }

    /** A published figure outside the tables (a number in an answer's text), exactly. */
    public void compareFigure(String source, String what, String column, String published, JsonNode actual) {
        compare(source, what, column, published, actual, -1, true);
    }

    private void compare(String table, String row, String column, String published, JsonNode actual, int decimals,
                         boolean figure) {
        if (published == null || published.isBlank()) {
            return;
        }
        if (figure) {
            figures++;
        } else {
            cells++;
        }
        boolean present = actual != null && !actual.isMissingNode() && !actual.isNull();
        BigDecimal value = present ? actual.decimalValue() : null;
        if (value != null && decimals >= 0) {
            value = value.setScale(decimals, RoundingMode.HALF_UP);
        }
        if (value == null || new BigDecimal(published).compareTo(value) != 0) {
            String difference = String.format("%s%s, row '%s', column %s: published %s, platform %s", table,
                    figure ? "" : ".csv", row, column, published, present ? actual.asText() : "no such row");
            String why = contradictions.get(table + "|" + row + "|" + column);
            if (why != null) {
                contradicted.add(difference + " (" + why + ")");
            } else {
                differences.add(difference);
            }
        }
    }

    /**
     * Declares a cell that one population cannot give because another published answer contradicts it (the two
     * answers were given at different times and count differently, INDEX.md §2): when it differs, it is reported
     * among the {@linkplain PublishedFiguresCheck.Result#contradictions() contradictions} with {@code why}, not among
     * the differences. Declare before comparing.
     */
    public void contradiction(String table, String row, String column, String why) {
        contradictions.put(table + "|" + row + "|" + column, why);
    }

    /** A difference that is no single cell (a row the platform has and the table does not). */
    public void difference(String description) {
        differences.add(description);
    }

    PublishedFiguresCheck.Result result() {
        return new PublishedFiguresCheck.Result(cells, figures, List.copyOf(differences), List.copyOf(contradicted));
    }
}
