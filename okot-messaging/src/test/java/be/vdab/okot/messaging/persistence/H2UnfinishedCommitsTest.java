package be.vdab.okot.messaging.persistence;

import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.engine.SessionLocal;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.db.MVPrimaryIndex;
import org.h2.mvstore.db.MVSecondaryIndex;
import org.h2.mvstore.db.MVTable;
import org.h2.value.VersionedValue;
import org.junit.jupiter.api.AfterEach;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link H2UnfinishedCommits} on an H2 file that holds the damage a {@code kill -9} left (issue 15): rows that
 * carry the id of a transaction that is no longer open. The damage is made the way H2's recovery makes it: a
 * transaction's entries (an updated row, an inserted row) are taken while it runs, it rolls back, and the entries
 * are put back as they were (the rollback of a later transaction restored them after the commit had passed). While
 * other transactions hold the low transaction ids (as on a busy service), the updated row waits for a lock no one
 * will release, and the inserted row, whose unique index entry is committed, fails with H2 error 90143 — the
 * newcomer's {@code Person.lockByInsz} 500. After {@link H2UnfinishedCommits#finish} both read and lock as
 * committed, also after a restart.
 */
class H2UnfinishedCommitsTest {

    @TempDir
    Path dir;

    private final List<Connection> open = new ArrayList<>();

    @AfterEach
    void close() throws SQLException {
        for (Connection connection : open) {
            connection.close();
        }
    }

    @Test
    void rowsLeftWithADeadTransactionsIdAreFinishedAsCommitted() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("damaged") + ";LOCK_TIMEOUT=300";
        Connection admin = withPersonAn(url);
        damage(admin, url);

        List<Connection> busy = holdLowTransactionIds(url);
        assertThatThrownBy(() -> lockByInsz(admin, "85073003328")).as("the updated row, its id reused")
                .isInstanceOf(SQLException.class).hasMessageContaining("Timeout");
        assertThatThrownBy(() -> lockByInsz(admin, "90010100155")).as("the inserted row, its id reused")
                .isInstanceOf(SQLException.class).hasMessageContaining("90143");
        release(busy);

        H2UnfinishedCommits.Result result = H2UnfinishedCommits.finish(admin);
        assertThat(result.rows()).isEqualTo(Map.of("PERSON", 2));
        assertThat(H2UnfinishedCommits.finish(admin).total()).as("a second pass").isZero();

        busy = holdLowTransactionIds(url);
        assertThat(lockByInsz(admin, "85073003328")).isEqualTo("Anna");
        assertThat(lockByInsz(admin, "90010100155")).isEqualTo("Bert");
        release(busy);
        admin.close();
        open.remove(admin);

