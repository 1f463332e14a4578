package be.vdab.okot.intake.api;

import be.vdab.okot.intake.domain.CandidacyService;
import be.vdab.okot.intake.persistence.Candidacy;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/candidacies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Candidacies")
public class CandidacyResource {

    @Inject
    CandidacyService service;

    @POST
    @Operation(summary = "Register a candidacy", description = "A VDAB counsellor registers a person's candidacy for an OKOT course.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = CandidacyResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid input, every violation listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The person already has an open candidacy for this course",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Entry conditions not met, every failed condition listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Transactional
    public Response submit(CandidacyRequest request, UriInfo uriInfo) {
        Candidacy candidacy = service.submit(request, "anonymous");
        return Response.created(uriInfo.getAbsolutePathBuilder().path(candidacy.id).build())
                .entity(view(candidacy.id)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A candidacy with its timeline")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CandidacyResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown candidacy",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Transactional
    public CandidacyResponse get(@PathParam("id") String id) {
        return view(id);
    }

    private CandidacyResponse view(String id) {
        return service.find(id).map(CandidacyResponse::of)
                .orElseThrow(() -> ApiProblemException.notFound("Candidacy", id));
    }
}
