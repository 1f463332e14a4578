package be.vdab.okot.runner.storage;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link H2Repair}: a file that opens is rebuilt from H2's export, every row and constraint kept, the old file beside
 * it; a file that neither opens nor gives its recovery tool a table (both headers overwritten) is left as it was, with
 * the reason; a missing file changes nothing.
 */
class H2RepairTest {

    @TempDir
    Path data;

    @Test
    void aFileThatOpensIsRebuiltWithEveryRowAndTheOldFileKept() throws Exception {
        fill("intake-service", 5_000);

        H2Repair.Result result = H2Repair.repair(data, "intake-service", "okot", "okot");

        assertThat(result.recovered()).isFalse();
        assertThat(result.kept()).exists();
        assertThat(result.kept().getFileName().toString()).startsWith("intake-service.mv.db.damaged-");
        assertThat(data.resolve("intake-service.repair.sql.gz")).doesNotExist();
        assertThat(rows("intake-service")).isEqualTo(5_000);
        try (Connection connection = database("intake-service").getConnection();
             Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("insert into person values (1, 'dup')"))
                    .as("the unique index came along").isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aFileNeitherH2NorItsRecoveryToolReadsIsLeftAsItWas() throws Exception {
        fill("stats-service", 20_000);
        Path file = data.resolve("stats-service.mv.db");
        try (RandomAccessFile damaged = new RandomAccessFile(file.toFile(), "rw")) {
            // both file headers (the first two 4 KB blocks) overwritten: H2 refuses to open it (90030), and its
            // recovery tool reads no table either (a damaged chunk alone H2 skips, falling back to the one before)
            damaged.seek(0);
            damaged.write(new byte[8 * 1024]);
        }
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> H2Repair.repair(data, "stats-service", "okot", "okot"))
                .hasMessageContaining("recovery tool read no table").hasMessageContaining("left as it was");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var files = Files.list(data)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("stats-service.mv.db");
        }
    }

    @Test
    void aMissingFileChangesNothing() {
        assertThatThrownBy(() -> H2Repair.repair(data, "outcome-service", "okot", "okot"))
                .hasMessageContaining("No H2 file");
        assertThat(data.resolve("outcome-service.mv.db")).doesNotExist();
    }

    private void fill(String name, int persons) throws SQLException {
        try (Connection connection = database(name).getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table person (id bigint primary key, insz varchar(11) not null unique)");
            statement.execute("insert into person select x + 1, lpad(x, 11, '0') from system_range(0, " + (persons - 1) + ")");
        }
    }

    private long rows(String name) throws SQLException {
        try (Connection connection = database(name).getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from person")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private JdbcDataSource database(String name) {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:file:" + data.resolve(name).toAbsolutePath());
        database.setUser("okot");
        database.setPassword("okot");
        return database;
    }
}
