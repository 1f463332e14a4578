package be.vdab.okot.stats.domain;

import be.vdab.okot.events.EvolutionRule;
import be.vdab.okot.web.calendar.HistoryWindow;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem.Violation;

import java.time.LocalDate;
import java.util.List;

/** A period of a figure: a calendar year or a date range, both ends included. */
public record Period(LocalDate from, LocalDate to) {

    /**
     * From the query parameters {@code year=} or {@code from=&to=}; anything else is a 400, and so is a
     * period outside the platform's history window: what a read accepts, the writes could have recorded.
     */
    public static Period of(Integer year, LocalDate from, LocalDate to, HistoryWindow history) {
        if (year != null && (from != null || to != null)) {
            throw invalid("year", "give either year or from and to, not both");
        }
        if (year != null) {
            history.requireYear("year", year);
            return ofYear(year);
        }
        if (from == null || to == null) {
            throw invalid(from == null ? "from" : "to", "give year, or both from and to");
        }
        history.require("from", from, "to", to);
        if (to.isBefore(from)) {
            throw invalid("to", "must not be before from");
        }
        return new Period(from, to);
    }

    /** A calendar year, unchecked: for years already checked or taken from the stored facts. */
    public static Period ofYear(int year) {
        return of(EvolutionRule.year(year));
    }

    public boolean contains(LocalDate day) {
        return day != null && !day.isBefore(from) && !day.isAfter(to);
    }

    /** The same period one year earlier (F6, {@link EvolutionRule#previousYear}). */
    public Period previousYear() {
        return of(EvolutionRule.previousYear(from, to));
    }

    /** A period of the rules of figures.md as a period of a figure. */
    static Period of(EvolutionRule.Span span) {
        return new Period(span.from(), span.to());
    }

    /** A period is provisional while late registrations may still change it. */
    public boolean isProvisional(LocalDate today, java.time.Period gracePeriod) {
        return !to.plus(gracePeriod).isBefore(today);
    }

    private static ApiProblemException invalid(String field, String message) {
        return ApiProblemException.invalid(List.of(new Violation(field, message)));
    }
}
