package be.vdab.okot.stats.domain;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import be.vdab.okot.events.AgeBandRule;

/**
 * What one fact adds to one figure: the figure, the day it is counted on (the day its period must
 * contain: a start, an end, a measurement, a step of a candidacy) and the fact with its breakdown values.
 *
 * @param countedOn the day the period is matched against; for outflow (F4) the measurement date, while
 *                  the fact's reference date, the one its age is taken on, is the end of the cluster
 */
public record Contribution(FigureKind figure, LocalDate countedOn, Fact fact) {

    /**
     * The fact as a cell of the live aggregate. For F1 it stays whole: the person and the day, because a
     * person counts once per cell. For the other figures the unit and the day go, the age stays (taken on
     * the reference date), so every fact of the month with the same breakdown values lands in one cell.
     */
    public Fact cell() {
        boolean starts = figure == FigureKind.STARTS;
        LocalDate month = shared(countedOn.withDayOfMonth(1));
        LocalDate birthDate = starts || fact.birthDate() == null ? fact.birthDate()
                : shared(month.minusYears(AgeBandRule.age(fact.birthDate(), fact.referenceDate())));
        return new Fact(starts ? fact.unit() : null, starts ? fact.referenceDate() : month, birthDate, fact.gender(),
                shared(fact.type()), fact.province(), shared(fact.trainingCode()), shared(fact.trainingName()),
                shared(fact.courseCode()), shared(fact.sector()), shared(fact.reason()), shared(fact.ending()), null,
                shared(fact.referral()), shared(fact.step()), shared(fact.programme()));
    }

    private static final Map<LocalDate, LocalDate> DAYS = new ConcurrentHashMap<>();

    /** A month's first day or a normalized birth date: a few thousand values shared by every cell. */
    private static LocalDate shared(LocalDate day) {
        return DAYS.computeIfAbsent(day, Function.identity());
    }

    /** Breakdown values repeat across hundreds of thousands of cells: one copy of each text. */
    private static String shared(String value) {
        return value == null ? null : value.intern();
    }
}
