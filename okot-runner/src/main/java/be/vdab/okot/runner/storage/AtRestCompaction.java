package be.vdab.okot.runner.storage;

import org.h2.jdbcx.JdbcDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compacts the embedded H2 databases of a local run while they are at rest (no service running): each
 * {@code <service>.mv.db} in the data directory is rewritten with only its live rows ({@code SHUTDOWN COMPACT}).
 *
 * <p>Why: H2's MVStore never shrinks a file while it is open — every durable commit writes a new chunk, old chunks
 * are kept for 45 s, and freed space is reused but not given back — so a busy service's file holds several times
 * its data (intake-service: 948 MB for 100,068 candidacies, 185 MB after this, 8.4 s; measured for issue 14).
 * Compacting while a service runs is not offered by H2 without a closed database, and compacting at close for a
 * fixed time ({@code MAX_COMPACT_TIME}) took 120 s to reach 328 MB. A file a running process still holds is left
 * alone (H2's file lock refuses the connection): its result says so.
 */
public final class AtRestCompaction {

    /** What compacting one file did: sizes in bytes, or the reason it was left alone ({@code problem} not null). */
    public record Result(Path file, long bytesBefore, long bytesAfter, Duration took, String problem) {
        public boolean compacted() {
            return problem == null;
        }
    }

    private static final String SUFFIX = ".mv.db";

    private AtRestCompaction() {
    }

    /**
     * Compacts every {@code *.mv.db} in {@code dataDirectory}, in name order; an empty list when the directory does
     * not exist. {@code user} and {@code password} are the services' database credentials.
     */
    public static List<Result> compactAll(Path dataDirectory, String user, String password) throws IOException {
        if (!Files.isDirectory(dataDirectory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dataDirectory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted()
                    .map(file -> compact(file, user, password)).toList();
        }
    }

    /** Compacts one H2 file ({@code <name>.mv.db}); never throws for a database that cannot be opened. */
    public static Result compact(Path file, String user, String password) {
        long before = size(file);
        long begin = System.nanoTime();
        String name = file.getFileName().toString();
        JdbcDataSource database = new JdbcDataSource();
        // IFEXISTS: never create a database; the default file lock refuses a file a running service holds
        database.setURL("jdbc:h2:file:" + file.resolveSibling(name.substring(0, name.length() - SUFFIX.length()))
                .toAbsolutePath() + ";IFEXISTS=TRUE");
        database.setUser(user);
        database.setPassword(password);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            return new Result(file, before, before, Duration.ofNanos(System.nanoTime() - begin), e.getMessage());
        }
        return new Result(file, before, size(file), Duration.ofNanos(System.nanoTime() - begin), null);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
