package be.vdab.okot.runner.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo reads the tables shipped in okot-reference, or another copy given with {@code --reference DIR}. */
class PublishedTablesTest {

    @Test
    void withoutADirectoryTheDemoReadsTheShippedTables() {
        assertThat(PublishedTables.load(null, "q562_2020_starts_by_gender").counts("unique_learners"))
                .containsExactly(Map.entry("M", 1859), Map.entry("V", 4023));
        assertThat(PublishedTables.load("q562_starts_by_year_2013_2020").series())
                .hasSize(8).containsEntry(2013, new BigDecimal("5105"));
    }

    @Test
    void aReferenceDirectoryIsReadInstead(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("q562_2020_starts_by_gender.csv"),
                "sex,unique_learners,row_type\nM,1,detail\nV,,detail\nTotaal,1,total\n");

        assertThat(PublishedTables.load(directory, "q562_2020_starts_by_gender").counts("unique_learners"))
                .as("blanks are left out, the total row too").containsExactly(Map.entry("M", 1));
    }
}
