package be.vdab.okot.intake.api;

import be.vdab.okot.intake.domain.CandidacyService;
import be.vdab.okot.intake.domain.CandidacyStatus;
import be.vdab.okot.intake.persistence.Candidacy;
import be.vdab.okot.intake.persistence.Screening;
import be.vdab.okot.intake.persistence.TimelineEntry;
import be.vdab.okot.web.bulk.BulkImport;
import be.vdab.okot.web.idempotency.Idempotency;
import be.vdab.okot.web.page.PageResponse;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem;
import be.vdab.okot.web.problem.Problem.Violation;
import be.vdab.okot.web.security.Caller;
import be.vdab.okot.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;

@Path("/candidacies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Candidacies")
@APIResponse(responseCode = "401", description = "No or an invalid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Wrong role, or another organisation's client",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CandidacyResource {

    @Inject
    CandidacyService service;

    @Inject
    Caller caller;

    @Inject
    Idempotency idempotency;

    @POST
    @RolesAllowed(Roles.COUNSELLOR)
    @Transactional
    @Operation(summary = "Register a candidacy", description = "A VDAB counsellor registers a person's candidacy for an "
            + "OKOT course. An OCMW referral waits for the social worker's formal agreement.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = CandidacyResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid input, every violation listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The person already has an open candidacy for this course",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Entry conditions not met or unknown course, every failure listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(@HeaderParam(Idempotency.HEADER) String idempotencyKey, CandidacyRequest request,
                           UriInfo uriInfo) {
        return idempotency.once(idempotencyKey, "POST /candidacies", request, Idempotency.Access.ROLE_ONLY, () -> {
            Candidacy candidacy = service.submit(request, caller.actor());
            return Response.created(uriInfo.getBaseUriBuilder().path("candidacies").path(candidacy.id).build())
                    .entity(full(candidacy)).build();
        });
    }

    @POST
    @Path("/{id}/formal-agreement")
    @RolesAllowed(Roles.OCMW)
    @Transactional
    @Operation(summary = "Formal agreement of the OCMW social worker",
            description = "Only a social worker of the referring OCMW; the candidacy then awaits screening.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CandidacyResponse.class)))
    @APIResponse(responseCode = "409", description = "Not an OCMW referral, or not awaiting agreement",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response agree(@PathParam("id") String id, @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                          @Valid FormalAgreementRequest request) {
        return idempotency.once(idempotencyKey, "POST /candidacies/" + id + "/formal-agreement", request,
                () -> service.requireAgreementAccess(id, caller),
                () -> Response.ok(full(service.agree(id, request, caller))).build());
    }

    @POST
    @Path("/{id}/screening")
    @RolesAllowed(Roles.COUNSELLOR)
    @Transactional
    @Operation(summary = "Screening (intake interview)", description = "Motivation, preconditions, fit with the path to "
            + "work, learning ability, and the decision; an approval needs a probable start date and place.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CandidacyResponse.class)))
    @APIResponse(responseCode = "409", description = "Not awaiting screening (e.g. the OCMW has not agreed yet)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "An approval the dimensions do not justify",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response screen(@PathParam("id") String id, @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                           @Valid ScreeningRequest request) {
        BulkImport.requireNoIdInBody("candidacyId", request != null ? request.candidacyId() : null,
                ScreeningImportResource.OPERATION);
        return idempotency.once(idempotencyKey, "POST /candidacies/" + id + "/screening", request,
                Idempotency.Access.ROLE_ONLY, () -> Response.ok(full(service.screen(id, request, caller.actor()))).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.COUNSELLOR, Roles.OCMW})
    @Transactional
    @Operation(summary = "A candidacy with its timeline", description = "Its own steps and the contract starts, course "
            + "ends and outflow reported by the other services. A social worker sees only the OCMW's own clients.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CandidacyResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown candidacy",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CandidacyResponse get(@PathParam("id") String id) {
        Candidacy candidacy = service.find(id).orElseThrow(() -> ApiProblemException.notFound("Candidacy", id));
        if (!caller.hasRole(Roles.COUNSELLOR)) {
            caller.requireOcmw(candidacy.ocmwId);
        }
        return full(candidacy);
    }

    @GET
    @RolesAllowed({Roles.COUNSELLOR, Roles.OCMW})
    @Transactional
    @Operation(summary = "Candidacies by status and OCMW, newest first",
            description = "A social worker lists only the OCMW's own clients.")
    public PageResponse<CandidacyResponse> list(
            @Parameter(description = "one of " + "AWAITING_FORMAL_AGREEMENT, AWAITING_SCREENING, APPROVED, REJECTED, ENROLLED, CLOSED")
            @QueryParam("status") String status,
            @QueryParam("ocmwId") String ocmwId,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        CandidacyStatus wanted = parseStatus(status);
        PageResponse.checkPaging(page, size);
        String organisation = ocmwId;
        if (!caller.hasRole(Roles.COUNSELLOR)) {
            organisation = caller.ocmwId().orElseThrow(() -> Caller.forbidden("The token names no OCMW"));
            if (ocmwId != null && !ocmwId.equals(organisation)) {
                throw Caller.forbidden("A social worker lists only the OCMW's own clients");
            }
        }
        List<CandidacyResponse> items = service.list(wanted, organisation, page, size).stream()
                .map(CandidacyResponse::summary).toList();
        return new PageResponse<>(items, page, size, service.count(wanted, organisation));
    }

    private static CandidacyStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return CandidacyStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalid(List.of(new Violation("status",
                    "must be one of " + Arrays.toString(CandidacyStatus.values()))));
        }
    }

    private static CandidacyResponse full(Candidacy candidacy) {
        return CandidacyResponse.full(candidacy, Screening.findById(candidacy.id), TimelineEntry.of(candidacy.id));
    }
}
