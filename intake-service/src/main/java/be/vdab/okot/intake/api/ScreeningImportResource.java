package be.vdab.okot.intake.api;

import be.vdab.okot.intake.domain.CandidacyService;
import be.vdab.okot.web.bulk.BulkImport;
import be.vdab.okot.web.idempotency.Idempotency;
import be.vdab.okot.web.problem.Problem;
import be.vdab.okot.web.security.Caller;
import be.vdab.okot.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code POST /screenings}: a term's screenings imported at once, as {@code POST /outflow/measurements} does for outflow. */
@Path("/screenings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Candidacies")
@RolesAllowed(Roles.COUNSELLOR)
@APIResponse(responseCode = "400", description = BulkImport.REFUSED_WHOLE,
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "No or an invalid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not a counsellor",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ScreeningImportResource {

    static final String OPERATION = "POST /screenings";

    @Inject
    CandidacyService service;

    @Inject
    Caller caller;

    @Inject
    BulkImport bulk;

    @POST
    @Operation(summary = "Record many screenings at once",
            description = BulkImport.DESCRIPTION + "Items as POST /candidacies/{id}/screening, with candidacyId. An "
                    + "accepted item gives the candidacy's status after it; one identical to the screening already recorded "
                    + "(a repeated import) is ACCEPTED with unchanged=true and publishes nothing; another screening of a "
                    + "screened candidacy is REFUSED with 409.")
    @APIResponse(responseCode = "200", description = "Every item answered",
            content = @Content(schema = @Schema(implementation = BulkScreeningResult.class)))
    public Response screenings(@HeaderParam(Idempotency.HEADER) String idempotencyKey, List<ScreeningRequest> items) {
        String actor = caller.actor();
        return bulk.once(idempotencyKey, OPERATION, items, () -> BulkScreeningResult.of(items, bulk.applyEach(items,
                item -> service.screenOrConfirm(BulkImport.requireId("candidacyId", item.candidacyId()), bulk.valid(item),
                        actor))));
    }
}
