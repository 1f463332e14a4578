package be.vdab.okot.web.problem;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import org.hibernate.StaleStateException;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that recognises a database refusing a write because a concurrent transaction got
 * there first, and turns it into a 409 problem. The database enforces the invariants (unique keys,
 * row locks, {@code @Version}); this only says so to the client.
 *
 * <p>Recognised anywhere in the cause chain: SQLState {@code 23505} (unique or primary key),
 * {@code 40001} (serialization failure, H2 deadlock), {@code 40P01} (PostgreSQL deadlock),
 * {@code 55P03} (PostgreSQL lock not available), {@code HYT00} (H2 lock timeout), and JPA's
 * optimistic, pessimistic and lock-timeout exceptions. The answer never carries the database's
 * message: it can hold the row's values (an INSZ, for one).
 */
public final class DatabaseConflicts {

    /** What the database refused. */
    public enum Kind {
        /** A unique or primary key: a concurrent request wrote the same thing first. */
        DUPLICATE,
        /** A version, lock timeout or deadlock: a concurrent request changed the same rows. */
        CONCURRENT_CHANGE
    }

    private static final String UNIQUE = "23505";
    private static final Set<String> CONCURRENCY = Set.of("40001", "40P01", "55P03", "HYT00");
    private static final int MAX_DEPTH = 32;

    private DatabaseConflicts() {
    }

    /** The kind of conflict somewhere in {@code failure}'s cause chain, or empty when it is something else. */
    public static Optional<Kind> of(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                if (UNIQUE.equals(sql.getSQLState())) {
                    return Optional.of(Kind.DUPLICATE);
                }
                if (CONCURRENCY.contains(sql.getSQLState())) {
                    return Optional.of(Kind.CONCURRENT_CHANGE);
                }
            }
            if (cause instanceof OptimisticLockException || cause instanceof PessimisticLockException
                    || cause instanceof LockTimeoutException || cause instanceof StaleStateException) {
                return Optional.of(Kind.CONCURRENT_CHANGE);
            }
        }
        return Optional.empty();
    }

    /** The 409 a client gets for a conflict of this kind: what happened and what to do, never a value. */
    public static ApiProblemException problem(Kind kind) {
        return switch (kind) {
            case DUPLICATE -> ApiProblemException.conflict("concurrent-duplicate",
                    "A concurrent request registered the same thing first; this one changed nothing. "
                            + "Repeat it to see the current state.");
            case CONCURRENT_CHANGE -> ApiProblemException.conflict("concurrent-change",
                    "A concurrent request was changing the same data; this one changed nothing. "
                            + "Repeat it to see the current state.");
        };
    }

    /** The SQLState found in the cause chain, for a log line without the database's message. */
    static String sqlState(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "none";
    }
}
