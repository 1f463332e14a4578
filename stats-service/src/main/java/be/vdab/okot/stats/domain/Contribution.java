package be.vdab.okot.stats.domain;

import java.time.LocalDate;

/**
 * What one fact adds to one figure: the figure, the day it is counted on (the day its period must
 * contain: a start, an end, a measurement, a step of a candidacy), the fact with its breakdown values, and the
 * person whose fact it is.
 *
 * @param countedOn the day the period is matched against; for outflow (F4) the measurement date, while
 *                  the fact's reference date, the one its age is taken on, is the end of the cluster
 * @param person    the person id: the cells of F1 (unit persons) and of F2/F3 (their {@code persons} measure) keep it
 */
public record Contribution(FigureKind figure, LocalDate countedOn, Fact fact, String person) {

    /** A contribution whose fact's unit is its person (an F1 start; elsewhere each unit then counts as its own person). */
    public Contribution(FigureKind figure, LocalDate countedOn, Fact fact) {
        this(figure, countedOn, fact, fact.unit());
    }
}
