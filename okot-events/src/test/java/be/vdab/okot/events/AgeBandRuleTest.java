package be.vdab.okot.events;

import be.vdab.okot.events.AgeBandRule.Band;
import be.vdab.okot.events.AgeBandRule.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The age breakdowns of figures.md: completed years on the reference date, the published bands. */
class AgeBandRuleTest {

    @Test
    void theBirthdayItselfCountsAndTheDayBeforeDoesNot() {
        LocalDate born = LocalDate.of(2000, 3, 1);
        assertThat(AgeBandRule.age(born, LocalDate.of(2020, 2, 29))).isEqualTo(19);
        assertThat(AgeBandRule.age(born, LocalDate.of(2020, 3, 1))).isEqualTo(20);
        assertThat(Scale.AGE5.band(born, LocalDate.of(2020, 2, 29)).label()).isEqualTo("18 tot en met 19 jaar");
        assertThat(Scale.AGE5.band(born, LocalDate.of(2020, 3, 1)).label()).isEqualTo("20 tot en met 24 jaar");
    }

    @Test
    void bornOn29FebruaryIsOlderOn1MarchOfAYearWithout29February() {
        LocalDate born = LocalDate.of(2000, 2, 29);
        assertThat(AgeBandRule.age(born, LocalDate.of(2025, 2, 28))).isEqualTo(24);
        assertThat(AgeBandRule.age(born, LocalDate.of(2025, 3, 1))).isEqualTo(25);
        assertThat(Scale.AGE3.band(born, LocalDate.of(2025, 2, 28)).key()).isEqualTo("0-24");
        assertThat(Scale.AGE3.band(born, LocalDate.of(2025, 3, 1)).key()).isEqualTo("25-54");
    }

    @ParameterizedTest(name = "age {0} → {1} / {2}")
    @CsvSource({
            "0,     0-17,  -18 jaar",
            "17,    0-17,  -18 jaar",
            "18,    18-19, 18 tot en met 19 jaar",
            "19,    18-19, 18 tot en met 19 jaar",
            "20,    20-24, 20 tot en met 24 jaar",
            "24,    20-24, 20 tot en met 24 jaar",
            "25,    25-29, 25 tot en met 29 jaar",
            "54,    50-54, 50 tot en met 54 jaar",
            "55,    55-59, 55 tot en met 59 jaar",
            "64,    60-64, 60 tot en met 64 jaar",
            "65,    65+,   65 jaar en +",
            "99,    65+,   65 jaar en +",
    })
    void age5HasThePublishedBands(int age, String key, String label) {
        Band band = Scale.AGE5.band(age);
        assertThat(band.key()).isEqualTo(key);
        assertThat(band.label()).isEqualTo(label);
    }

    @ParameterizedTest(name = "age {0} → {1} / {2}")
    @CsvSource({
            "17, 0-24,  -25 jaar",
            "24, 0-24,  -25 jaar",
            "25, 25-54, 25 tot en met 54 jaar",
            "54, 25-54, 25 tot en met 54 jaar",
            "55, 55+,   55 jaar en +",
            "80, 55+,   55 jaar en +",
    })
    void age3HasThePublishedBands(int age, String key, String label) {
        Band band = Scale.AGE3.band(age);
        assertThat(band.key()).isEqualTo(key);
        assertThat(band.label()).isEqualTo(label);
    }

    @Test
    void theBandsOfAScaleFollowEachOtherWithoutGapYoungestFirst() {
        for (Scale scale : Scale.values()) {
            var bands = scale.bands();
            assertThat(bands.get(0).from()).isNull();
            assertThat(bands.get(bands.size() - 1).to()).isNull();
            for (int i = 0; i < bands.size(); i++) {
                assertThat(bands.get(i).index()).isEqualTo(i);
                if (i > 0) {
                    assertThat(bands.get(i).from()).isEqualTo(bands.get(i - 1).to() + 1);
                }
            }
        }
        assertThat(Scale.AGE5.bands()).hasSize(12);
        assertThat(Scale.AGE3.bands()).hasSize(3);
    }

    @Test
    void aPublishedLabelFindsItsBand() {
        assertThat(Scale.AGE5.byLabel("-18 jaar")).hasValueSatisfying(band -> assertThat(band.to()).isEqualTo(17));
        assertThat(Scale.AGE5.byLabel("65 jaar en +")).hasValueSatisfying(band -> assertThat(band.from()).isEqualTo(65));
        assertThat(Scale.AGE5.byLabel("30 tot en met 34 jaar")).hasValueSatisfying(band -> {
            assertThat(band.from()).isEqualTo(30);
            assertThat(band.to()).isEqualTo(34);
        });
        assertThat(Scale.AGE5.byLabel("Eindtotaal")).isEmpty();
        assertThat(Scale.AGE3.byLabel("20 tot en met 24 jaar")).isEmpty();
    }

    @ParameterizedTest(name = "{0} years on {1}")
    @CsvSource({"20, 2020-03-01", "20, 2020-02-29", "24, 2021-02-28", "1, 2021-01-01", "65, 2019-12-31"})
    void bornAtAgeIsTheInverseOfAge(int age, LocalDate on) {
        AgeBandRule.BirthDates dates = AgeBandRule.bornAtAge(age, on);
        assertThat(AgeBandRule.age(dates.earliest(), on)).isEqualTo(age);
        assertThat(AgeBandRule.age(dates.latest(), on)).isEqualTo(age);
        assertThat(AgeBandRule.age(dates.earliest().minusDays(1), on)).isEqualTo(age + 1);
        assertThat(AgeBandRule.age(dates.latest().plusDays(1), on)).isEqualTo(age - 1);
    }
}
