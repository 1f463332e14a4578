package be.vdab.okot.runner.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Question 562 (8 March 2021): every cell of its tables against what stats-service answers now — detail rows by
 * their published label, the published total row with the answer's total, and no unpublished row with a count where
 * the table lists every value — the yearly series 2013–2020, the offers matrix (answer 1) and the euro spent in 2020
 * (answer 3, F9). Planned by {@link Question562Planner} and {@link SpendingPlanner}.
 */
public final class Question562Check implements QuestionCheck {

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

    @Override
    public void check(CellCheck cells) {
        if (cells.covers(DETAIL_YEAR, DETAIL_YEAR)) {
            BREAKDOWNS.forEach(table -> checkBreakdown(cells, table));
            checkOffers(cells);
        }
        SERIES.forEach((file, figure) -> checkSeries(cells, file, figure[0], figure[1]));
        checkSpending(cells);
    }

    private static void checkBreakdown(CellCheck cells, BreakdownTable table) {
        PublishedTables.Table published = cells.table(table.file());
        for (Part part : table.parts()) {
            Map<String, String> parameters = new LinkedHashMap<>(part.parameters());
            parameters.put("year", Integer.toString(DETAIL_YEAR));
            parameters.put("by", table.by());
            JsonNode answer = cells.get("/stats/" + table.figure(), parameters);
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
                    cells.compare(table.file(), row.get(0), column, cell, value);
                });
            }
            if (table.everyValue()) {
                rows.forEach((label, row) -> {
                    long count = row.has("value") ? row.path("value").asLong() : row.path("closedClusters").asLong();
                    if (!publishedLabels.contains(label) && count != 0) {
                        cells.difference(table.file() + ".csv: the platform has a row '" + label + "' (" + count
                                + ") that is not published" + describe(part));
                    }
                });
            }
        }
    }

    /** Answer 1: the course × province matrix of offers with row and column totals. */
    private static void checkOffers(CellCheck cells) {
        String file = "q562_2020_trajectories_by_province";
        PublishedTables.Table published = cells.table(file);
        JsonNode answer = cells.get("/stats/offers", Map.of("year", Integer.toString(DETAIL_YEAR), "by", "course,province"));
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
                cells.compare(file, row.get(0), name, row.get(column), cells.number(actual));
            }
        }
    }

    private static void checkSeries(CellCheck cells, String file, String figure, String measure) {
        PublishedTables.Table published = cells.table(file);
        Map<Integer, BigDecimal> series = published.series();
        int first = Math.max(cells.fromYear(), series.keySet().stream().min(Integer::compare).orElseThrow());
        int last = Math.min(cells.toYear(), series.keySet().stream().max(Integer::compare).orElseThrow());
        if (first > last) {
            return;
        }
        JsonNode answers = cells.get("/stats/" + figure + "/evolution", Map.of("fromYear", Integer.toString(first),
                "toYear", Integer.toString(last)));
        Map<Integer, JsonNode> byYear = new HashMap<>();
        answers.forEach(answer -> byYear.put(
                Integer.parseInt(answer.path("period").path("from").asText().substring(0, 4)), answer.path("total")));
        for (int year = first; year <= last; year++) {
            JsonNode total = byYear.get(year);
            JsonNode value = total == null ? null : total.isValueNode() ? total : total.path(measure);
            cells.compare(file, Integer.toString(year), published.header().get(1), series.get(year).toPlainString(), value);
        }
    }

    /** F9: the euro spent in each year with a published amount (question 562, answer 3: 2020). */
    private static void checkSpending(CellCheck cells) {
        SpendingPlanner.PUBLISHED.forEach((year, spent) -> {
            if (cells.covers(year, year)) {
                cells.compareFigure("q562 answer 3 (text)", "spent on OKOT trajectories", Integer.toString(year), spent.toPlainString(),
                        cells.get("/stats/spending", Map.of("year", Integer.toString(year))).path("total"));
            }
        });
    }

    private static String describe(Part part) {
        return part.parameters().isEmpty() ? "" : " " + part.parameters();
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