        Connection reopened = connect(url);
        busy = holdLowTransactionIds(url);
        assertThat(lockByInsz(reopened, "85073003328")).as("after a restart").isEqualTo("Anna");
        assertThat(lockByInsz(reopened, "90010100155")).isEqualTo("Bert");
        assertThat(H2UnfinishedCommits.finish(reopened).total()).isZero();
        release(busy);
    }

    /**
     * A kill left a person row "deleted" by a transaction that never committed (nothing deletes persons; 26 committed
     * candidacies named it, H2KillDuringLockingTest's kill 10 of a run): finishing it as deleted lost the person.
     * A deletion by a transaction that is no longer live is not applied: the row keeps its committed value, its
     * index entries stay, and it locks by insz.
     */
    @Test
    void aRowDeletedByATransactionThatIsNoLongerLiveKeepsItsCommittedValue() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("deleted") + ";LOCK_TIMEOUT=300";
        Connection admin = withPersonAn(url);
        Connection writer = connect(url);
        writer.setAutoCommit(false);
        try (Statement statement = writer.createStatement()) {
            statement.executeUpdate("delete from person where person_id = 'p1'");
        }
        List<Map.Entry<Object, VersionedValue<Object>>> left = new ArrayList<>();
        List<MVMap<Object, VersionedValue<Object>>> mapOfEntry = new ArrayList<>();
        for (Index index : table(admin).getIndexes()) {
            MVMap<Object, VersionedValue<Object>> map = index instanceof MVPrimaryIndex primary ? raw(primary.getMVMap())
                    : index instanceof MVSecondaryIndex secondary ? raw(secondary.getMVMap()) : null;
            if (map != null) {
                map.forEach((key, value) -> {
                    if (value.getOperationId() != 0) {
                        left.add(Map.entry(key, value));
                        mapOfEntry.add(map);
                    }
                });
            }
        }
        assertThat(left).as("p1's row and its entries in the two unique indexes, deleted").hasSize(3)
                .allSatisfy(entry -> assertThat(entry.getValue().getCurrentValue()).isNull());
        writer.rollback();
        for (int i = 0; i < left.size(); i++) { // as H2's recovery left them: with the id of a transaction now gone
            mapOfEntry.get(i).put(left.get(i).getKey(), left.get(i).getValue());
        }

        assertThat(H2UnfinishedCommits.finish(admin).total()).isEqualTo(3);
        admin.close();
        open.remove(admin);
        Connection reopened = connect(url);
        List<Connection> busy = holdLowTransactionIds(url);
        assertThat(lockByInsz(reopened, "85073003328")).as("after a restart, the low ids in use").isEqualTo("An");
        try (Statement statement = reopened.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from person")) {
            count.next();
            assertThat(count.getLong(1)).isEqualTo(1);
        }
        release(busy);
    }

    /** A new file with intake's person table (primary key, unique insz) holding An, committed. */
    private Connection withPersonAn(String url) throws SQLException {
        Connection admin = connect(url);
        try (Statement statement = admin.createStatement()) {
            statement.execute("create table person (person_id varchar(36) not null primary key,"
                    + " insz varchar(11) not null unique, first_name varchar(100) not null)");
            statement.execute("insert into person values ('p1', '85073003328', 'An')");
        }
        return admin;
    }

    @Test
    void aCleanFileHasNothingToFinish() throws Exception {
        Connection admin = connect("jdbc:h2:file:" + dir.resolve("clean"));
        try (Statement statement = admin.createStatement()) {
            statement.execute("create table t (id int primary key, v varchar(10) unique)");
            statement.execute("insert into t select x, 'v' || x from system_range(1, 1000)");
        }
        List<Connection> busy = holdLowTransactionIds("jdbc:h2:file:" + dir.resolve("clean"));
        H2UnfinishedCommits.Result result = H2UnfinishedCommits.finish(admin);
        assertThat(result.total()).as("rows of open transactions are theirs, not left over").isZero();
        assertThat(result.entries()).isGreaterThanOrEqualTo(2000);
        release(busy);
    }

    /**
     * A transaction updates p1 and inserts p2; its entries are taken, it rolls back, and they are put back: p1's and
     * p2's table entries with its id, p2's unique index entry committed.
     */
    private void damage(Connection admin, String url) throws SQLException {
        Connection writer = connect(url);
        writer.setAutoCommit(false);
        try (Statement statement = writer.createStatement()) {
            statement.executeUpdate("update person set first_name = 'Anna' where person_id = 'p1'");
            statement.executeUpdate("insert into person values ('p2', '90010100155', 'Bert')");
        }
        MVTable table = table(admin);
        // index keys are rows, which have no hash code: lists of entries, not maps
        List<Map.Entry<Object, VersionedValue<Object>>> rows = new ArrayList<>();
        List<Map.Entry<Object, VersionedValue<Object>>> indexEntries = new ArrayList<>();
        List<MVMap<Object, VersionedValue<Object>>> indexOfEntry = new ArrayList<>();
        MVMap<Object, VersionedValue<Object>> table0 = null;
        for (Index index : table.getIndexes()) {
            if (index instanceof MVPrimaryIndex primary) {
                table0 = raw(primary.getMVMap());
                table0.forEach((key, value) -> {
                    if (value.getOperationId() != 0) {
                        rows.add(Map.entry(key, value));
                    }
                });
            } else if (index instanceof MVSecondaryIndex secondary) {
                MVMap<Object, VersionedValue<Object>> entries = raw(secondary.getMVMap());
                entries.forEach((key, value) -> {
                    if (value.getOperationId() != 0 && value.getCurrentValue() != null) {
                        indexEntries.add(Map.entry(key, value));
                        indexOfEntry.add(entries);
                    }
                });
            }
        }
        assertThat(rows).as("p1 updated, p2 inserted").hasSize(2);
        assertThat(indexEntries).as("p1's and p2's entries in the two unique indexes").hasSize(4);
        writer.rollback();
        // the table rows as the recovery left them, the index entries as the transaction's commit finished them
        MVMap<Object, VersionedValue<Object>> tableRows = table0;
        rows.forEach(entry -> tableRows.put(entry.getKey(), entry.getValue()));
        for (int i = 0; i < indexEntries.size(); i++) {
            indexOfEntry.get(i).put(indexEntries.get(i).getKey(),
                    committed(indexEntries.get(i).getValue().getCurrentValue()));
        }
    }

    @SuppressWarnings("unchecked")
    private static VersionedValue<Object> committed(Object value) {
        return (VersionedValue<Object>) value;
    }

    private static MVTable table(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return (MVTable) session.getDatabase().getSchema("PUBLIC").findTableOrView(session, "PERSON");
    }



    @SuppressWarnings("unchecked")
    private static MVMap<Object, VersionedValue<Object>> raw(MVMap<?, ?> map) {
        return (MVMap<Object, VersionedValue<Object>>) map;
    }

    /** The service's read: the person through the unique index on insz, write-locked. */
    private static String lockByInsz(Connection connection, String insz) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement(
                "select first_name from person where insz = ? for update")) {
            statement.setString(1, insz);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /** 16 sessions with an open transaction each: the lowest free ids, the one the damage carries among them. */
    private List<Connection> holdLowTransactionIds(String url) throws SQLException {
        List<Connection> busy = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Connection connection = connect(url);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table if not exists scratch (x int)");
                statement.executeUpdate("insert into scratch values (1)");
            }
            busy.add(connection);
        }
        return busy;
    }

    private void release(List<Connection> busy) throws SQLException {
        for (Connection connection : busy) {
            connection.rollback();
            connection.close();
            open.remove(connection);
        }
    }

    private Connection connect(String url) throws SQLException {
        Connection connection = DriverManager.getConnection(url, "sa", "");
        open.add(connection);
        return connection;
    }
}
