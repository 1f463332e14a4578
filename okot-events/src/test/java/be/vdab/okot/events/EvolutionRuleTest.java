package be.vdab.okot.events;

import be.vdab.okot.events.EvolutionRule.Span;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** F6 (figures.md): one calendar year per year of a range; the same period a year earlier. */
class EvolutionRuleTest {

    @Test
    void aRangeOfYearsIsOneCalendarYearEachOldestFirst() {
        assertThat(EvolutionRule.years(2013, 2015)).containsExactly(
                new Span(LocalDate.of(2013, 1, 1), LocalDate.of(2013, 12, 31)),
                new Span(LocalDate.of(2014, 1, 1), LocalDate.of(2014, 12, 31)),
                new Span(LocalDate.of(2015, 1, 1), LocalDate.of(2015, 12, 31)));
        assertThat(EvolutionRule.years(2020, 2020)).containsExactly(EvolutionRule.year(2020));
    }

    @Test
    void aRangeEndingBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> EvolutionRule.years(2021, 2020)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePreviousYearIsTheSameMonthsAYearEarlier() {
        // seed 001: January–September 2023 against January–September 2022
        assertThat(EvolutionRule.previousYear(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 9, 30)))
                .isEqualTo(new Span(LocalDate.of(2022, 1, 1), LocalDate.of(2022, 9, 30)));
        assertThat(EvolutionRule.previousYear(LocalDate.of(2020, 2, 1), LocalDate.of(2020, 2, 29)))
                .isEqualTo(new Span(LocalDate.of(2019, 2, 1), LocalDate.of(2019, 2, 28)));
    }
}
