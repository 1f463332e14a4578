package be.vdab.okot.outcome.api;

import be.vdab.okot.outcome.domain.OutcomeService;
import be.vdab.okot.outcome.persistence.ClusterState;
import be.vdab.okot.outcome.persistence.ContractEnd;
import be.vdab.okot.outcome.persistence.ContractFact;
import be.vdab.okot.outcome.persistence.OutflowMeasurement;
import be.vdab.okot.web.bulk.BulkImport;
import be.vdab.okot.web.calendar.BusinessCalendar;
import be.vdab.okot.web.idempotency.Idempotency;
import be.vdab.okot.web.page.PageResponse;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem;
import be.vdab.okot.web.problem.Problem.Violation;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Course ends and outflow")
@RolesAllowed(Roles.COUNSELLOR)
public class OutcomeResource {

    static final String ENDS_OPERATION = "POST /contracts/ends";


    @Inject
    OutcomeService service;

    @Inject
    Caller caller;

    @Inject
    Idempotency idempotency;

    @Inject
    BusinessCalendar calendar;

    @Inject
    BulkImport bulk;

    @PUT
    @Path("contracts/{id}/end")
    @Transactional
    @Operation(summary = "Record or correct how a training year ended",
            description = "A different end later is a correction with a higher revision (e.g. passed after the second "
                    + "exam session); the same end again changes nothing.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = EndView.class)))
    @APIResponse(responseCode = "400", description = "Invalid end (e.g. before the start, stop reason missing)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The contract was cancelled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The contract is not known here (yet)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EndView end(@PathParam("id") String contractId, EndRequest request) {
        BulkImport.requireNoIdInBody("contractId", request != null ? request.contractId() : null, ENDS_OPERATION);
        OutcomeService.EndOutcome outcome = service.end(contractId, request, caller.actor());
        return EndView.of(outcome.end(), outcome.contract().clusterId);
    }

    @GET
    @Path("contracts/{id}/end")
    @Transactional
    @Operation(summary = "The current end of a training year with every revision")
    @APIResponse(responseCode = "404", description = "No end recorded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EndView getEnd(@PathParam("id") String contractId) {
        ContractFact contract = service.contract(contractId)
                .orElseThrow(() -> ApiProblemException.notFound("Contract", contractId));
        List<EndView> history = ContractEnd.history(contractId).stream()
                .map(end -> EndView.of(end, contract.clusterId)).toList();
        if (history.isEmpty()) {
            throw ApiProblemException.notFound("End of contract", contractId);
        }
        return history.get(history.size() - 1).withHistory(history);
    }

    @GET
    @Path("outflow/due")
    @Transactional
    @Operation(summary = "Closed clusters due for their outflow measurement",
            description = "Measurement date (end + 3 months) on or before the day, no measurement yet; "
                    + "from= leaves out those due before that day (the backlog of earlier months).")
    public PageResponse<ClusterView> due(@QueryParam("on") LocalDate on,
                                         @QueryParam("from") LocalDate from,
                                         @QueryParam("page") @DefaultValue("0") int page,
                                         @QueryParam("size") @DefaultValue("20") int size) {
        if (on == null) {
            throw ApiProblemException.invalid(List.of(new Violation("on", "is required (yyyy-MM-dd)")));
        }
        PageResponse.checkPaging(page, size);
        calendar.window().require("on", on, "from", from); // every read checks the history window (issue 12)
        if (from != null && from.isAfter(on)) {
            throw ApiProblemException.invalid(List.of(new Violation("from", "must not be after on")));
        }
        PanacheQuery<ClusterState> due = service.due(on, from);
        return new PageResponse<>(due.page(page, size).list().stream().map(cluster -> ClusterView.of(cluster, null)).toList(),
                page, size, due.count());
    }

    @POST
    @Path("clusters/{clusterId}/outflow")
    @Transactional
    @Operation(summary = "Record whether the person was at work 3 months after the cluster",
            description = "A different second measurement of a cluster replaces the first; the same measurement again "
                    + "(same measuredOn and atWork) changes nothing and publishes nothing.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ClusterView.class)))
    @APIResponse(responseCode = "409", description = "The cluster is not closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response outflow(@PathParam("clusterId") String clusterId,
                            @HeaderParam(Idempotency.HEADER) String idempotencyKey, OutflowRequest request) {
        return idempotency.once(idempotencyKey, "POST /clusters/" + clusterId + "/outflow", request,
                Idempotency.Access.ROLE_ONLY, () -> {
            OutflowMeasurement measurement = service.recordOutflow(clusterId, request, caller.actor()).measurement();
            return Response.ok(ClusterView.of(ClusterState.findById(clusterId), measurement)).build();
        });
    }

    @POST
    @Path("outflow/measurements")
    @Operation(summary = "Record many outflow measurements at once",
            description = BulkImport.DESCRIPTION + "Items as POST /clusters/{clusterId}/outflow, with clusterId. "
                    + "An item equal to the cluster's current measurement (a repeated import) is ACCEPTED with "
                    + "unchanged=true and publishes nothing; a different one replaces it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BulkOutflowResult.class)))
    @APIResponse(responseCode = "400", description = BulkImport.REFUSED_WHOLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response measurements(@HeaderParam(Idempotency.HEADER) String idempotencyKey, List<OutflowRequest> items) {
        String actor = caller.actor();
        return bulk.once(idempotencyKey, "POST /outflow/measurements", items, () -> BulkOutflowResult.of(items,
                bulk.applyEach(items, item -> service.recordOutflow(BulkImport.requireId("clusterId", item.clusterId()),
                        item, actor))));
    }

    /**
     * Course ends of a term at once. {@code POST /contracts/ends} does not meet {@code PUT|GET /contracts/{id}/end}:
     * another method, and two segments against three, so no contract id is ever read as "ends" nor the reverse.
     */
    @POST
    @Path("contracts/ends")
    @Operation(summary = "Record or correct many course ends at once",
            description = BulkImport.DESCRIPTION + "Items as PUT /contracts/{id}/end, with contractId. An accepted "
                    + "item gives the revision it is (a different end is a correction with the next revision); one equal to "
                    + "the contract's current end (a repeated import) is ACCEPTED with unchanged=true and its revision, and "
                    + "publishes nothing. A contract not known here yet is REFUSED with 409.")
    @APIResponse(responseCode = "200", description = "Every item answered",
            content = @Content(schema = @Schema(implementation = BulkEndResult.class)))
    @APIResponse(responseCode = "400", description = BulkImport.REFUSED_WHOLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response ends(@HeaderParam(Idempotency.HEADER) String idempotencyKey, List<EndRequest> items) {
        String actor = caller.actor();
        return bulk.once(idempotencyKey, ENDS_OPERATION, items, () -> BulkEndResult.of(items, bulk.applyEach(items,
                item -> service.end(BulkImport.requireId("contractId", item.contractId()), item, actor))));
    }
}
