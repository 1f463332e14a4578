package be.vdab.okot.messaging.persistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The damage of issue 15 made by real kills, without a service: a child JVM runs intake-service's write pattern on
 * an H2 file ({@value #THREADS} threads: a person locked by insz with {@code SELECT ... FOR UPDATE}, updated, or
 * inserted when new; a candidacy inserted; one transaction in 20 rolled back; a {@code CHECKPOINT} loop as
 * {@link DurableCommits} runs it) and is killed (SIGKILL) after 4–8 s, {@value #DEFAULT_KILLS} times on fresh files
 * ({@code -Dokot.h2-kill.kills}). After each kill the file is opened, {@link H2UnfinishedCommits#finish} runs as
 * {@link H2StartupRepair} does at a service's start, and then, with 64 transactions open (the lowest ids), every
 * person must lock by insz within 100 ms and no candidacy may lack its person. With
 * {@code -Dokot.h2-kill.finish=false} the file is checked as H2's recovery left it: that failed (README,
 * "An H2 file damaged by kill -9"). Under a load of 12–15 the earlier rules failed after 5 of 50 kills (left-overs H2
 * holds open as {@code COMMITTED} taken for live transactions; a person "deleted" by a transaction that never
 * committed finished as deleted, its candidacies orphaned); the 27 files of one such run, copied right after each
 * kill, all pass with today's rules, and 60 new kills passed, 35 of them with such left-overs. A store that loses a
 * chunk after the reopen ({@link #isLostChunk}) is H2's other defect, counted apart.
 */
class H2KillDuringLockingTest {

    private static final int THREADS = 16;
    private static final int PERSONS = 2_000;
    private static final int DEFAULT_KILLS = 6;

    @TempDir
    Path dir;

    @Test
    void afterEveryKillEveryPersonLocksOnceTheUnfinishedCommitsAreFinished() throws Exception {
        boolean finish = Boolean.parseBoolean(System.getProperty("okot.h2-kill.finish", "true"));
        int kills = Integer.getInteger("okot.h2-kill.kills", DEFAULT_KILLS);
        List<String> damaged = new ArrayList<>();
        List<String> lostChunks = new ArrayList<>();
        for (int kill = 1; kill <= kills; kill++) {
            String file = "jdbc:h2:file:" + dir.resolve("kill-" + kill).resolve("intake");
            String url = file + ";LOCK_TIMEOUT=10000";
            Process workload = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx160m", "-cp", System.getProperty("java.class.path"), Workload.class.getName(), url)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(4_000 + ThreadLocalRandom.current().nextLong(4_000));
            workload.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            String finished = "";
            List<String> failures;
            try {
                try (Connection connection = DriverManager.getConnection(url, "okot", "okot")) {
                    if (finish) {
                        finished = H2UnfinishedCommits.finish(connection).rows().toString();
                    }
                }
                failures = check(file + ";LOCK_TIMEOUT=100");
            } catch (SQLException e) {
                if (!isLostChunk(e)) {
                    throw e;
                }
                System.out.printf("H2 kill %d: the store lost a chunk after the reopen (%s)%n", kill, e.getMessage());
                lostChunks.add("kill " + kill + ": " + e.getMessage());
                continue;
            }
            if (!failures.isEmpty() && finish) { // for the report: would a second pass have finished the rest?
                try (Connection connection = DriverManager.getConnection(url, "okot", "okot")) {
                    finished += " then " + H2UnfinishedCommits.finish(connection).rows();
                }
                finished += " then " + check(file + ";LOCK_TIMEOUT=100");
            }
            System.out.printf("H2 kill %d: finished %s, %d persons failed%n", kill, finished, failures.size());
            if (!failures.isEmpty()) {
                damaged.add("kill " + kill + ": " + failures.subList(0, Math.min(3, failures.size())));
            }
        }
        assertThat(damaged).as("kills after which a person did not lock or a candidacy lost its person").isEmpty();
        assertThat(lostChunks).as("kills after which H2 lost a chunk of the store (H2's defect, not an unfinished"
                + " commit: 3 in about 240 kills; two in one run would be news)").hasSizeLessThanOrEqualTo(1);
    }

    /**
     * H2 2.4.240's {@code MVStoreException: Chunk N not found}: seen after 3 of about 240 kills, once the reopened file
     * had been written to (a copy taken right after the kill read without fault, opened read-only: 2,000 persons,
     * 66,976 candidacies, none without its person), so the store lost the chunk after the reopen, not in the kill
     * (h2database issues 4383 and 4247: chunks lost to compaction, open). Not the damage this test is about;
     * {@code ./okot repair} is the way out of it (README, "An H2 file damaged by kill -9").
     */
    private static boolean isLostChunk(SQLException e) {
        return e.getMessage() != null && e.getMessage().matches("(?s).*Chunk \\d+ not found.*");
    }

    /** With 64 transactions open: the persons that do not lock by insz, and candidacies without their person. */
    private static List<String> check(String url) throws SQLException {
        List<String> failures = new ArrayList<>();
        List<Connection> holders = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "okot", "okot")) {
            if (!tablesExist(connection)) {
                return failures; // killed before the workload made its tables
            }
            for (int i = 0; i < 64; i++) {
                Connection holder = DriverManager.getConnection(url, "okot", "okot");
                holders.add(holder);
                holder.setAutoCommit(false);
                holder.createStatement().executeQuery("select count(*) from person where insz = ''").close();
            }
            connection.setAutoCommit(false);
            for (int i = 0; i < PERSONS; i++) {
                try (PreparedStatement lock = connection.prepareStatement(
                        "select person_id from person where insz = ? for update")) {
                    lock.setString(1, Workload.insz(i));
                    lock.executeQuery().close();
                } catch (SQLException e) {
                    failures.add(Workload.insz(i) + " " + e.getErrorCode());
                }
                connection.rollback();
            }
            try (Statement statement = connection.createStatement(); ResultSet orphans = statement.executeQuery(
                    "select count(*) from candidacy c where not exists"
                            + " (select 1 from person p where p.person_id = c.person_id)")) {
                orphans.next();
                if (orphans.getLong(1) > 0) {
                    failures.add(orphans.getLong(1) + " candidacies without their person");
                }
            }
            connection.rollback();
        } finally {
            for (Connection holder : holders) {
                holder.close();
            }
        }
        return failures;
    }

    private static boolean tablesExist(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet tables = statement.executeQuery(
                "select count(*) from information_schema.tables where table_name = 'CANDIDACY'")) {
            tables.next();
            return tables.getLong(1) == 1;
        }
    }

    /** The child JVM: intake-service's writes on an H2 file until it is killed. */
    public static final class Workload {

        static String insz(int person) {
            return String.format("%011d", person);
        }

        public static void main(String[] arguments) throws Exception {
            String url = arguments[0];
            try (Connection connection = DriverManager.getConnection(url, "okot", "okot");
                 Statement statement = connection.createStatement()) {
                statement.execute("create table person (person_id varchar(36) not null primary key,"
                        + " insz varchar(11) not null unique, first_name varchar(100) not null)");
                statement.execute("create table candidacy (id varchar(36) not null primary key,"
                        + " person_id varchar(36) not null references person (person_id), course varchar(40) not null)");
            }
            for (int i = 0; i < THREADS; i++) {
                new Thread(() -> write(url)).start();
            }
            try (Connection connection = DriverManager.getConnection(url, "okot", "okot");
                 Statement statement = connection.createStatement()) {
                while (true) {
                    statement.execute("CHECKPOINT");
                }
            }
        }

        private static void write(String url) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            try (Connection connection = DriverManager.getConnection(url, "okot", "okot")) {
                connection.setAutoCommit(false);
                while (true) {
                    String insz = insz(random.nextInt(PERSONS));
                    try {
                        String personId = lock(connection, insz);
                        if (personId != null) {
                            update(connection, "update person set first_name = ? where person_id = ?",
                                    "n" + random.nextInt(), personId);
                        } else {
                            personId = UUID.randomUUID().toString();
                            update(connection, "insert into person values (?, ?, 'n')", personId, insz);
                        }
                        update(connection, "insert into candidacy values (?, ?, 'c')", UUID.randomUUID().toString(),
                                personId);
                        if (random.nextInt(20) == 0) {
                            connection.rollback();
                        } else {
                            connection.commit();
                        }
                    } catch (SQLException e) { // a twin's unique key, a lock timeout: as a service, roll back
                        connection.rollback();
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String lock(Connection connection, String insz) throws SQLException {
            try (PreparedStatement lock = connection.prepareStatement(
                    "select person_id from person where insz = ? for update")) {
                lock.setString(1, insz);
                try (ResultSet row = lock.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            }
        }

        private static void update(Connection connection, String sql, String... values) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    statement.setString(i + 1, values[i]);
                }
                statement.executeUpdate();
            }
        }
    }
}
