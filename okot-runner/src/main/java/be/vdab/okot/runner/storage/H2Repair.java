package be.vdab.okot.runner.storage;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Recover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Rebuilds a service's H2 file at rest ({@code ./okot repair <service>}): every row as H2 reads it now, written as SQL
 * and read into a new file, the old file kept beside it as {@code <name>.mv.db.damaged-<time>}. For a file that opens
 * (H2 ends the transactions a kill left) this is H2's export and import ({@code SCRIPT TO} / {@code RUNSCRIPT FROM},
 * gzip); for one that does not (H2 error 90030 "file corrupted") it is H2's recovery tool ({@code org.h2.tools.Recover}:
 * whatever pages can still be read) and then the import, and a recovery that read no table leaves the file as it was
 * (it reads nothing once both file headers are gone). The new file has no dead space.
 * The service must be stopped: H2's file lock refuses a file a process holds, and the repair then changes nothing.
 *
 * <p>Use it when a service answers 500 with H2 error 90143 ("not found in primary index") or does not start with
 * 90030 after a {@code kill -9} (README, "An H2 file damaged by kill -9"). What a row's transaction was doing when the
 * process died is not in the script: an entry left unfinished is read as its committed value, so run the service
 * once after the kill first (it finishes those commits at its start, {@code H2StartupRepair}) where it still starts.
 */
public final class H2Repair {

    /** What one repair did: the files, sizes in bytes, whether the recovery tool was needed, how long it took. */
    public record Result(Path file, Path kept, long bytesBefore, long bytesAfter, boolean recovered, Duration took) {
    }

    private static final String SUFFIX = ".mv.db";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private H2Repair() {
    }

    /**
     * Repairs {@code <dataDirectory>/<name>.mv.db}. {@code user} and {@code password} are the services' database
     * credentials.
     *
     * @throws IOException           when there is no such file, or it cannot be moved
     * @throws SQLException          when the file is in use, or neither the export nor the recovery tool reads it
     */
    public static Result repair(Path dataDirectory, String name, String user, String password)
            throws IOException, SQLException {
        long begin = System.nanoTime();
        Path file = dataDirectory.resolve(name + SUFFIX);
        if (!Files.exists(file)) {
            throw new IOException("No H2 file " + file);
        }
        long before = Files.size(file);
        Path script = dataDirectory.resolve(name + ".repair.sql.gz");
        // what H2's recovery tool writes: the script, and a dump of what it read
        Path recoveredScript = dataDirectory.resolve(name + ".h2.sql");
        Path recoveryDump = dataDirectory.resolve(name + ".mv.txt");
        boolean recovered = false;
        Files.deleteIfExists(script);
        try (Connection connection = open(dataDirectory, name, user, password, true);
             Statement statement = connection.createStatement()) {
            statement.execute("SCRIPT TO '" + script.toAbsolutePath() + "' COMPRESSION GZIP");
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            if (isInUse(e)) {
                throw new SQLException(name + " is in use: stop the service first (" + e.getMessage() + ")", e);
            }
            // the file does not open: read what can be read, page by page
            Recover.execute(dataDirectory.toString(), name);
            recovered = true;
        }
        Path kept = dataDirectory.resolve(name + SUFFIX + ".damaged-" + LocalDateTime.now().format(STAMP));
        Files.move(file, kept);
        Files.deleteIfExists(dataDirectory.resolve(name + ".trace.db"));
        try (Connection connection = open(dataDirectory, name, user, password, false);
             Statement statement = connection.createStatement()) {
            if (recovered) {
                statement.execute("RUNSCRIPT FROM '" + recoveredScript.toAbsolutePath() + "'");
                try (ResultSet tables = statement.executeQuery("select count(*) from information_schema.tables"
                        + " where table_schema = 'PUBLIC'")) {
                    if (!tables.next() || tables.getLong(1) == 0) {
                        throw new SQLException("H2's recovery tool read no table from it");
                    }
                }
            } else {
                statement.execute("RUNSCRIPT FROM '" + script.toAbsolutePath() + "' COMPRESSION GZIP");
            }
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            Files.deleteIfExists(file);
            Files.move(kept, file);
            deleteAll(script, recoveredScript, recoveryDump);
            throw new SQLException("No new file: " + e.getMessage() + "; " + name + " is left as it was", e);
        }
        deleteAll(script, recoveredScript, recoveryDump);
        return new Result(file, kept, before, Files.size(file), recovered, Duration.ofNanos(System.nanoTime() - begin));
    }

    private static void deleteAll(Path... files) throws IOException {
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }

    private static Connection open(Path dataDirectory, String name, String user, String password, boolean existing)
            throws SQLException {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:file:" + dataDirectory.resolve(name).toAbsolutePath()
                + (existing ? ";IFEXISTS=TRUE" : ""));
        database.setUser(user);
        database.setPassword(password);
        return database.getConnection();
    }

    /** H2 90020 "database may be already in use" (its file lock). */
    private static boolean isInUse(SQLException e) {
        return e.getErrorCode() == 90020;
    }
}
