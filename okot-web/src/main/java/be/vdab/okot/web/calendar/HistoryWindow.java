package be.vdab.okot.web.calendar;

import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem.Violation;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The days the platform records and reports, both ends included: from the start of its history
 * ({@code okot.history.start}) to the last day of the horizon year ({@code okot.history.horizon-years}
 * after this year). Every business date a write accepts lies in it, and every period a read accepts
 * lies in it, so what the platform accepts it can also report (issue 12: a candidacy dated 1999 was
 * accepted and then made every reconciliation answer 400).
 *
 * @param firstDay the first day of the history (a {@code year=} read must not start before its year)
 * @param lastDay  31 December of the horizon year
 */
public record HistoryWindow(LocalDate firstDay, LocalDate lastDay) {

    public HistoryWindow {
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("history window ends " + lastDay + " before it starts " + firstDay);
        }
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(firstDay) && !day.isAfter(lastDay);
    }

    public boolean containsYear(int year) {
        return year >= firstDay.getYear() && year <= lastDay.getYear();
    }

    /** The violation of a business date outside the window, naming the field; empty when the date is in it or absent. */
    public Optional<Violation> check(String field, LocalDate day) {
        if (day == null || contains(day)) {
            return Optional.empty();
        }
        return Optional.of(new Violation(field, "must be from " + firstDay + " (start of the platform's history) to "
                + lastDay));
    }

    /** The violation of a year outside the window (reads by year, offers, evolution). */
    public Optional<Violation> checkYear(String field, int year) {
        if (containsYear(year)) {
            return Optional.empty();
        }
        return Optional.of(new Violation(field, "must be a year from " + firstDay.getYear()
                + " (start of the platform's history) to " + lastDay.getYear()));
    }

    /** 400 problem details unless every given date lies in the window; {@code fieldsAndDays} alternates name and date. */
    public void require(Object... fieldsAndDays) {
        List<Violation> violations = new java.util.ArrayList<>();
        for (int i = 0; i < fieldsAndDays.length; i += 2) {
            check((String) fieldsAndDays[i], (LocalDate) fieldsAndDays[i + 1]).ifPresent(violations::add);
        }
        if (!violations.isEmpty()) {
            throw ApiProblemException.invalid(violations);
        }
    }

    /** 400 problem details unless the year lies in the window. */
    public void requireYear(String field, int year) {
        checkYear(field, year).ifPresent(violation -> {
            throw ApiProblemException.invalid(List.of(violation));
        });
    }
}
