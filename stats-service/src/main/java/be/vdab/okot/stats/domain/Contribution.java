package be.vdab.okot.stats.domain;

import java.time.LocalDate;
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
        if (figure == FigureKind.STARTS) {
            return new Fact(fact.unit(), fact.referenceDate(), fact.birthDate(), fact.gender(), fact.type(), fact.province(),
                    fact.trainingCode(), fact.trainingName(), fact.courseCode(), fact.sector(), fact.reason(), fact.ending(),
                    null, fact.referral(), fact.step(), fact.programme());
        }
        LocalDate month = countedOn.withDayOfMonth(1);
        LocalDate birthDate = fact.birthDate() == null ? null
                : month.minusYears(AgeBandRule.age(fact.birthDate(), fact.referenceDate()));
        return new Fact(null, month, birthDate, fact.gender(), fact.type(), fact.province(), fact.trainingCode(),
                fact.trainingName(), fact.courseCode(), fact.sector(), fact.reason(), fact.ending(), null, fact.referral(),
                fact.step(), fact.programme());
    }
}
