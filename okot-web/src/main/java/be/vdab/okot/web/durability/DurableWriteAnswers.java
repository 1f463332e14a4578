package be.vdab.okot.web.durability;

import be.vdab.okot.messaging.persistence.DurableCommits;
import be.vdab.okot.web.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.List;
import java.util.Set;

/**
 * An answered write is a durable write: the answer to every POST, PUT, PATCH or DELETE waits until the
 * database has its commit in its file ({@link DurableCommits}; at once on PostgreSQL). The wait does not hold a
 * thread: the answer goes out when the shared flush completes. When the flush fails the client gets a 503
 * problem instead of the answer, so it retries (with its Idempotency-Key) rather than trust a write that a
 * crash could undo. An error answer (status 400 and above) changed nothing and goes out at once.
 */
public class DurableWriteAnswers {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Inject
    DurableCommits commits;

    @ServerResponseFilter
    public Uni<Void> afterTheCommitIsWritten(ContainerRequestContext request, ContainerResponseContext response) {
        if (!WRITES.contains(request.getMethod()) || response.getStatus() >= 400) {
            // an error answer changed nothing (the transaction rolled back, or never began): nothing to wait for,
            // and a failing flush must not turn a 409 or a 503 database-unavailable into a not-durable
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(commits.durable())
                .onFailure().recoverWithItem(failure -> {
                    response.setStatus(503);
                    response.getHeaders().putSingle("Content-Type", Problem.MEDIA_TYPE);
                    response.setEntity(Problem.of(503, "not-durable", "Service Unavailable",
                            "The change could not be confirmed on disk; repeat the request with the same Idempotency-Key",
                            request.getUriInfo().getPath(), List.of()));
                    return null;
                });
    }
}
