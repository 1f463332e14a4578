package be.vdab.okot.stats.api;

import be.vdab.okot.stats.domain.FigureAnswer;
import be.vdab.okot.stats.domain.FigureKind;
import be.vdab.okot.stats.domain.FigureService;
import be.vdab.okot.stats.domain.Period;
import be.vdab.okot.web.calendar.BusinessCalendar;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem.Violation;
import be.vdab.okot.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Path("/stats")
@Tag(name = "Figures")
@RolesAllowed(Roles.ANALYST)
public class StatsResource {

    public static final String CSV = "text/csv";

    @Inject
    FigureService figures;

    @Inject
    BusinessCalendar calendar;

    /** The query of a figure: period, breakdowns, filters (figures.md). */
    public static class FigureQuery {
        @Parameter(description = "calendar year, e.g. 2020") @QueryParam("year") Integer year;
        @Parameter(description = "first day of a date range") @QueryParam("from") LocalDate from;
        @Parameter(description = "last day of a date range (included)") @QueryParam("to") LocalDate to;
        @Parameter(description = "one or two breakdowns, e.g. age5 or training,province") @QueryParam("by") String by;
        @QueryParam("sector") String sector;
        @QueryParam("province") String province;
        @QueryParam("type") String type;
        @QueryParam("training") String training;
        @QueryParam("course") String course;
        @QueryParam("gender") String gender;
        @Parameter(description = "outflow only: POSITIVE (the headline, default) or NON_POSITIVE") @QueryParam("ending")
        String ending;
        @Parameter(description = "spending only: a cost kind (REGISTRATION_FEE, STUDY_COSTS, LEARNING_MATERIALS, ADMINISTRATION)")
        @QueryParam("kind") String kind;
        @Parameter(description = "knelpunt-outflow only: true keeps the clusters whose training stopped early; "
                + "left out, all closed clusters (false is refused)") @QueryParam("stopped")
        String stopped;
        @Parameter(description = "previous-year: adds the same period a year earlier and the difference")
        @QueryParam("compare") String compare;

        List<String> breakdowns() {
            return by == null || by.isBlank() ? List.of() : Arrays.stream(by.split(",")).map(String::trim).toList();
        }

        Map<String, String> filters() {
            Map<String, String> filters = new LinkedHashMap<>();
            put(filters, "sector", sector);
            put(filters, "province", province);
            put(filters, "type", type);
            put(filters, "training", training);
            put(filters, "course", course);
            put(filters, "gender", gender);
            put(filters, "ending", ending);
            put(filters, "kind", kind);
            put(filters, "stopped", stopped);
            return filters;
        }

        private static void put(Map<String, String> filters, String name, String value) {
            if (value != null && !value.isBlank()) {
                filters.put(name, value);
            }
        }
    }

    @GET
    @Path("/{figure}")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "A figure of figures.md for a year or a date range",
            description = "starts (F1), diplomas (F2), dropouts (F3), outflow (F4), offers (F5), knelpunt (F7), knelpunt-outflow (F7's outflow), funnel (F8), spending (F9, euro); "
                    + "by one or two breakdowns, filtered; Accept: text/csv for a table.")
    public FigureAnswer figure(@PathParam("figure") String figure, @BeanParam FigureQuery query) {
        FigureKind kind = kind(figure);
        Period period = Period.of(query.year, query.from, query.to, calendar.window());
        if (query.compare == null) {
            return figures.compute(kind, period, query.breakdowns(), query.filters());
        }
        if (!"previous-year".equals(query.compare)) {
            throw ApiProblemException.invalid(List.of(new Violation("compare", "the only comparison is previous-year")));
        }
        return figures.compareWithPreviousYear(kind, period, query.breakdowns(), query.filters());
    }

    @GET
    @Path("/{figure}")
    @Produces(CSV)
    @Transactional
    @Operation(hidden = true)
    public String figureAsCsv(@PathParam("figure") String figure, @BeanParam FigureQuery query) {
        return FigureCsv.write(figure(figure, query));
    }

    @GET
    @Path("/{figure}/evolution")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "A figure per year over a range of years (F6)")
    public List<FigureAnswer> evolution(@PathParam("figure") String figure,
                                        @QueryParam("fromYear") Integer fromYear, @QueryParam("toYear") Integer toYear,
                                        @BeanParam FigureQuery query) {
        if (fromYear == null || toYear == null) {
            throw ApiProblemException.invalid(List.of(new Violation(fromYear == null ? "fromYear" : "toYear",
                    "give fromYear and toYear")));
        }
        // the period of each answer is its year: a period or comparison given as well would be silently ignored
        List<Violation> unused = new java.util.ArrayList<>();
        notForEvolution(unused, "year", query.year);
        notForEvolution(unused, "from", query.from);
        notForEvolution(unused, "to", query.to);
        notForEvolution(unused, "compare", query.compare);
        if (!unused.isEmpty()) {
            throw ApiProblemException.invalid(unused);
        }
        return figures.evolution(kind(figure), fromYear, toYear, query.breakdowns(), query.filters());
    }

    private static void notForEvolution(List<Violation> unused, String name, Object value) {
        if (value != null) {
            unused.add(new Violation(name, "is not used by an evolution (one answer per year from fromYear to toYear)"));
        }
    }

    private static FigureKind kind(String figure) {
        FigureKind kind = FigureKind.ofPath(figure);
        if (kind == null) {
            throw ApiProblemException.notFound("Figure", figure + " (one of starts, diplomas, dropouts, outflow, offers, knelpunt, knelpunt-outflow, funnel, spending)");
        }
        return kind;
    }
}
