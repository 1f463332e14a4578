package be.vdab.okot.enrolment.api;

import be.vdab.okot.enrolment.domain.ContractService;
import be.vdab.okot.enrolment.persistence.Contract;
import be.vdab.okot.web.idempotency.Idempotency;
import be.vdab.okot.web.page.PageResponse;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem;
import be.vdab.okot.web.security.Caller;
import be.vdab.okot.web.security.Roles;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


@Path("/contracts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Contracts")
@RolesAllowed(Roles.COUNSELLOR)
public class ContractResource {

    @Inject
    ContractService service;

    @Inject
    Caller caller;

    @Inject
    Idempotency idempotency;

    @POST
    @Transactional
    @Operation(summary = "Start a training contract for one training year",
            description = "Only for a candidacy approved at screening; the first contract of a candidacy opens its "
                    + "cluster, later training years continue it.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ContractView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input or dates",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Candidacy not (yet) approved here, or overlapping contracts",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The training year is not of the candidacy's course",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(@HeaderParam(Idempotency.HEADER) String idempotencyKey, ContractRequest request,
                          UriInfo uriInfo) {
        return idempotency.once(idempotencyKey, "POST /contracts", request, Idempotency.Access.ROLE_ONLY, () -> {
            Contract contract = service.start(request, caller.actor());
            return Response.created(uriInfo.getBaseUriBuilder().path("contracts").path(contract.id).build())
                    .entity(ContractView.of(contract)).build();
        });
    }

    @POST
    @Path("/{id}/cancellation")
    @Transactional
    @Operation(summary = "Cancel a contract registered by mistake", description = "It no longer counts anywhere.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ContractView.class)))
    @APIResponse(responseCode = "409", description = "Already cancelled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cancel(@PathParam("id") String id, @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.once(idempotencyKey, "POST /contracts/" + id + "/cancellation", id,
                Idempotency.Access.ROLE_ONLY, () -> Response.ok(ContractView.of(service.cancel(id, caller.actor()))).build());
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "One contract")
    @APIResponse(responseCode = "404", description = "Unknown contract",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ContractView get(@PathParam("id") String id) {
        return service.find(id).map(ContractView::of).orElseThrow(() -> ApiProblemException.notFound("Contract", id));
    }

    @GET
    @Transactional
    @Operation(summary = "Contracts of a candidacy or a person, in order of start")
    public PageResponse<ContractView> list(@QueryParam("candidacyId") String candidacyId,
                                           @QueryParam("personId") String personId,
                                           @QueryParam("page") @DefaultValue("0") int page,
                                           @QueryParam("size") @DefaultValue("20") int size) {
        PageResponse.checkPaging(page, size);
        PanacheQuery<Contract> query = service.query(candidacyId, personId);
        return new PageResponse<>(query.page(page, size).list().stream().map(ContractView::of).toList(), page, size,
                query.count());
    }
}
