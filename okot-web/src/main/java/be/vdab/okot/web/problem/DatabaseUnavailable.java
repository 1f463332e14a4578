package be.vdab.okot.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.sql.SQLException;
import java.util.List;

/**
 * The one place that recognises a request that failed because the service could not reach its database — not
 * because of what it asked — and answers it with a 503 and {@code Retry-After}, so that a client (or a load
 * balancer) backs off and repeats, instead of reading a 500 as a fault of the request.
 *
 * <p>Recognised anywhere in the cause chain: the connection pool gave no connection within its acquisition
 * timeout (Agroal's {@link SQLException}s "Sorry, acquisition timeout!" — none free, seen when a write burst
 * outruns the pool's {@code quarkus.datasource.jdbc.max-size} — and "Acquisition timeout while waiting for new
 * connection"; neither carries a SQLState), and SQLState class {@code 08}
 * (connection exception: PostgreSQL down or restarting). Nothing was changed: the transaction never began or was
 * rolled back with the connection.
 */
public final class DatabaseUnavailable {

    /** Seconds a client should wait before it repeats the request (the {@code Retry-After} header). */
    public static final int RETRY_AFTER_SECONDS = 1;

    private static final List<String> AGROAL_ACQUISITION_TIMEOUTS =
            List.of("Sorry, acquisition timeout!", "Acquisition timeout while waiting for new connection");
    private static final int MAX_DEPTH = 32;

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure} says the database could not be reached or no connection was free. */
    public static boolean of(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (AGROAL_ACQUISITION_TIMEOUTS.contains(sql.getMessage())
                    || sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    /** The 503 {@code database-unavailable} problem, with {@code Retry-After}. */
    static Response problem(UriInfo uri) {
        Response problem = ProblemMappers.problem(503, "database-unavailable", "Service Unavailable",
                "The service cannot reach its database right now (busy or restarting); nothing was changed. "
                        + "Repeat the request after Retry-After seconds, with the same Idempotency-Key.", uri, null);
        return Response.fromResponse(problem).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}
