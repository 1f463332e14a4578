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
import org.h2.schema.Schema;
import org.h2.table.Table;
import org.h2.value.VersionedValue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds — and finishes — the commits an embedded H2 2.4.240 file was left with after its process was killed
 * ({@code kill -9}): rows of a committed transaction that still carry that transaction's id.
 *
 * <p>The damage (README, "An H2 file damaged by kill -9"): when H2 reopens a file whose last written state caught a
 * transaction B in the middle of its commit (B marked committed, its rows not yet cleared of its id) and another
 * transaction A, not committed, that had already written over one of B's rows, it ends the left-over transactions in
 * the order of their ids. When B's id is the lower one, B's commit passes the row (A's id is on it), then A's rollback
 * puts back the value A found: B's, with B's id still on it. Nothing clears it afterwards. While no transaction has
 * that id the row reads right; as soon as a new transaction takes the id (H2 reuses the lowest free one, so within
 * moments on a busy service) every other transaction sees the row as that one's uncommitted change: a
 * {@code SELECT ... FOR UPDATE} waits for it until {@code LOCK_TIMEOUT}, and a row B had inserted is invisible
 * while its unique index entry is not, so the read through that index fails with H2 error 90143 ("Row ... not found
 * in primary index"; {@code Person.lockByInsz}, the newcomer's finding of issue 15). It survives every restart. H2
 * fixed the order after 2.4.240 (commit 3a0a308, "process leftover transactions in their commitment order",
 * December 2025), in no release yet.
 *
 * <p>{@link #finish} scans every row of every table and index map (primary and secondary indexes, the raw MVStore
 * entries): an entry with a transaction id that no open transaction has is such a row. Finishing it is what B's
 * commit would have done: the entry's current value replaces it, without an id (a removed row is removed). Each
 * entry is checked twice (after the scan, against the transactions open then) and replaced only if it is still the
 * same entry, so a transaction that began meanwhile is never touched. Run it before the service takes traffic;
 * a transaction that happens to hold a left-over id at that moment hides that row until the next start.
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
     * Scans the H2 database behind {@code connection} (an embedded H2 connection, or one that unwraps to it) and
     * finishes every unfinished commit it finds. An in-memory or non-MVStore database gives an empty result.
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
        long entries = 0;
        if (store == null) {
            return new Result(finished, 0, 0);
        }
        for (Schema schema : database.getAllSchemasNoMeta()) {
            for (Table table : schema.getAllTablesAndViews(session)) {
                if (!(table instanceof MVTable mvTable)) {
                    continue;
                }
                for (Index index : mvTable.getIndexes()) {
                    MVMap<Object, VersionedValue<Object>> map = rawMap(index);
                    if (map == null) {
                        continue;
                    }
                    String name = index instanceof MVPrimaryIndex ? table.getName()
                            : table.getName() + "." + index.getName();
                    Set<Integer> open = openTransactions(store);
                    List<Object> suspects = new ArrayList<>();
                    Cursor<Object, VersionedValue<Object>> cursor = map.cursor(null);
                    while (cursor.hasNext()) {
                        Object key = cursor.next();
                        entries++;
                        long operation = cursor.getValue().getOperationId();
                        if (operation != 0 && !open.contains(transactionId(operation))) {
                            suspects.add(key);
                        }
                    }
                    int count = finishAll(map, suspects, store);
                    if (count > 0) {
                        finished.put(name, count);
                    }
                }
            }
        }
        return new Result(finished, entries, (System.nanoTime() - begin) / 1_000_000);
    }

    private static int finishAll(MVMap<Object, VersionedValue<Object>> map, List<Object> suspects, Store store) {
        if (suspects.isEmpty()) {
            return 0;
        }
        Set<Integer> open = openTransactions(store);
        int count = 0;
        for (Object key : suspects) {
            VersionedValue<Object> entry = map.get(key);
            if (entry == null) {
                continue;
            }
            long operation = entry.getOperationId();
            if (operation == 0 || open.contains(transactionId(operation))) {
                continue;
            }
            if (finishOne(map, key, operation, entry.getCurrentValue())) {
                count++;
            }
        }
        return count;
    }

    /** Replaces the entry with its current value, without an id, only while it still carries {@code operation}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean finishOne(MVMap<Object, VersionedValue<Object>> map, Object key, long operation,
                                     Object current) {
        boolean[] done = new boolean[1];
        // a committed entry is stored as its value itself (a row or index value is a VersionedValue without an id),
        // as H2's own commit (CommitDecisionMaker) stores it
        VersionedValue<Object> committed = (VersionedValue<Object>) current;
        map.operate(key, committed, new MVMap.DecisionMaker<VersionedValue<Object>>() {
            @Override
            public MVMap.Decision decide(VersionedValue<Object> existing, VersionedValue<Object> provided) {
                if (existing == null || existing.getOperationId() != operation) {
                    done[0] = false;
                    return MVMap.Decision.ABORT;
                }
                done[0] = true;
                return provided == null ? MVMap.Decision.REMOVE : MVMap.Decision.PUT;
            }

            @Override
            public void reset() {
                done[0] = false;
            }
        });
        return done[0];
    }

    @SuppressWarnings("unchecked")
    private static MVMap<Object, VersionedValue<Object>> rawMap(Index index) {
        if (index instanceof MVPrimaryIndex primary) {
            return (MVMap<Object, VersionedValue<Object>>) (MVMap<?, ?>) primary.getMVMap();
        }
        if (index instanceof MVSecondaryIndex secondary) {
            return (MVMap<Object, VersionedValue<Object>>) (MVMap<?, ?>) secondary.getMVMap();
        }
        return null;
    }

    private static Set<Integer> openTransactions(Store store) {
        Set<Integer> ids = new HashSet<>();
        for (Transaction transaction : store.getTransactionStore().getOpenTransactions()) {
            ids.add(transaction.getId());
        }
        return ids;
    }

    private static int transactionId(long operation) {
        return (int) (operation >>> LOG_ID_BITS);
    }
}
