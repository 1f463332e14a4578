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

/**
 * {@code POST /candidacies/submissions}: many candidacies registered at once (a class that starts in September, the
 * candidates of a job fair or an OCMW's list), as {@code POST /screenings} does for screenings. Two segments and a
 * POST: it never meets {@code POST /candidacies/{id}/formal-agreement} or {@code .../screening} (three segments),
 * and {@code POST /candidacies} has no path id; a candidacy id is never "submissions" (ids are time-ordered UUIDs).
 */
@Path("/candidacies/submissions")
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
public class CandidacyImportResource {

    static final String OPERATION = "POST /candidacies/submissions";

    @Inject
    CandidacyService service;

    @Inject
    Caller caller;

    @Inject
    BulkImport bulk;

    @POST
    @Operation(summary = "Register many candidacies at once",
            description = BulkImport.DESCRIPTION + "Items as POST /candidacies (no id: the candidacy gets one). An "
                    + "accepted item gives the candidacy's candidacyId, personId and candidacyStatus. An item whose person "
                    + "already has exactly this candidacy (same course, province, referral, submittedOn defaulting to "
                    + "today, name and contact details; a repeated import), whatever its status now, is ACCEPTED with unchanged=true and that "
                    + "candidacy, and publishes nothing; any other candidacy of a person with an open one for the course is "
                    + "REFUSED with 409 candidacy-exists, as in the single call.")
    @APIResponse(responseCode = "200", description = "Every item answered",
            content = @Content(schema = @Schema(implementation = BulkCandidacyResult.class)))
    public Response submissions(@HeaderParam(Idempotency.HEADER) String idempotencyKey, List<CandidacyRequest> items) {
        String actor = caller.actor();
        return bulk.once(idempotencyKey, OPERATION, items, () -> BulkCandidacyResult.of(bulk.applyEach(items,
                item -> BulkCandidacyResult.Registered.of(service.submitOrConfirm(item, actor)))));
    }
}
