package be.vdab.okot.runner.storage;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AtRestCompactionTest {

    @TempDir
    Path data;

    @Test
    void aFileWithMostOfItsRowsDeletedShrinksAndKeepsEveryLiveRow() throws Exception {
        JdbcDataSource database = database("intake-service");
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table event (id bigint primary key, payload varchar(2000))");
            try (PreparedStatement insert = connection.prepareStatement("insert into event values (?, ?)")) {
                for (int id = 0; id < 20_000; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, "payload " + id + " " + "x".repeat(500));
                    insert.executeUpdate();
                    if (id % 50 == 0) {
                        statement.execute("CHECKPOINT"); // many chunks, as durable commits write them
                    }
                }
            }
            statement.execute("delete from event where mod(id, 10) <> 0");
        }
        Path file = data.resolve("intake-service.mv.db");
        long before = Files.size(file);

        List<AtRestCompaction.Result> results = AtRestCompaction.compactAll(data, "okot", "okot");

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.compacted()).as(result.problem()).isTrue();
            assertThat(result.bytesBefore()).isEqualTo(before);
            assertThat(result.bytesAfter()).isEqualTo(Files.size(file)).isLessThan(before / 3);
        });
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*), sum(id), min(payload) from event")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(2_000);
            assertThat(rows.getLong(2)).isEqualTo(sumOfMultiplesOfTen());
            assertThat(rows.getString(3)).startsWith("payload 0 x");
        }
    }

    @Test
    void aFileThatIsNotADatabaseOfTheseCredentialsIsLeftAloneWithTheReason() throws Exception {
        try (Connection connection = database("stats-service").getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table fact (id bigint primary key)");
        }
        Path file = data.resolve("stats-service.mv.db");

        AtRestCompaction.Result result = AtRestCompaction.compact(file, "someone-else", "wrong");

        assertThat(result.compacted()).isFalse();
        assertThat(result.problem()).isNotBlank();
        assertThat(result.bytesAfter()).isEqualTo(result.bytesBefore());
        try (Connection connection = database("stats-service").getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from fact")) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
        }
    }

    @Test
    void noDataDirectoryIsNothingToCompact() throws Exception {
        assertThat(AtRestCompaction.compactAll(data.resolve("missing"), "okot", "okot")).isEmpty();
        assertThat(data.resolve("missing")).doesNotExist();
    }

    private static long sumOfMultiplesOfTen() {
        long sum = 0;
        for (long id = 0; id < 20_000; id += 10) {
            sum += id;
        }
        return sum;
    }

    private JdbcDataSource database(String name) throws SQLException {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:file:" + data.resolve(name).toAbsolutePath());
        database.setUser("okot");
        database.setPassword("okot");
        return database;
    }
}
