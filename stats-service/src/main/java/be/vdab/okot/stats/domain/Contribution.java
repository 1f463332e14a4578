package be.vdab.okot.stats.domain;

import java.time.LocalDate;

/**
 * What one fact adds to one figure: the figure, the day it is counted on (the day its period must
 * contain: a start, an end, a measurement, a step of a candidacy) and the fact with its breakdown values.
 *
 * @param countedOn the day the period is matched against; for outflow (F4) the measurement date, while
 *                  the fact's reference date, the one its age is taken on, is the end of the cluster
 */
public record Contribution(FigureKind figure, LocalDate countedOn, Fact fact) {
}
