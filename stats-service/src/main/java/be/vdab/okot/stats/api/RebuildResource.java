package be.vdab.okot.stats.api;

import be.vdab.okot.stats.events.StoreRebuild;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Rebuilds the facts and live figures from the event log into a fresh store and swaps it in (admins only). */
@Path("/stats/rebuild")
@Tag(name = "Operations")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {

    @Inject
    StoreRebuild rebuild;

    @POST
    @Operation(summary = "Rebuild the figures from the event log",
            description = "Starts a rebuild in the background and answers 202 with its status: every event of the consumed "
                    + "topics is applied again into the store that is not active, the live figures are counted from it, "
                    + "and it is swapped in once it has caught up; the figures keep answering from the active store "
                    + "meanwhile. 409 while a rebuild runs.")
    public Response start() {
        return Response.accepted(rebuild.start()).build();
    }

    @GET
    @Operation(summary = "Where the running or last rebuild stands",
            description = "state REPLAYING, LOADING, CATCHING_UP, SWAPPED or FAILED (with the error); eventsTarget is what the "
                    + "topics held when it started, eventsRead what it has read, eventsPerSecond its rate. 404 when none ran "
                    + "since the service started.")
    public StoreRebuild.Status status() {
        return rebuild.status().orElseThrow(() -> ApiProblemException.notFound("Rebuild", "of this service run"));
    }
}
