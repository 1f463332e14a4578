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

    @ParameterizedTest(name = "born {0}: {2} ({3}) on {1}, {5} ({6}) on {4}")
    @CsvSource({
            // the birthday itself counts: 20 on 1 March 2020, still 19 the day before
            "2000-03-01, 2020-02-29, 19, 18-19, 2020-03-01, 20, 20-24, AGE5",
            // born on 29 February: 25 on 1 March of a year without one, still 24 on 28 February
            "2000-02-29, 2025-02-28, 24, 0-24,  2025-03-01, 25, 25-54, AGE3",
    })
    void theAgeChangesOnTheBirthdayNotTheDayBefore(LocalDate born, LocalDate dayBefore, int ageBefore, String bandBefore,
                                                   LocalDate birthday, int age, String band, Scale scale) {
        assertThat(AgeBandRule.age(born, dayBefore)).isEqualTo(ageBefore);
        assertThat(scale.band(born, dayBefore).key()).isEqualTo(bandBefore);
        assertThat(AgeBandRule.age(born, birthday)).isEqualTo(age);
        assertThat(scale.band(born, birthday).key()).isEqualTo(band);
    }

    @ParameterizedTest(name = "{0}: age {1} → {2} / {3}")
    @CsvSource({
            "AGE5, 0,  0-17,  -18 jaar",
            "AGE5, 17, 0-17,  -18 jaar",
            "AGE5, 18, 18-19, 18 tot en met 19 jaar",
            "AGE5, 19, 18-19, 18 tot en met 19 jaar",
            "AGE5, 20, 20-24, 20 tot en met 24 jaar",
            "AGE5, 24, 20-24, 20 tot en met 24 jaar",
            "AGE5, 25, 25-29, 25 tot en met 29 jaar",
            "AGE5, 54, 50-54, 50 tot en met 54 jaar",
            "AGE5, 55, 55-59, 55 tot en met 59 jaar",
            "AGE5, 64, 60-64, 60 tot en met 64 jaar",
            "AGE5, 65, 65+,   65 jaar en +",
            "AGE5, 99, 65+,   65 jaar en +",
            "AGE3, 17, 0-24,  -25 jaar",
            "AGE3, 24, 0-24,  -25 jaar",
            "AGE3, 25, 25-54, 25 tot en met 54 jaar",
            "AGE3, 54, 25-54, 25 tot en met 54 jaar",
            "AGE3, 55, 55+,   55 jaar en +",
            "AGE3, 80, 55+,   55 jaar en +",
    })
    void theScalesHaveThePublishedBands(Scale scale, int age, String key, String label) {
        Band band = scale.band(age);
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
