package be.vdab.okot.enrolment.api;

import be.vdab.okot.enrolment.domain.CatalogueService;
import be.vdab.okot.enrolment.persistence.Offer;
import be.vdab.okot.web.calendar.BusinessCalendar;
import be.vdab.okot.web.idempotency.Idempotency;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem;
import be.vdab.okot.web.problem.Problem.Violation;
import be.vdab.okot.web.security.Caller;
import be.vdab.okot.web.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogue and offers")
@APIResponse(responseCode = "401", description = "No or an invalid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CatalogueResource {

    @Inject
    CatalogueService catalogue;

    @Inject
    Caller caller;

    @Inject
    Idempotency idempotency;

    @Inject
    BusinessCalendar calendar;

    @GET
    @Path("courses")
    @Authenticated
    @Transactional
    @Operation(summary = "The course catalogue", description = "Every course with its training years; filters narrow it.")
    public List<CourseView> courses(@QueryParam("type") String type, @QueryParam("sector") String sector,
                                    @QueryParam("programme") String programme) {
        return catalogue.courses(type, sector, programme).stream().map(CatalogueService::viewOf).toList();
    }

    @GET
    @Path("courses/{code}")
    @Authenticated
    @Transactional
    @Operation(summary = "One course with its training years")
    @APIResponse(responseCode = "404", description = "Unknown course",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CourseView course(@PathParam("code") String code) {
        return catalogue.course(code).map(CatalogueService::viewOf)
                .orElseThrow(() -> ApiProblemException.notFound("Course", code));
    }

    @PUT
    @Path("courses/{code}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @Operation(summary = "Add or change a course (admin)", description = "Published as okot.course.published; "
            + "an unchanged course publishes nothing.")
    @APIResponse(responseCode = "200", description = "Changed or unchanged")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "400", description = "Invalid course, every violation listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response putCourse(@PathParam("code") String code, CourseView body, UriInfo uriInfo) {
        if (body != null && body.code() != null && !body.code().equals(code)) {
            throw ApiProblemException.invalid(List.of(new Violation("code", "must be the code of the path (" + code + ")")));
        }
        CourseView definition = body == null ? null : new CourseView(code, body.name(), body.type(), body.sector(),
                body.programme(), body.trainingYears());
        CatalogueService.Change change = catalogue.save(definition, caller.actor());
        CourseView saved = catalogue.course(code).map(CatalogueService::viewOf).orElseThrow();
        return change == CatalogueService.Change.CREATED
                ? Response.created(uriInfo.getAbsolutePath()).entity(saved).build()
                : Response.ok(saved).build();
    }

    @GET
    @Path("offers")
    @Authenticated
    @Transactional
    @Operation(summary = "The training offers of a year", description = "A course recognised in a province in a year.")
    public List<OfferView> offers(@QueryParam("year") Integer year) {
        if (year == null) {
            throw ApiProblemException.invalid(List.of(new Violation("year", "is required")));
        }
        calendar.window().requireYear("year", year);
        return catalogue.offers(year).stream().map(CatalogueResource::viewOf).toList();
    }

    @POST
    @Path("offers")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @Operation(summary = "Add an offer (admin)", description = "Published as okot.offer.published.")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "409", description = "The course is already offered there that year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown course",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addOffer(@HeaderParam(Idempotency.HEADER) String idempotencyKey, OfferView body) {
        return idempotency.once(idempotencyKey, "POST /offers", body, Idempotency.Access.ROLE_ONLY, () -> Response.status(Response.Status.CREATED)
                .entity(viewOf(catalogue.addOffer(body, caller.actor()))).build());
    }

    private static OfferView viewOf(Offer offer) {
        return new OfferView(offer.year, offer.courseCode, offer.province, offer.schoolList());
    }
}
