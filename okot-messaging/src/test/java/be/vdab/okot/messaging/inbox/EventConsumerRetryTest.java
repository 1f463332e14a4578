package be.vdab.okot.messaging.inbox;

import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.exception.spi.SQLExceptionConversionDelegate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures of a handler's transaction the consumer retries without limit (and never
 * dead-letters): the exceptions are built as Hibernate builds them from the SQLState each database
 * reports, so a change of dialect classification shows here.
 */
class EventConsumerRetryTest {

    @ParameterizedTest(name = "{0} {1} → transient {2}")
    @CsvSource({
            "postgresql, 40P01, true",  // deadlock detected
            "postgresql, 55P03, true",  // lock not available (lock timeout, NOWAIT)
            "postgresql, 40001, true",  // serialization failure
            "postgresql, 23505, false", // unique violation: a concurrent duplicate is retried a few times, then passes as processed
            "postgresql, 23503, false", // foreign key: a real fault, dead-lettered after the attempts
            "h2, HYT00, true",          // lock timeout (LOCK_TIMEOUT)
            "h2, 40001, true",          // deadlock
            "h2, 23505, false",
            "h2, 22001, false",         // value too long
    })
    void conflictsWithConcurrentTransactionsAreRetriedWithoutLimit(String database, String sqlState, boolean transientFailure) {
        Dialect dialect = "h2".equals(database) ? new H2Dialect() : new PostgreSQLDialect();
        SQLExceptionConversionDelegate delegate = dialect.buildSQLExceptionConversionDelegate();
        SQLException driverFailure = driverFailure(database, sqlState);
        RuntimeException converted = delegate != null ? delegate.convert(driverFailure, "could not execute", "update") : null;
        Throwable failure = new IllegalStateException("commit failed",
                converted != null ? converted : new RuntimeException(driverFailure));

        assertThat(EventConsumer.isTransient(failure)).isEqualTo(transientFailure);
    }

    /** As the driver throws it: H2 uses the JDBC subclasses for timeouts and rollbacks, PostgreSQL a plain SQLException. */
    private static SQLException driverFailure(String database, String sqlState) {
        if ("h2".equals(database) && "HYT00".equals(sqlState)) {
            return new SQLTimeoutException("Timeout trying to lock table", sqlState, 50200);
        }
        if ("h2".equals(database) && "40001".equals(sqlState)) {
            return new SQLTransactionRollbackException("Deadlock detected", sqlState, 40001);
        }
        return new SQLException("refused by the database", sqlState);
    }
}
