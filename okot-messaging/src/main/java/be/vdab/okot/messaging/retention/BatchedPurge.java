package be.vdab.okot.messaging.retention;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Instant;

/**
 * Deletes the rows of a table whose time column lies before a threshold, at most {@code batchSize} rows per
 * transaction (one statement each, the same SQL on H2 2.x and PostgreSQL), until none is left: a purge that
 * finds months of rows (the first after an upgrade) never becomes one transaction holding them all.
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
        String sql = "delete from " + table + " where " + key + " in (select " + key + " from " + table
                + " where " + timeColumn + " < ?1 fetch first " + Math.max(1, batchSize) + " rows only)";
        long deleted = 0;
        while (true) {
            int batch = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                    .createNativeQuery(sql).setParameter(1, threshold).executeUpdate());
            deleted += batch;
            if (batch < batchSize) {
                return deleted;
            }
        }
    }
}
