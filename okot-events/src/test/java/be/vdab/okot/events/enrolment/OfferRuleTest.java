package be.vdab.okot.events.enrolment;

import be.vdab.okot.events.Province;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** F5 (figures.md): an offer is a course in a province in a year; a period counts the offers of its years. */
class OfferRuleTest {

    @Test
    void anOfferIsOneCourseInOneProvinceInOneYear() {
        assertThat(OfferRule.unit(2020, "9080", Province.VBR)).isEqualTo("2020:9080:VBR");
        assertThat(OfferRule.unit(2020, "9080", Province.VBR)).isEqualTo(OfferRule.unit(2020, "9080", Province.VBR))
                .isNotEqualTo(OfferRule.unit(2021, "9080", Province.VBR))
                .isNotEqualTo(OfferRule.unit(2020, "9080", Province.ANT));
    }

    @Test
    void aPeriodCountsTheOffersOfEveryYearItTouches() {
        assertThat(OfferRule.countsIn(2020, LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31))).isTrue();
        assertThat(OfferRule.countsIn(2020, LocalDate.of(2020, 3, 1), LocalDate.of(2020, 3, 31))).isTrue();
        assertThat(OfferRule.countsIn(2020, LocalDate.of(2019, 12, 31), LocalDate.of(2020, 1, 1))).isTrue();
        assertThat(OfferRule.countsIn(2019, LocalDate.of(2019, 12, 31), LocalDate.of(2020, 1, 1))).isTrue();
        assertThat(OfferRule.countsIn(2021, LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31))).isFalse();
        assertThat(OfferRule.countsIn(2019, LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31))).isFalse();
    }

    @Test
    void itsValuesAreTakenOnTheFirstDayOfItsYear() {
        assertThat(OfferRule.referenceDate(2020)).isEqualTo(LocalDate.of(2020, 1, 1));
    }
}
