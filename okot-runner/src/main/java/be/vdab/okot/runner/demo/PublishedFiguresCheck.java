package be.vdab.okot.runner.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Compares every cell of the published tables of question 562 with what stats-service answers
 * now: detail rows by their published label, the published total row with the answer's total,
 * and no unpublished row with a count where the table lists every value. Each difference names
 * the table, the row, the column and both values.
 */
public final class PublishedFiguresCheck {

    /**
     * The outcome: how many cells of the published tables were compared, how many published figures outside a table
     * (F9's spending per year, {@link SpendingPlanner#PUBLISHED}), and which differ.
     */
    public record Result(int cellsChecked, int figuresChecked, List<String> differences) {
        public boolean matches() {
            return differences.isEmpty();
        }
    }

    /** One query of a table: its parameters and which answer measure each published column holds. */
    private record Part(Map<String, String> parameters, Map<String, String> measureByColumn) {
    }

    /** A published table of counts per label, answered by one figure broken down one way. */
    private record BreakdownTable(String file, String figure, String by, UnaryOperator<String> label, boolean everyValue,
                                  List<Part> parts) {
    }

    private static final int DETAIL_YEAR = 2020;
    private static final Map<String, String> PROVINCE_BY_COLUMN = Map.of("ant", "ANT", "lim", "LIM", "ovl", "OVL",
            "vl_br", "VBR", "wvl", "WVL", "bxl", "BXL");

    private static final List<BreakdownTable> BREAKDOWNS = List.of(
            counts("q562_2020_starts_by_age", "starts", "age5", "unique_learners"),
            counts("q562_2020_starts_by_gender", "starts", "gender", "unique_learners"),
            counts("q562_2020_starts_by_okot_type", "starts", "type", "unique_learners"),
            counts("q562_2020_graduates_by_age", "diplomas", "age5", "passed_trajectories"),
            counts("q562_2020_graduates_by_gender", "diplomas", "gender", "passed_trajectories"),
            counts("q562_2020_graduates_by_okot_type", "diplomas", "type", "passed_trajectories"),
            counts("q562_2020_dropouts_by_age", "dropouts", "age5", "dropouts"),
            counts("q562_2020_dropouts_by_gender", "dropouts", "gender", "dropouts"),
            counts("q562_2020_dropouts_by_okot_type", "dropouts", "type", "dropouts"),
            // the published top 5 of the reasons: the other reasons are in the total only
            new BreakdownTable("q562_2020_dropouts_by_reason", "dropouts", "reason", UnaryOperator.identity(), false,
                    List.of(new Part(Map.of(), Map.of("dropouts", "value")))),
            outflow("q562_2020_outflow_by_age", "age5", UnaryOperator.identity(), "", "POSITIVE"),
            outflow("q562_2020_outflow_by_gender", "gender", label -> label.substring(0, 1), "", "POSITIVE"),
            new BreakdownTable("q562_2020_outflow_by_okot_type", "outflow", "type", UnaryOperator.identity(), true,
                    List.of(outflowPart("pos_", "POSITIVE"), outflowPart("nonpos_", "NON_POSITIVE"))));

    /** Yearly series: file → figure and the measure of the answer's total. */
    private static final Map<String, String[]> SERIES = new LinkedHashMap<>();

    static {
        SERIES.put("q562_starts_by_year_2013_2020", new String[]{"starts", "value"});
        SERIES.put("q562_diplomas_by_year_2014_2020", new String[]{"diplomas", "value"});
        SERIES.put("q562_dropouts_by_year_2014_2020", new String[]{"dropouts", "value"});
        SERIES.put("q562_outflow_rate_by_year_2014_2020", new String[]{"outflow", "rate"});
    }

    private final String statsUrl;
    private final String analystToken;
    private final Path referenceDir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> differences = new ArrayList<>();
    private int cells;

    /** @param referenceDir a copy of {@code shared/reference}; {@code null} for the tables shipped in okot-reference */
    public PublishedFiguresCheck(String statsUrl, String analystToken, Path referenceDir) {
        this.statsUrl = statsUrl;
        this.analystToken = analystToken;
        this.referenceDir = referenceDir;
    }

    /** Every published cell of the years {@code fromYear}..{@code toYear}. */
    public Result check(int fromYear, int toYear) {
        if (fromYear <= DETAIL_YEAR && DETAIL_YEAR <= toYear) {
            BREAKDOWNS.forEach(this::checkBreakdown);
            checkOffers();
        }
        SERIES.forEach((file, figure) -> checkSeries(file, figure[0], figure[1], fromYear, toYear));
        int tableCells = cells;
        checkSpending(fromYear, toYear);
        return new Result(tableCells, cells - tableCells, List.copyOf(differences));
    }

    private void checkBreakdown(BreakdownTable table) {
        PublishedTables.Table published = load(table.file());
        for (Part part : table.parts()) {
            Map<String, String> parameters = new LinkedHashMap<>(part.parameters());
            parameters.put("year", Integer.toString(DETAIL_YEAR));
            parameters.put("by", table.by());
            JsonNode answer = get("/stats/" + table.figure(), parameters);
            Map<String, JsonNode> rows = new HashMap<>();
            answer.path("rows").forEach(row -> rows.put(row.path("label").path(0).asText(), row));
            List<String> publishedLabels = new ArrayList<>();
            for (List<String> row : published.rows()) {
                boolean total = row.get(row.size() - 1).equals("total");
                String label = table.label().apply(row.get(0));
                publishedLabels.add(label);
                JsonNode actual = total ? answer.path("total") : rows.get(label);
                part.measureByColumn().forEach((column, measure) -> {
                    String cell = row.get(published.header().indexOf(column));
                    JsonNode value = actual == null ? null : actual.isValueNode() ? actual : actual.path(measure);
                    compare(table.file(), row.get(0), column, cell, value);
                });
            }
            if (table.everyValue()) {
                rows.forEach((label, row) -> {
                    long count = row.has("value") ? row.path("value").asLong() : row.path("closedClusters").asLong();
                    if (!publishedLabels.contains(label) && count != 0) {
                        differences.add(table.file() + ".csv: the platform has a row '" + label + "' (" + count
                                + ") that is not published" + describe(part));
                    }
                });
            }
        }
    }

