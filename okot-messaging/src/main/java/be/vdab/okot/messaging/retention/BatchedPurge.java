package be.vdab.okot.messaging.retention;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Instant;
import java.util.List;

/**
 * Deletes the rows of a table whose time column lies before a threshold, at most {@code batchSize} rows per
 * transaction, until none is left: a purge that finds months of rows (the first after an upgrade) never becomes
 * one transaction holding them all. Each batch reads the keys first, then deletes them by key (the same SQL on
 * H2 2.x and PostgreSQL); H2 re-ran a {@code delete … where key in (select … fetch first n rows only)} subquery
 * for every row: a purge of 3,000 rows had not ended after a minute in {@code IntakeStorageBenchmark}.
 */
public final class BatchedPurge {

    private BatchedPurge() {
    }

    /**
     * @param table      the table, e.g. {@code okot_processed_event}
     * @param key        its primary key column
     * @param timeColumn the column compared with the threshold; {@code null} values are never deleted
     * @param threshold  rows strictly before this instant are deleted
     * @param batchSize  rows per transaction, at least 1
     * @return the rows deleted
     */
    public static long before(String table, String key, String timeColumn, Instant threshold, int batchSize) {
        int limit = Math.max(1, batchSize);
        String select = "select " + key + " from " + table + " where " + timeColumn + " < ?1 fetch first " + limit
                + " rows only";
        String delete = "delete from " + table + " where " + key + " in (?1)";
        long deleted = 0;
        while (true) {
            int batch = QuarkusTransaction.requiringNew().call(() -> {
                List<?> keys = Panache.getEntityManager().createNativeQuery(select).setParameter(1, threshold)
                        .getResultList();
                return keys.isEmpty() ? 0
                        : Panache.getEntityManager().createNativeQuery(delete).setParameter(1, keys).executeUpdate();
            });
            deleted += batch;
            if (batch < limit) {
                return deleted;
            }
        }
    }
}
