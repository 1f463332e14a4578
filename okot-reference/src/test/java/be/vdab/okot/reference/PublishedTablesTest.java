package be.vdab.okot.reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the shipped tables: shapes, labels and blanks as published, and each table's source. */
class PublishedTablesTest {

    @Test
    void thirtyFiveTablesOfThreeQuestionsEachWithItsSource() {
        assertThat(PublishedTables.names()).hasSize(35).doesNotHaveDuplicates();
        assertThat(PublishedTables.names(562)).hasSize(18).allMatch(name -> name.startsWith("q562_"));
        assertThat(PublishedTables.names(74)).containsExactly("q74_onderwijs_starts_by_training_year",
                "q74_onderwijs_graduates_by_training_year", "q74_onderwijs_dropouts_by_training_year");
        assertThat(PublishedTables.names(315)).hasSize(14).allMatch(name -> name.startsWith("q315_"));

        assertThat(PublishedTables.source("q74_onderwijs_graduates_by_training_year")).isEqualTo(new Source(
                "q74_onderwijs_graduates_by_training_year", 74, "002_699ad5193617b98e.txt", LocalDate.of(2022, 10, 14),
                "2", "unique learners with an 'uitgevoerd, geslaagd' final year, by code × year 2018–2022 "
                + "(2022 = first half only)"));
        assertThat(PublishedTables.source("q562_2020_starts_by_age").answer()).isEqualTo("5a");
        assertThat(PublishedTables.source("q562_2020_starts_by_age").questionDate()).isEqualTo(LocalDate.of(2021, 3, 8));
        assertThat(PublishedTables.source("q315_outflow_general_2020").question()).isEqualTo(315);
        assertThat(PublishedTables.source("q315_outflow_general_2020").questionDate()).isEqualTo(LocalDate.of(2021, 1, 12));
        for (String name : PublishedTables.names()) {
            assertThat(PublishedTables.table(name).source()).isEqualTo(PublishedTables.source(name));
            assertThat(PublishedTables.table(name).rows()).as(name).isNotEmpty();
        }
    }

    @Test
    void countsTheRowsOfEachTableAsPublishedTotalRowsIncluded() {
        PublishedTable byAge = PublishedTables.table("q562_2020_starts_by_age");
        assertThat(byAge.header()).containsExactly("age_band_nl", "unique_learners", "row_type");
        assertThat(byAge.rows()).hasSize(12);
        assertThat(byAge.detailRows()).hasSize(11);
        assertThat(byAge.rowsOfType("total")).containsExactly(List.of("Eindtotaal", "5882", "total"));

        PublishedTable matrix = PublishedTables.table("q562_2020_trajectories_by_province");
        assertThat(matrix.detailRows()).hasSize(53);
        assertThat(matrix.rowsOfType("total").get(0)).containsExactly("Eindtotaal", "30", "32", "28", "30", "34", "17",
                "171", "total");

        PublishedTable series = PublishedTables.table("q562_starts_by_year_2013_2020");
        assertThat(series.hasRowTypes()).isFalse();
        assertThat(series.detailRows()).hasSize(8).isEqualTo(series.rows());

        PublishedTable started = PublishedTables.table("q315_knelpunt_started_2020");
        assertThat(started.rowsOfType("subtotal")).hasSize(2);
        assertThat(started.detailRows()).hasSize(4);
        assertThat(started.rowsOfType("total")).hasSize(1);
        assertThat(PublishedTables.table("q74_onderwijs_starts_by_training_year").detailRows()).hasSize(19);
    }

    @Test
    void theTablesHold1015PublishedNumbers551Of562208Of74And256Of315() {
        assertThat(numbers(562)).isEqualTo(551);
        assertThat(numbers(74)).isEqualTo(208);
        assertThat(numbers(315)).isEqualTo(256);
    }

