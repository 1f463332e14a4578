package be.vdab.okot.stats.api;

import be.vdab.okot.stats.domain.Reconciliation;
import be.vdab.okot.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/stats/reconciliation")
@Tag(name = "Figures")
@RolesAllowed({Roles.ANALYST, Roles.ADMIN})
public class ReconciliationResource {

    @Inject
    Reconciliation reconciliation;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check the live figures against the event log",
            description = "Reads every event from the beginning of the topics, compares what they say with the stored "
                    + "facts (missing, unexpected, different) and recounts the headline figures of every year from the "
                    + "events with an independent implementation of the rules; consistent=false names each difference. "
                    + "Exact when the platform is quiet (no consumer lag); takes seconds on a large history.")
    public Reconciliation.Report reconcile() {
        return reconciliation.run();
    }
}
