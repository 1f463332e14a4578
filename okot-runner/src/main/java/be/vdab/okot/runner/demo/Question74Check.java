package be.vdab.okot.runner.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Question 74 (14 October 2022, seed 002): every cell of its three tables, the teacher trainings (sector
 * {@code ONDERWIJS}) by training-year code, against what stats-service answers now ({@code by=training}, filter
 * {@code sector=ONDERWIJS}; a row is matched by the code its label starts with, {@code "908001: …"}):
 * <ul>
 *   <li>answer 1, starts 2018–2021 (F1): each code row with the row's {@code value}, the Totaal with the answer's
 *       {@code total} (distinct persons over the sector);</li>
 *   <li>answer 2, diplomas 2018–2022 (F2): rows with {@code value}, the Totaal with {@code total};</li>
 *   <li>answer 3, drop-outs 2018–2022 (F3): rows with {@code value} (contracts), the Totaal with the answer's
 *       {@code persons} (distinct persons, as published).</li>
 * </ul>
 * 2022 is its first half only ({@code from=2022-01-01&to=2022-06-30}). A blank cell is not compared; a row the
 * platform has for a code the table does not list is a difference. Only the years the demo loaded are checked.
 * Question 74 and question 562 contradict each other on the 908020 drop-outs of 2020 (13 against 10 Master drop-outs;
 * INDEX.md §2): the population keeps question 562's ({@link Question74Planner}), so when question 562's table holds
 * fewer Master drop-outs than question 74's row of the Master code, that cell and its Totaal are declared
 * {@linkplain CellCheck#contradiction contradictions}: reported apart, not as differences. Planned by
 * {@link Question74Planner}.
 */
public final class Question74Check implements QuestionCheck {

    /** A table: the figure that answers it and the measure of the answer its Totaal row is. */
    private record Answer(String table, String figure, String totalMeasure) {
    }

    private static final String DROPOUTS_TABLE = Question74Planner.DROPOUTS;
    private static final List<Answer> ANSWERS = List.of(
            new Answer(Question74Planner.STARTS, "starts", "total"),
            new Answer(Question74Planner.DIPLOMAS, "diplomas", "total"),
            new Answer(Question74Planner.DROPOUTS, "dropouts", "persons"));

    /**
     * The code of the Verkorte educatieve master, in 2020 the only training year of type Master (question 562's 94
     * Master starters are question 74's 94 on 908020: INDEX.md §2, cross-document check).
     */
    static final String MASTER_CODE = "908020";

    @Override
    public void check(CellCheck cells) {
        declareContradictions(cells);
        ANSWERS.forEach(answer -> check(cells, answer));
    }

    /** Question 562's Master drop-outs of 2020 against question 74's on the Master code: one population gives one. */
    private static void declareContradictions(CellCheck cells) {
        int year = Question562Planner.DETAIL_YEAR;
        String column = "n_" + year;
        PublishedTables.Table dropouts = cells.table(DROPOUTS_TABLE);
        Integer masterInQuestion562 = cells.table("q562_2020_dropouts_by_okot_type").counts("dropouts").get("Master");
        dropouts.rows().stream().filter(row -> row.get(0).equals(MASTER_CODE)).findFirst().ifPresent(row -> {
            String cell = row.get(dropouts.header().indexOf(column));
            if (masterInQuestion562 != null && !cell.isBlank() && Integer.parseInt(cell) > masterInQuestion562) {
                String why = "question 562 (8 March 2021) publishes " + masterInQuestion562 + " Master drop-outs in "
                        + year + ", question 74 (14 October 2022) " + cell + " on " + MASTER_CODE
                        + ", its only Master code: the population keeps question 562's";
                cells.contradiction(DROPOUTS_TABLE, MASTER_CODE, column, why);
                cells.contradiction(DROPOUTS_TABLE, "Totaal", column, why);
            }
        });
    }

    private static void check(CellCheck cells, Answer answer) {
        PublishedTables.Table published = cells.table(answer.table());
        for (int column = 0; column < published.header().size(); column++) {
            String name = published.header().get(column);
            Integer year = Question74Planner.year(name);
            if (year == null || !cells.covers(year, year)) {
                continue;
            }
            JsonNode figure = cells.get("/stats/" + answer.figure(), parameters(year));
            Map<String, JsonNode> rows = new HashMap<>();
            figure.path("rows").forEach(row -> rows.put(code(row), row));
            for (List<String> row : published.rows()) {
                boolean total = row.get(row.size() - 1).equals("total");
                JsonNode actual = total ? figure.path(answer.totalMeasure())
                        : rows.containsKey(row.get(0)) ? rows.get(row.get(0)).path("value") : null;
                cells.compare(answer.table(), total ? row.get(1) : row.get(0), name, row.get(column), actual);
            }
            List<String> codes = published.rows().stream().map(row -> row.get(0)).toList();
            rows.forEach((code, row) -> {
                if (!codes.contains(code) && row.path("value").asLong() != 0) {
                    cells.difference(answer.table() + ".csv, column " + name + ": the platform has a row '" + code + "' ("
                            + row.path("value").asLong() + ") that is not published");
                }
            });
        }
    }

    /** The period of a column (a year; the first half of {@link Question74Planner#LAST_YEAR}), the sector, by training. */
    static Map<String, String> parameters(int year) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (year == Question74Planner.LAST_YEAR) {
            parameters.put("from", year + "-01-01");
            parameters.put("to", Question74Planner.LAST_DAY.toString());
        } else {
            parameters.put("year", Integer.toString(year));
        }
        parameters.put("sector", Question74Planner.SECTOR);
        parameters.put("by", "training");
        return parameters;
    }

    /** The training-year code of an answer's row: what its label holds before {@code ": "} (figures.md, {@code training}). */
    static String code(JsonNode row) {
        String label = row.path("label").path(0).asText();
        int colon = label.indexOf(':');
        return colon < 0 ? label : label.substring(0, colon);
    }
}