    /** Answer 1: the course × province matrix of offers with row and column totals. */
    private void checkOffers() {
        String file = "q562_2020_trajectories_by_province";
        PublishedTables.Table published = load(file);
        JsonNode answer = get("/stats/offers", Map.of("year", Integer.toString(DETAIL_YEAR), "by", "course,province"));
        Map<String, Long> cellsByCourseAndProvince = new HashMap<>();
        Map<String, Long> byCourse = new HashMap<>();
        Map<String, Long> byProvince = new HashMap<>();
        for (JsonNode row : answer.path("rows")) {
            String course = row.path("label").path(0).asText();
            String province = row.path("label").path(1).asText();
            long value = row.path("value").asLong();
            cellsByCourseAndProvince.merge(course + "|" + province, value, Long::sum);
            byCourse.merge(course, value, Long::sum);
            byProvince.merge(province, value, Long::sum);
        }
        for (List<String> row : published.rows()) {
            boolean total = row.get(row.size() - 1).equals("total");
            for (int column = 1; column < published.header().size() - 1; column++) {
                String name = published.header().get(column);
                String province = PROVINCE_BY_COLUMN.get(name);
                long actual;
                if (total) {
                    actual = province != null ? byProvince.getOrDefault(province, 0L) : answer.path("total").asLong();
                } else {
                    actual = province != null ? cellsByCourseAndProvince.getOrDefault(row.get(0) + "|" + province, 0L)
                            : byCourse.getOrDefault(row.get(0), 0L);
                }
                compare(file, row.get(0), name, row.get(column), json.getNodeFactory().numberNode(actual));
            }
        }
    }

    private void checkSeries(String file, String figure, String measure, int fromYear, int toYear) {
        PublishedTables.Table published = load(file);
        Map<Integer, BigDecimal> series = published.series();
        int first = Math.max(fromYear, series.keySet().stream().min(Integer::compare).orElseThrow());
        int last = Math.min(toYear, series.keySet().stream().max(Integer::compare).orElseThrow());
        if (first > last) {
            return;
        }
        JsonNode answers = get("/stats/" + figure + "/evolution", Map.of("fromYear", Integer.toString(first),
                "toYear", Integer.toString(last)));
        Map<Integer, JsonNode> byYear = new HashMap<>();
        answers.forEach(answer -> byYear.put(
                Integer.parseInt(answer.path("period").path("from").asText().substring(0, 4)), answer.path("total")));
        for (int year = first; year <= last; year++) {
            JsonNode total = byYear.get(year);
            JsonNode value = total == null ? null : total.isValueNode() ? total : total.path(measure);
            compare(file, Integer.toString(year), published.header().get(1), series.get(year).toPlainString(), value);
        }
    }

    /** F9: the euro spent in each year with a published amount (question 562, answer 3: 2020). */
    private void checkSpending(int fromYear, int toYear) {
        SpendingPlanner.PUBLISHED.forEach((year, spent) -> {
            if (fromYear <= year && year <= toYear) {
                compare("q562 answer 3 (text)", "spent on OKOT trajectories", Integer.toString(year), spent.toPlainString(),
                        get("/stats/spending", Map.of("year", Integer.toString(year))).path("total"));
            }
        });
    }

    private void compare(String file, String row, String column, String published, JsonNode actual) {
        if (published == null || published.isBlank()) {
            return; // blank as published: nothing to compare
        }
        cells++;
        boolean same = actual != null && !actual.isMissingNode() && !actual.isNull()
                && new BigDecimal(published).compareTo(actual.decimalValue()) == 0;
        if (!same) {
            differences.add(String.format("%s.csv, row '%s', column %s: published %s, platform %s", file, row, column,
                    published, actual == null || actual.isMissingNode() ? "no such row" : actual.asText()));
        }
    }

    private static String describe(Part part) {
        return part.parameters().isEmpty() ? "" : " " + part.parameters();
    }

    private PublishedTables.Table load(String name) {
        return PublishedTables.load(referenceDir, name);
    }

    private JsonNode get(String path, Map<String, String> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(statsUrl + path + query))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + analystToken)
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + query + " → " + response.statusCode() + " " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted");
        }
    }

    private static BreakdownTable counts(String file, String figure, String by, String column) {
        return new BreakdownTable(file, figure, by, UnaryOperator.identity(), true,
                List.of(new Part(Map.of(), Map.of(column, "value"))));
    }

    private static BreakdownTable outflow(String file, String by, UnaryOperator<String> label, String prefix,
                                          String ending) {
        return new BreakdownTable(file, "outflow", by, label, true, List.of(outflowPart(prefix, ending)));
    }

    private static Part outflowPart(String prefix, String ending) {
        return new Part(Map.of("ending", ending), Map.of(prefix + "closed_clusters", "closedClusters",
                prefix + "outflow_work_3m", "atWork", prefix + "outflow_work_3m_pct", "rate"));
    }
}
