package be.vdab.okot.events.enrolment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** F9 (figures.md): entries of OKOT contracts booked in the period, in euro, corrections negative. */
class SpendingRuleTest {

    private static final LocalDate FROM = LocalDate.of(2020, 1, 1);
    private static final LocalDate TO = LocalDate.of(2020, 12, 31);

    @ParameterizedTest(name = "{0}, cancelled {1}, booked {2} → counts {3}")
    @CsvSource({
            "OKOT,false,2020-10-05,true",
            "OKOT,true,2020-10-05,true",          // a cancelled contract keeps its costs: the money was spent
            "OKOT,false,2020-01-01,true",         // both ends of the period are in it
            "OKOT,false,2020-12-31,true",
            "OKOT,false,2019-12-31,false",        // booked before the period
            "OKOT,false,2021-01-01,false",        // booked after it
            "KNELPUNT_4A,false,2020-10-05,false", // module trainings never count in F9
            "KNELPUNT_4B,true,2020-10-05,false",
            ",false,2020-10-05,false",
    })
    void anEntryOfAnOkotContractCountsOnItsBookingDate(String programme, boolean cancelled, LocalDate bookedOn,
                                                      boolean counts) {
        assertThat(SpendingRule.countsIn(programme, cancelled, bookedOn, FROM, TO)).isEqualTo(counts);
    }

    @ParameterizedTest(name = "{0}, correction {1} → valid {2}")
    @CsvSource({
            "1250.00,false,true",
            "0.01,false,true",
            "1250.5,false,true",
            "1250.120,false,true",   // a trailing zero is no third decimal
            "1250.125,false,false",  // three decimals
            "0,false,false",
            "-10.00,false,false",    // a new entry is positive
            "-10.00,true,true",
            "10.00,true,false",      // a correction is negative
            "0.00,true,false",
            "-0.001,true,false",
    })
    void anEntryIsPositiveACorrectionNegativeBothInCents(BigDecimal amount, boolean correction, boolean valid) {
        assertThat(SpendingRule.validAmount(amount, correction)).isEqualTo(valid);
    }

    @Test
    void correctionsNeverTakeAnEntryBelowZero() {
        BigDecimal entry = new BigDecimal("100.00");
        assertThat(SpendingRule.correctionFits(entry, List.of(), new BigDecimal("-100.00"))).isTrue();
        assertThat(SpendingRule.correctionFits(entry, List.of(), new BigDecimal("-100.01"))).isFalse();
        assertThat(SpendingRule.correctionFits(entry, List.of(new BigDecimal("-60.00")), new BigDecimal("-40.00"))).isTrue();
        assertThat(SpendingRule.correctionFits(entry, List.of(new BigDecimal("-60.00")), new BigDecimal("-40.01"))).isFalse();
        assertThat(SpendingRule.correctionFits(entry, List.of(new BigDecimal("-60.00"), new BigDecimal("-40.00")),
                new BigDecimal("-0.01"))).isFalse();
    }

    @Test
    void theTotalIsTheSumInEuroWithTwoDecimalsACorrectionSubtracting() {
        assertThat(SpendingRule.sum(List.of(new BigDecimal("1250"), new BigDecimal("99.5"), new BigDecimal("-250.25"))))
                .isEqualByComparingTo("1099.25").hasToString("1099.25");
        assertThat(SpendingRule.sum(List.of())).hasToString("0.00");
    }
}
