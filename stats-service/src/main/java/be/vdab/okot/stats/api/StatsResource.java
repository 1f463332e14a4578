package be.vdab.okot.stats.api;

import be.vdab.okot.stats.domain.FunnelFigure;
import be.vdab.okot.stats.domain.Period;
import be.vdab.okot.stats.persistence.StatsWatermark;
import be.vdab.okot.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

@Path("/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Figures")
@RolesAllowed(Roles.ANALYST)
public class StatsResource {

    @Inject
    FunnelFigure funnel;

    @ConfigProperty(name = "okot.stats.grace-period", defaultValue = "P3M")
    java.time.Period gracePeriod;

    Clock clock = Clock.systemUTC();

    @GET
    @Path("/funnel")
    @Transactional
    @Operation(summary = "F8 intake funnel", description = "Candidacies by the date of each step, in a year or a date range.")
    public FigureAnswer funnel(
            @Parameter(description = "calendar year, e.g. 2020") @QueryParam("year") Integer year,
            @Parameter(description = "first day of a date range") @QueryParam("from") LocalDate from,
            @Parameter(description = "last day of a date range (included)") @QueryParam("to") LocalDate to,
            @Parameter(description = "breakdown: referral") @QueryParam("by") String by) {
        Period period = Period.of(year, from, to);
        List<String> breakdowns = by == null || by.isBlank() ? List.of()
                : Arrays.stream(by.split(",")).map(String::trim).toList();
        StatsWatermark watermark = StatsWatermark.current();
        Instant asOf = watermark != null ? watermark.appliedAt : Instant.now(clock);
        return new FigureAnswer("funnel", "candidacies",
                new FigureAnswer.PeriodView(period.from(), period.to()), breakdowns, Map.of(),
                funnel.rows(period, breakdowns), funnel.total(period),
                period.isProvisional(LocalDate.now(clock), gracePeriod), asOf);
    }
}
