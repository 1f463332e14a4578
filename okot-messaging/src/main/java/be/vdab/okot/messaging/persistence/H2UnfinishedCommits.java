package be.vdab.okot.messaging.persistence;

import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.db.MVPrimaryIndex;
import org.h2.mvstore.db.MVSecondaryIndex;
import org.h2.mvstore.db.MVTable;
import org.h2.mvstore.db.Store;
import org.h2.mvstore.tx.Transaction;
import org.h2.result.SearchRow;
import org.h2.schema.Schema;
import org.h2.table.Column;
import org.h2.table.Table;
import org.h2.value.ValueNull;
import org.h2.value.VersionedValue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds — and finishes — the commits an embedded H2 2.4.240 file was left with after its process was killed
 * ({@code kill -9}): entries that still carry the id of a transaction that no longer exists.
 *
 * <p>The damage (README, "An H2 file damaged by kill -9"): when H2 reopens a file whose last written state caught a
 * transaction B in the middle of its commit (B marked committed, its entries not yet cleared of its id) and another
 * transaction A, not committed, that had already written over one of B's rows (a {@code SELECT ... FOR UPDATE} is a
 * write in H2), it ends the left-over transactions in the order of their ids. When B's id is the lower one, B's commit
 * passes the row (A's id is on it) and finishes B's index entries, then A's rollback puts back the value A found: B's,
 * with B's id still on it. Nothing clears it afterwards. H2 reads such an entry as B's uncommitted change: every other
 * transaction sees the value before B (for a row B inserted: none, while its unique index entry is there), and as
 * soon as a new transaction takes B's id (H2 reuses the lowest free one, within moments on a busy service) a
 * {@code SELECT ... FOR UPDATE} of the row waits for that transaction until {@code LOCK_TIMEOUT}. The newcomer's
 * finding of issue 15: {@code Person.lockByInsz} found the person through the unique index on insz and then not in the
 * table, H2 error 90143 ("Row ... not found in primary index"), at every restart. H2 fixed the order after 2.4.240
 * (commit 3a0a308, "process leftover transactions in their commitment order", December 2025), in no release yet.
 *
 * <p>{@link #finish} reads every entry of every table and index map (the raw MVStore entries). A table row with an id
 * that no live transaction has takes the value its transaction wrote (B committed: that is what lets A write over its
 * row), but a deletion is applied only for a transaction known to have committed (a left-over H2 still holds open
 * as {@code COMMITTED}); otherwise the row keeps its committed value ({@link #rowValue}). An index entry with such an
 * id then follows the table: it stays, committed, when the row it names is in the table with the entry's values, and
 * is removed otherwise. Each entry is read again after the scan, against the transactions open then, and replaced
 * only while it still carries the same id, so a transaction that began meanwhile is never touched. Run it before the
 * service takes traffic: a live transaction in the middle of its commit (state {@code COMMITTED}) would be taken for
 * a left-over.
 */
public final class H2UnfinishedCommits {

    /** H2's split of an operation id into transaction id (high bits) and log id (low 40 bits). */
    private static final int LOG_ID_BITS = 40;

    /**
     * What one pass found and finished.
     *
     * @param rows     entries finished, per map: {@code TABLE} for the table's rows, {@code TABLE.INDEX} for an index
     * @param entries  entries of the table and index maps scanned
     * @param millis   how long the pass took
     */
    public record Result(Map<String, Integer> rows, long entries, long millis) {

        public int total() {
            return rows.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private H2UnfinishedCommits() {
    }

    /**
     * Scans the H2 database behind {@code connection} (an embedded H2 connection, or one that unwraps to it, with no
     * change of its own uncommitted) and finishes every unfinished commit it finds. An in-memory or non-MVStore database gives an empty result.
     *
     * @throws SQLException when the connection is not an embedded H2 one
     */
    public static Result finish(Connection connection) throws SQLException {
        long begin = System.nanoTime();
        JdbcConnection jdbc = connection.unwrap(JdbcConnection.class);
        if (!(jdbc.getSession() instanceof SessionLocal session)) {
            throw new SQLException("Not an embedded H2 database");
        }
        Database database = session.getDatabase();
        Store store = database.getStore();
        Map<String, Integer> finished = new LinkedHashMap<>();
        if (store == null) {
            return new Result(finished, 0, 0);
        }
        // this session's own transaction holds an id too, often the lowest, which a left-over entry may carry: it
        // has written nothing (the raw writes below are no transaction's), so its id counts as not open
        Open open = new Open(store, session.getTransaction().getId());
        Set<Integer> committedLeftovers = open.committedLeftovers();
        long[] scanned = new long[1];
        for (Schema schema : database.getAllSchemasNoMeta()) {
            for (Table table : schema.getAllTablesAndViews(session)) {
                if (!(table instanceof MVTable mvTable)) {
                    continue;
                }
                MVMap<Object, VersionedValue<Object>> rows = null;
                for (Index index : mvTable.getIndexes()) {
                    if (index instanceof MVPrimaryIndex primary) {
                        rows = raw(primary.getMVMap());
                        count(finished, table.getName(), finishAll(rows, leftOver(rows, open, scanned), open,
                                (key, entry) -> rowValue(entry, committedLeftovers)));
                    }
                }
                if (rows == null) {
                    continue;
                }
                MVMap<Object, VersionedValue<Object>> tableRows = rows;
                for (Index index : mvTable.getIndexes()) {
                    if (index instanceof MVSecondaryIndex secondary) {
                        MVMap<Object, VersionedValue<Object>> entriesOfIndex = raw(secondary.getMVMap());
                        count(finished, table.getName() + "." + index.getName(), finishAll(entriesOfIndex,
                                leftOver(entriesOfIndex, open, scanned), open,
                                (key, entry) -> inTable(tableRows, index, (SearchRow) key) ? ValueNull.INSTANCE : null));
                    }
                }
            }
        }
        return new Result(finished, scanned[0], (System.nanoTime() - begin) / 1_000_000);
    }

    /** The keys of the entries that carry the id of a transaction not open now. */
    private static List<Object> leftOver(MVMap<Object, VersionedValue<Object>> map, Open transactions,
                                         long[] scanned) {
        Set<Integer> open = transactions.now();
        List<Object> keys = new ArrayList<>();
        Cursor<Object, VersionedValue<Object>> cursor = map.cursor(null);
        while (cursor.hasNext()) {
            Object key = cursor.next();
            scanned[0]++;
            long operation = cursor.getValue().getOperationId();
            if (operation != 0 && !open.contains(transactionId(operation))) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** What a left-over entry becomes: a committed value, or {@code null} to remove it. */
    private interface Settlement {
        Object value(Object key, VersionedValue<Object> entry);
    }

    private static int finishAll(MVMap<Object, VersionedValue<Object>> map, List<Object> keys, Open transactions,
                                 Settlement settlement) {
        if (keys.isEmpty()) {
            return 0;
        }
        Set<Integer> open = transactions.now();
        int count = 0;
        for (Object key : keys) {
            VersionedValue<Object> entry = map.get(key);
            if (entry == null) {
                continue;
            }
            long operation = entry.getOperationId();
            if (operation == 0 || open.contains(transactionId(operation))) {
                continue;
            }
            if (finishOne(map, key, operation, settlement.value(key, entry))) {
                count++;
            }
        }
        return count;
    }

    /**
     * What a table row left with the id of a transaction that is not live becomes. Its transaction's fate is known
     * only for a left-over H2 holds open as {@code COMMITTED}: then the value it wrote, a deletion included. Otherwise
     * the value it wrote when it wrote one (the case of README's B: a transaction that wrote over B's row shows B had
     * committed), but a deletion is not applied: the row keeps its committed value. A kill once left a person row
     * "deleted" by a transaction that never committed (nothing deletes persons; 26 committed candidacies named it);
     * applying it lost the person. Keeping a row a committed transaction deleted costs less: the services delete
     * only what is sent again harmlessly (an outbox event, de-duplicated by its id) or expires again.
     */
    private static Object rowValue(VersionedValue<Object> entry, Set<Integer> committedLeftovers) {
        Object written = entry.getCurrentValue();
        if (written != null || committedLeftovers.contains(transactionId(entry.getOperationId()))) {
            return written;
        }
        return entry.getCommittedValue();
    }

    /** Whether the table holds, committed, the row an index entry names, with the entry's values. */
    private static boolean inTable(MVMap<Object, VersionedValue<Object>> rows, Index index, SearchRow entry) {
        VersionedValue<Object> stored = rows.get(entry.getKey());
        if (stored == null || stored.getOperationId() != 0 || !(stored.getCurrentValue() instanceof SearchRow row)) {
            return false;
        }
        for (Column column : index.getColumns()) {
            int id = column.getColumnId();
            if (!Objects.equals(row.getValue(id), entry.getValue(id))) {
                return false;
            }
        }
        return true;
    }

    private static void count(Map<String, Integer> finished, String name, int count) {
        if (count > 0) {
            finished.put(name, count);
        }
    }

    /** Replaces the entry with {@code value} (removes it when null), only while it still carries {@code operation}. */
    @SuppressWarnings("unchecked")
    private static boolean finishOne(MVMap<Object, VersionedValue<Object>> map, Object key, long operation,
                                     Object value) {
        boolean[] done = new boolean[1];
        // a committed entry is stored as its value itself (a row or an index value is a VersionedValue without an
        // id), as H2's own commit (CommitDecisionMaker) stores it
        map.operate(key, (VersionedValue<Object>) value, new MVMap.DecisionMaker<VersionedValue<Object>>() {
            @Override
            public MVMap.Decision decide(VersionedValue<Object> existing, VersionedValue<Object> provided) {
                done[0] = existing != null && existing.getOperationId() == operation;
                return !done[0] ? MVMap.Decision.ABORT : provided == null ? MVMap.Decision.REMOVE : MVMap.Decision.PUT;
            }

            @Override
            public void reset() {
                done[0] = false;
            }
        });
        return done[0];
    }

    @SuppressWarnings("unchecked")
    private static MVMap<Object, VersionedValue<Object>> raw(MVMap<?, ?> map) {
        return (MVMap<Object, VersionedValue<Object>>) map;
    }

    /**
     * The database file of an embedded H2 connection without its {@code .mv.db} suffix (absolute), or {@code null}
     * for an in-memory database.
     *
     * @throws SQLException when the connection is not an embedded H2 one
     */
    public static Path databasePath(Connection connection) throws SQLException {
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            throw new SQLException("Not an embedded H2 database");
        }
        String path = session.getDatabase().getDatabasePath();
        return path == null ? null : Path.of(path);
    }

    /**
     * The ids of the transactions open now that have written something, but for the finishing session's own: a
     * transaction that has written nothing owns no entry (H2's own sessions hold such transactions after an open, with
     * the low ids a left-over entry carries). A transaction open in the state {@code COMMITTED} is not live either: it
     * is a left-over whose commit H2's recovery did not finish ({@code endLeftoverTransactions} calls {@code commit()}
     * on it, which does nothing for a transaction already {@code COMMITTED}), so it stays open with its entries, which
     * every later transaction then reads as uncommitted. {@code H2KillDuringLockingTest} saw one to four of them after 22
     * of 50 kills (e.g. transactions 10 and 13, status 3, with changes), and persons that did not lock when they were
     * skipped. Their entries are finished as committed, as those of a transaction that no longer exists.
     */
    private record Open(Store store, int own) {

        /** The left-overs H2 holds open as {@code COMMITTED}: transactions known to have committed. */
        Set<Integer> committedLeftovers() {
            Set<Integer> ids = new HashSet<>();
            for (Transaction transaction : store.getTransactionStore().getOpenTransactions()) {
                if (transaction.getStatus() == Transaction.STATUS_COMMITTED && transaction.getId() != own) {
                    ids.add(transaction.getId());
                }
            }
            return ids;
        }

        Set<Integer> now() {
            Set<Integer> ids = new HashSet<>();
            for (Transaction transaction : store.getTransactionStore().getOpenTransactions()) {
                if (transaction.hasChanges() && transaction.getStatus() != Transaction.STATUS_COMMITTED) {
                    ids.add(transaction.getId());
                }
            }
            ids.remove(own);
            return ids;
        }
    }

    private static int transactionId(long operation) {
        return (int) (operation >>> LOG_ID_BITS);
    }
}
