package be.vdab.okot.runner.demo;

import be.vdab.okot.events.AgeBandRule.Band;
import be.vdab.okot.events.outcome.KnelpuntRule.Count;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the 256 published cells of question 315 (seed 004, the 16 {@code q315_*} tables, INDEX.md §6) with
 * stats-service, figure F7 (figures.md):
 * <ul>
 *   <li>the four counts of 2019 and 2020 ({@code q315_knelpunt_*}): every age column and the {@code total} column of
 *       the M/V rows ({@code GET /stats/knelpunt?year=Y&by=module,age3&gender=M}, {@code by=module&gender=M}), of the
 *       module rows (the same without {@code gender}) and of Eindtotaal ({@code by=age3}, and no breakdown); rows are
 *       matched on the count (the first key) and the published labels; a cell the platform has no row for is 0;</li>
 *   <li>the outflow of all closed module clusters ({@code q315_outflow_general_Y}: {@code GET /stats/knelpunt-outflow?year=Y},
 *       its total's {@code closedClusters}, {@code atWork} and {@code rate});</li>
 *   <li>the stoppers' outflow by sex and by age ({@code &stopped=true&by=gender} / {@code by=age3}): count at work
 *       and rate per row, Eindtotaal from the answer's total.</li>
 * </ul>
 * Rates are published with one decimal and answered with two: compared at the published precision, half-up. A
 * blank published cell is not compared (the two blanks of the failed tables, INDEX.md §6.1).
 */
public final class Question315Check implements QuestionCheck {

    private static final Map<String, String> LABEL_BY_GENDER = Map.of("M", "Man", "V", "Vrouw");

    /** Compares the published years 2019 and 2020 that lie within the demo's years. */
    @Override
    public void check(CellCheck cells) {
        for (int year = Math.max(cells.fromYear(), Question315Planner.FIRST_YEAR);
             year <= Math.min(cells.toYear(), Question315Planner.LAST_YEAR); year++) {
            counts(cells, year);
            general(cells, year);
            stoppers(cells, year, "q315_outflow_stoppers_" + year + "_by_sex", "gender");
            stoppers(cells, year, "q315_outflow_stoppers_" + year + "_by_age", "age3");
        }
    }

    // ---------------------------------------------------------------- the four counts

    private void counts(CellCheck cells, int year) {
        String y = Integer.toString(year);
        Map<String, Map<String, JsonNode>> byGender = new HashMap<>();
        Map<String, Map<String, JsonNode>> byGenderModule = new HashMap<>();
        for (String gender : LABEL_BY_GENDER.keySet()) {
            byGender.put(gender, rows(cells.get("/stats/knelpunt", Map.of("year", y, "by", "module,age3", "gender", gender))));
            byGenderModule.put(gender, rows(cells.get("/stats/knelpunt", Map.of("year", y, "by", "module", "gender", gender))));
        }
        Map<String, JsonNode> byModuleAge = rows(cells.get("/stats/knelpunt", Map.of("year", y, "by", "module,age3")));
        Map<String, JsonNode> byModule = rows(cells.get("/stats/knelpunt", Map.of("year", y, "by", "module")));
        Map<String, JsonNode> byAge = rows(cells.get("/stats/knelpunt", Map.of("year", y, "by", "age3")));
        Map<String, JsonNode> byCount = rows(cells.get("/stats/knelpunt", Map.of("year", y)));

        for (Count count : Count.values()) {
            String name = Question315Planner.countTable(count, year);
            PublishedTables.Table table = cells.table(name);
            int moduleColumn = table.header().indexOf("module_nl");
            int sexColumn = table.header().indexOf("sex");
            for (List<String> row : table.rows()) {
                String type = row.get(row.size() - 1);
                String module = row.get(moduleColumn);
                String rowLabel = row.get(table.header().indexOf("row_label_nl"))
                        + (type.equals("detail") ? " (" + module + ")" : "");
                for (int column = 0; column < table.header().size(); column++) {
                    String header = table.header().get(column);
                    Band band = Question315Planner.BAND_BY_COLUMN.get(header);
                    if (band == null && !header.equals("total")) {
                        continue;
                    }
                    String key = band == null ? key(count.name(), module) : key(count.name(), module, band.label());
                    JsonNode actual = switch (type) {
                        case "detail" -> (band == null ? byGenderModule : byGender).get(row.get(sexColumn)).get(key);
                        case "subtotal" -> (band == null ? byModule : byModuleAge).get(key);
                        case "total" -> band == null ? byCount.get(key(count.name()))
                                : byAge.get(key(count.name(), band.label()));
                        default -> throw new IllegalStateException(name + ": unknown row type " + type);
                    };
                    // a sum figure without a row for a cell counts nothing there
                    cells.compare(name, rowLabel, header, row.get(column), actual == null ? cells.number(0) : actual);
                }
            }
        }
    }

    /** The rows of a knelpunt answer by their labels (the count, then the breakdowns' published labels) → value. */
    private static Map<String, JsonNode> rows(JsonNode answer) {
        Map<String, JsonNode> rows = new HashMap<>();
        for (JsonNode row : answer.path("rows")) {
            List<String> label = new ArrayList<>();
            label.add(row.path("key").path(0).asText());
            for (int i = 1; i < row.path("label").size(); i++) {
                label.add(row.path("label").path(i).asText());
            }
            rows.put(key(label.toArray(String[]::new)), row.path("value"));
        }
        return rows;
    }

    private static String key(String... parts) {
        return String.join("|", parts);
    }

    // ---------------------------------------------------------------- outflow

    private void general(CellCheck cells, int year) {
        String name = "q315_outflow_general_" + year;
        PublishedTables.Table table = cells.table(name);
        JsonNode total = cells.get("/stats/knelpunt-outflow", Map.of("year", Integer.toString(year))).path("total");
        int value = table.header().indexOf("value");
        for (List<String> row : table.rows()) {
            String measure = row.get(0);
            switch (measure) {
                case "closed_clusters" -> cells.compare(name, measure, "value", row.get(value), total.path("closedClusters"));
                case "outflow_work_3m" -> cells.compare(name, measure, "value", row.get(value), total.path("atWork"));
                case "outflow_work_3m_pct" -> cells.compareRounded(name, measure, "value", row.get(value),
                        total.path("rate"), decimals(row.get(value)));
                default -> throw new IllegalStateException(name + ": unknown measure " + measure);
            }
        }
    }

    private void stoppers(CellCheck cells, int year, String name, String by) {
        PublishedTables.Table table = cells.table(name);
        JsonNode answer = cells.get("/stats/knelpunt-outflow", Map.of("year", Integer.toString(year), "stopped", "true",
                "by", by));
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        for (JsonNode row : answer.path("rows")) {
            String label = row.path("label").path(0).asText();
            rows.put(by.equals("gender") ? LABEL_BY_GENDER.getOrDefault(label, label) : label, row);
        }
        int count = table.header().indexOf("outflow_work_3m");
        int rate = table.header().indexOf("outflow_work_3m_pct");
        for (List<String> row : table.rows()) {
            JsonNode actual = row.get(row.size() - 1).equals("total") ? answer.path("total") : rows.get(row.get(0));
            cells.compare(name, row.get(0), "outflow_work_3m", row.get(count),
                    actual == null ? cells.number(0) : actual.path("atWork"));
            cells.compareRounded(name, row.get(0), "outflow_work_3m_pct", row.get(rate),
                    actual == null ? null : actual.path("rate"), decimals(row.get(rate)));
        }
    }

    private static int decimals(String published) {
        return published == null || published.isBlank() ? 0 : Math.max(0, new BigDecimal(published).scale());
    }
}