    @Test
    void keepsLabelsVerbatimAndCodesAsText() {
        PublishedTable dropouts = PublishedTables.table("q74_onderwijs_dropouts_by_training_year");
        List<String> shortened = row(dropouts, "908004");
        assertThat(dropouts.cell(shortened, "training_nl"))
                .isEqualTo("Educatieve bachelor voor kleuteronderwijs - verkort traject - 1 ste jaar");
        assertThat(dropouts.cell(row(dropouts, "908014"), "training_nl"))
                .isEqualTo("Educatieve bachelor voor lager onderwijs - verkort traject -1ste jaar");
        assertThat(dropouts.cell(row(dropouts, "908001"), "training_code")).isEqualTo("908001");

        PublishedTable reasons = PublishedTables.table("q562_2020_dropouts_by_reason");
        assertThat(reasons.detailRows()).extracting(row -> row.get(0)).contains("Stopgezet - Wegens langdurige ziekte");
        assertThat(PublishedTables.table("q562_2020_outflow_by_age").cell(
                PublishedTables.table("q562_2020_outflow_by_age").rows().get(0), "outflow_work_3m_pct"))
                .as("percent units with the printed decimals").isEqualTo("100.00");
    }

    @Test
    void anEmptyCellStaysEmptyNotZero() {
        PublishedTable starts = PublishedTables.table("q74_onderwijs_starts_by_training_year");
        assertThat(row(starts, "908020")).containsExactly("908020", "Verkorte educatieve master", "", "", "94", "79",
                "detail");

        PublishedTable failed = PublishedTables.table("q315_knelpunt_failed_2019");
        List<String> module4aWomen = failed.detailRows().stream()
                .filter(row -> row.get(0).startsWith("module 4a") && failed.cell(row, "sex").equals("V")).findFirst()
                .orElseThrow();
        assertThat(failed.cell(module4aWomen, "age_55_plus")).isEmpty();
        assertThat(failed.cell(module4aWomen, "total")).isEqualTo("34");
    }

    @Test
    void readsAnotherCopyOfATableWithTheShippedSourceAndRfc4180Quoting(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("q562_2020_dropouts_by_reason.csv"),
                "result_nl,dropouts,row_type\n\"Stopgezet, anders\",3,detail\n\nTotaal,,total\n", StandardCharsets.UTF_8);

        PublishedTable table = PublishedTables.table(directory, "q562_2020_dropouts_by_reason");

        assertThat(table.rows()).containsExactly(List.of("Stopgezet, anders", "3", "detail"), List.of("Totaal", "", "total"));
        assertThat(table.source().answer()).isEqualTo("7d");
    }

    @Test
    void refusesAnUnknownTableOrColumnAndARowOfTheWrongWidth(@TempDir Path directory) throws IOException {
        assertThatThrownBy(() -> PublishedTables.table("q562_2021_starts_by_age"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No published table q562_2021");
        assertThatThrownBy(() -> PublishedTables.table("q562_2020_starts_by_age").column("learners"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column learners");
        Files.writeString(directory.resolve("q562_2020_starts_by_gender.csv"), "sex,unique_learners,row_type\nM,1\n");
        assertThatThrownBy(() -> PublishedTables.table(directory, "q562_2020_starts_by_gender"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a row of 2 cells");
    }

    /** Non-blank cells but the first column and the labels ({@code *_nl}, {@code sex}, {@code unit}, {@code row_type}). */
    private static int numbers(int question) {
        int numbers = 0;
        for (String name : PublishedTables.names(question)) {
            PublishedTable table = PublishedTables.table(name);
            for (List<String> row : table.rows()) {
                for (int column = 1; column < row.size(); column++) {
                    String header = table.header().get(column);
                    if (!header.equals(PublishedTable.ROW_TYPE) && !header.endsWith("_nl") && !header.equals("sex")
                            && !header.equals("unit") && !row.get(column).isBlank()) {
                        numbers++;
                    }
                }
            }
        }
        return numbers;
    }

    private static List<String> row(PublishedTable table, String code) {
        return table.rows().stream().filter(row -> row.get(0).equals(code)).findFirst().orElseThrow();
    }
}
