package be.vdab.okot.web.calendar;

import be.vdab.okot.web.problem.ApiProblemException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessCalendarTest {

    private static BusinessCalendar at(String instant) {
        return new BusinessCalendar(LocalDate.of(2012, 1, 1), 2, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void todayIsTheBrusselsCalendarDayWhateverTheServersZone() {
        // 23:30 UTC on 31 December is already New Year's Day in Brussels (UTC+1 in winter)
        assertThat(at("2020-12-31T23:30:00Z").today()).isEqualTo(LocalDate.of(2021, 1, 1));
        // 22:30 UTC on 30 June is 00:30 on 1 July in Brussels (UTC+2 in summer)
        assertThat(at("2021-06-30T22:30:00Z").today()).isEqualTo(LocalDate.of(2021, 7, 1));
        assertThat(at("2021-06-30T21:59:59Z").today()).isEqualTo(LocalDate.of(2021, 6, 30));
    }

    @Test
    void theWindowRunsFromTheHistoryStartToTheEndOfTheHorizonYear() {
        HistoryWindow window = at("2020-12-31T23:30:00Z").window();
        assertThat(window.firstDay()).isEqualTo(LocalDate.of(2012, 1, 1));
        assertThat(window.lastDay()).isEqualTo(LocalDate.of(2023, 12, 31)); // Brussels is in 2021 already
        assertThat(window.contains(LocalDate.of(2012, 1, 1))).isTrue();
        assertThat(window.contains(LocalDate.of(2011, 12, 31))).isFalse();
        assertThat(window.contains(LocalDate.of(2024, 1, 1))).isFalse();
        assertThat(window.containsYear(2012)).isTrue();
        assertThat(window.containsYear(2011)).isFalse();
        assertThat(window.containsYear(2023)).isTrue();
    }

    @Test
    void aDateOutsideTheWindowIsAViolationNamingTheField() {
        HistoryWindow window = at("2020-06-01T10:00:00Z").window();
        assertThat(window.check("submittedOn", LocalDate.of(1999, 5, 1))).hasValueSatisfying(violation -> {
            assertThat(violation.field()).isEqualTo("submittedOn");
            assertThat(violation.message()).contains("2012-01-01").contains("2022-12-31");
        });
        assertThat(window.check("submittedOn", null)).isEmpty();
        assertThat(window.check("submittedOn", LocalDate.of(2020, 6, 1))).isEmpty();
        assertThat(window.checkYear("year", 1999)).isPresent();
        assertThatThrownBy(() -> window.require("from", LocalDate.of(2020, 1, 1), "to", LocalDate.of(2099, 1, 1)))
                .isInstanceOfSatisfying(ApiProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.violations()).extracting("field").containsExactly("to");
                });
        assertThatThrownBy(() -> window.requireYear("year", 2023)).isInstanceOf(ApiProblemException.class);
    }
}
