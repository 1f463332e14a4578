package be.vdab.okot.stats.api;

import be.vdab.okot.stats.domain.FigureAnswer;
import be.vdab.okot.stats.domain.FigureAnswer.OutflowMeasures;
import be.vdab.okot.stats.domain.FigureAnswer.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every line of a figure's CSV is as wide as its header: 0, 1 and 2 breakdowns, value and outflow measures, steps. */
class FigureCsvTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            =HYPERLINK("http://x";"a")  | `"'=HYPERLINK(""http://x"";""a"")"`
            @SUM(A1)                    | '@SUM(A1)
            +cmd                        | '+cmd
            -cmd                        | '-cmd
            -40.00                      | -40.00
            -25 jaar                    | -25 jaar
            Karel de Grote              | Karel de Grote
            """)
    void textASpreadsheetWouldRunAsAFormulaIsNeutralised(String cell, String written) {
        assertThat(FigureCsv.quote(cell)).isEqualTo(written);
    }

    @ParameterizedTest(name = "{0} by {1}")
    @CsvSource(textBlock = """
            starts,   ''
            starts,   gender
            starts,   'gender,age5'
            outflow,  ''
            outflow,  gender
            outflow,  'gender,age5'
            funnel,   ''
            funnel,   referral
            knelpunt, 'module,age3'
            """)
    void everyLineIsAsWideAsTheHeader(String figure, String by) {
        List<String> breakdowns = by.isBlank() ? List.of() : List.of(by.split(","));
        boolean steps = figure.equals("funnel") || figure.equals("knelpunt");
        boolean outflow = figure.equals("outflow");
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            List<String> key = new ArrayList<>();
            List<String> label = new ArrayList<>();
            if (steps) {
                key.add("STEP" + r);
                label.add("Stap " + r);
            }
            for (String dimension : breakdowns) {
                key.add(dimension + r);
                label.add("Label, \"quoted\" " + r);
            }
            rows.add(outflow ? new Row(key, label, null, 10L, 4L, new BigDecimal("0.40"))
                    : new Row(key, label, 5L, null, null, null));
            if (key.isEmpty()) {
                break; // without label columns a figure has one cell
            }
        }
        Object total = outflow ? new OutflowMeasures(30, 12, new BigDecimal("0.40")) : (Object) 15L;
        String csv = FigureCsv.write(new FigureAnswer(figure, "persons", null, breakdowns, Map.of(), rows, total,
                null, false, Instant.now(), null));

        List<List<String>> lines = parse(csv);
        int width = lines.get(0).size();
        assertThat(width).isEqualTo((steps ? 2 : 0) + 2 * breakdowns.size() + (outflow ? 3 : 1));
        assertThat(lines).as(csv).allSatisfy(line -> assertThat(line).hasSize(width));
        List<String> last = lines.get(lines.size() - 1);
        assertThat(last.get(last.size() - 1)).isEqualTo(outflow ? "0.40" : "15");
        if (width > (outflow ? 3 : 1)) {
            assertThat(last.get(0)).isEqualTo("Totaal");
            assertThat(lines).hasSize(1 + rows.size() + 1);
        } else {
            assertThat(lines).hasSize(2);
        }
    }

    @org.junit.jupiter.api.Test
    void aComparisonWithThePreviousYearAddsItsMeasuresAndTheDifference() {
        Row women = new Row(List.of("V"), List.of("Vrouw"), 7L, null, null, null);
        Row men = new Row(List.of("M"), List.of("Man"), 5L, null, null, null);
        Row menBefore = new Row(List.of("M"), List.of("Man"), 8L, null, null, null);
        Row otherBefore = new Row(List.of("X"), List.of("X"), 1L, null, null, null);
        FigureAnswer answer = new FigureAnswer("starts", "persons", null, List.of("gender"), Map.of(), List.of(women, men),
                12L, null, false, Instant.now(), new FigureAnswer.Comparison("previous-year", null, List.of(menBefore, otherBefore),
                9L, null, 3L, null));

        List<List<String>> lines = parse(FigureCsv.write(answer));

        assertThat(lines).containsExactly(
                List.of("gender", "gender_code", "value", "previous_value", "difference_value"),
                List.of("Vrouw", "V", "7", "0", "7"),
                List.of("Man", "M", "5", "8", "-3"),
                List.of("X", "X", "0", "1", "-1"), // only in the previous year
                List.of("Totaal", "", "12", "9", "3"));
    }

    @org.junit.jupiter.api.Test
    void spendingKeepsItsTwoDecimalsAlsoInARowOfOnlyOneYear() {
        Row study = new Row(List.of("STUDY_COSTS"), List.of("Studiekosten"), new BigDecimal("999.75"), null, null, null);
        Row fee = new Row(List.of("REGISTRATION_FEE"), List.of("Inschrijvingsgeld"), new BigDecimal("300.00"), null, null, null);
        FigureAnswer answer = new FigureAnswer("spending", "euro", null, List.of("kind"), Map.of(), List.of(study),
                new BigDecimal("999.75"), null, false, Instant.now(), new FigureAnswer.Comparison("previous-year", null,
                List.of(fee), new BigDecimal("300.00"), null, FigureAnswer.difference(new BigDecimal("999.75"), new BigDecimal("300.00")),
                null));

        List<List<String>> lines = parse(FigureCsv.write(answer));

        assertThat(lines).containsExactly(
                List.of("kind", "kind_code", "value", "previous_value", "difference_value"),
                List.of("Studiekosten", "STUDY_COSTS", "999.75", "0.00", "999.75"),
                List.of("Inschrijvingsgeld", "REGISTRATION_FEE", "0.00", "300.00", "-300.00"), // only in the previous year
                List.of("Totaal", "", "999.75", "300.00", "699.75"));
    }

    @org.junit.jupiter.api.Test
    void anOutflowComparisonComparesClustersAtWorkAndTheRate() {
        FigureAnswer answer = new FigureAnswer("outflow", "clusters", null, List.of(), Map.of(), List.of(),
                new OutflowMeasures(100, 56, new BigDecimal("0.56")), null, false, Instant.now(),
                new FigureAnswer.Comparison("previous-year", null, List.of(), new OutflowMeasures(80, 40, new BigDecimal("0.50")),
                        null, FigureAnswer.difference(new OutflowMeasures(100, 56, new BigDecimal("0.56")),
                                new OutflowMeasures(80, 40, new BigDecimal("0.50"))), null));

        List<List<String>> lines = parse(FigureCsv.write(answer));

        assertThat(lines).containsExactly(
                List.of("closed_clusters", "at_work", "rate", "previous_closed_clusters", "previous_at_work", "previous_rate",
                        "difference_closed_clusters", "difference_at_work", "difference_rate"),
                List.of("100", "56", "0.56", "80", "40", "0.50", "20", "16", "0.06"));
    }

    @org.junit.jupiter.api.Test
    void dropoutsHaveThePersonsAfterTheValueAlsoInTheComparison() {
        // one person with two drop-outs on two training codes: rows 1 and 1, total 2 contracts of 1 person
        Row first = new Row(List.of("908001"), List.of("908001: Eerste jaar"), 1L, 1L, null, null, null);
        Row third = new Row(List.of("908003"), List.of("908003: Derde jaar"), 1L, 1L, null, null, null);
        Row thirdBefore = new Row(List.of("908003"), List.of("908003: Derde jaar"), 3L, 2L, null, null, null);
        FigureAnswer answer = new FigureAnswer("dropouts", "contracts", null, List.of("training"), Map.of(),
                List.of(first, third), 2L, 1L, false, Instant.now(),
                new FigureAnswer.Comparison("previous-year", null, List.of(thirdBefore), 3L, 2L, -1L, 0L));

        List<List<String>> lines = parse(FigureCsv.write(answer));

        assertThat(lines).containsExactly(
                List.of("training", "training_code", "value", "persons", "previous_value", "previous_persons",
                        "difference_value", "difference_persons"),
                List.of("908001: Eerste jaar", "908001", "1", "1", "0", "0", "1", "1"),
                List.of("908003: Derde jaar", "908003", "1", "1", "3", "2", "-2", "-1"),
                List.of("Totaal", "", "2", "1", "3", "2", "-1", "-1"));
    }

    /** RFC 4180 fields of each line (quoted fields may hold commas and doubled quotes). */
    private static List<List<String>> parse(String csv) {
        List<List<String>> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                lines.add(fields);
                fields = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        return lines;
    }
}
