package be.vdab.okot.enrolment.api;

import be.vdab.okot.enrolment.domain.ContractService;
import be.vdab.okot.enrolment.domain.CostService;
import be.vdab.okot.enrolment.persistence.CostEntry;
import be.vdab.okot.web.bulk.BulkImport;
import be.vdab.okot.web.calendar.BusinessCalendar;
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
import jakarta.validation.Validator;
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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;


@Path("/contracts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Contracts")
@RolesAllowed(Roles.COUNSELLOR)
public class ContractResource {

    static final String STARTS_OPERATION = "POST /contracts/starts";

    @Inject
    ContractService service;

    @Inject
    Caller caller;

    @Inject
    Idempotency idempotency;

    @Inject
    CostService costs;

    @Inject
    Validator validator;

    @Inject
    BusinessCalendar calendar;

    @Inject
    BulkImport bulk;

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

    /**
     * Contracts of a class, a job fair or an OCMW list at once. {@code POST /contracts/starts} never meets
     * {@code POST /contracts/{id}/cancellation} or {@code /costs}: two segments against three, so "starts" is never
     * read as a contract id nor the reverse.
     */
    @POST
    @Path("/starts")
    @Operation(summary = "Start many training contracts at once",
            description = BulkImport.DESCRIPTION + "Items as POST /contracts (the candidacyId is in its body already). "
                    + "An accepted item gives the contract's id and clusterId; one equal to a contract the candidacy already "
                    + "has (same trainingCode, startDate, plannedEndDate, province and school: a repeated import) is ACCEPTED "
                    + "with unchanged=true and that contract's id (cancelled=true when it was cancelled since: it stays so), "
                    + "and registers and publishes nothing. A different contract "
                    + "for the same period is REFUSED with 409 contracts-overlap, a second one of a module 4a/4b candidacy "
                    + "with 409 module-has-one-training, as the single call answers.")
    @APIResponse(responseCode = "200", description = "Every item answered",
            content = @Content(schema = @Schema(implementation = BulkContractStartResult.class)))
    @APIResponse(responseCode = "400", description = BulkImport.REFUSED_WHOLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response starts(@HeaderParam(Idempotency.HEADER) String idempotencyKey, List<ContractRequest> items) {
        String actor = caller.actor();
        return bulk.once(idempotencyKey, STARTS_OPERATION, items, () -> BulkContractStartResult.of(items,
                bulk.applyEach(items, item -> service.startOrConfirm(item, actor))));
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

    @POST
    @Path("/{id}/costs")
    @Transactional
    @RolesAllowed({Roles.COUNSELLOR, Roles.ADMIN})
    @Operation(summary = "Record money spent for a contract, or correct an entry",
            description = "kind REGISTRATION_FEE, STUDY_COSTS, LEARNING_MATERIALS or ADMINISTRATION; amount in euro with at "
                    + "most two decimals, positive; a correction is a new entry with a negative amount and corrects (the id "
                    + "of an entry of the same contract and kind), and an entry with its corrections never goes below zero. "
                    + "Entries are never changed; a cancelled contract keeps its costs and takes corrections only. "
                    + "Counts in F9 (GET /stats/spending) on its booking date.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = CostView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input: missing fields, wrong sign, more than two decimals, "
            + "a booking date in the future",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown contract",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "contract-cancelled (a new entry) or correction-exceeds-entry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "corrected-entry-unknown or correction-kind-differs",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response recordCost(@PathParam("id") String id, @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                               CostRequest request, UriInfo uriInfo) {
        return idempotency.once(idempotencyKey, "POST /contracts/" + id + "/costs", request, Idempotency.Access.ROLE_ONLY, () -> {
            checkInput(request);
            CostEntry entry = costs.record(id, request.kind(), request.amount(), request.bookedOn(), request.corrects(),
                    request.note(), caller.actor());
            return Response.created(uriInfo.getBaseUriBuilder().path("contracts").path(id).path("costs").path(entry.id).build())
                    .entity(CostView.of(entry)).build();
        });
    }

    @GET
    @Path("/{id}/costs")
    @Transactional
    @RolesAllowed({Roles.COUNSELLOR, Roles.ADMIN})
    @Operation(summary = "The cost entries of a contract, corrections included, by booking date")
    @APIResponse(responseCode = "404", description = "Unknown contract",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PageResponse<CostView> listCosts(@PathParam("id") String id,
                                            @QueryParam("page") @DefaultValue("0") int page,
                                            @QueryParam("size") @DefaultValue("20") int size) {
        PageResponse.checkPaging(page, size);
        PanacheQuery<CostEntry> query = costs.ofContract(id);
        return new PageResponse<>(query.page(page, size).list().stream().map(CostView::of).toList(), page, size,
                query.count());
    }

    @GET
    @Path("/{id}/costs/{costId}")
    @Transactional
    @RolesAllowed({Roles.COUNSELLOR, Roles.ADMIN})
    @Operation(summary = "One cost entry of a contract")
    @APIResponse(responseCode = "404", description = "Unknown contract or entry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CostView getCost(@PathParam("id") String id, @PathParam("costId") String costId) {
        return costs.find(id, costId).map(CostView::of).orElseThrow(() -> ApiProblemException.notFound("Cost entry", costId));
    }

    /** 400 with every violation of the body: required fields, two decimals, a booking date not in the future and in the history. */
    private void checkInput(CostRequest request) {
        if (request == null) {
            throw ApiProblemException.invalid(List.of(new Problem.Violation("body", "must not be empty")));
        }
        List<Problem.Violation> violations = new ArrayList<>();
        validator.validate(request).forEach(v -> violations.add(new Problem.Violation(v.getPropertyPath().toString(), v.getMessage())));
        calendar.window().check("bookedOn", request.bookedOn()).ifPresent(violations::add);
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message));
            throw ApiProblemException.invalid(violations);
        }
    }
}
