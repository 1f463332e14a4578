package be.vdab.okot.intake.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class InszTest {

    @Test
    void acceptsTheCheckDigitsOfSomeoneBornBefore2000() {
        assertThat(Insz.hasValidCheckDigits("85073003328")).isTrue();
        assertThat(Insz.isConsistentWith("85073003328", LocalDate.of(1985, 7, 30))).isTrue();
        assertThat(Insz.isConsistentWith("85073003328", LocalDate.of(1985, 7, 31))).isFalse();
        assertThat(Insz.isConsistentWith("85073003328", LocalDate.of(2085, 7, 30))).isFalse();
    }

    @Test
    void acceptsTheCheckDigitsOfSomeoneBornFrom2000WithTheLeadingTwo() {
        // 97 - (2 000 101 001 mod 97) = 97 - 92 = 5
        String insz = "00010100105";
        assertThat(Insz.hasValidCheckDigits(insz)).isTrue();
        assertThat(Insz.isConsistentWith(insz, LocalDate.of(2000, 1, 1))).isTrue();
        assertThat(Insz.isConsistentWith(insz, LocalDate.of(1900, 1, 1))).isFalse();
    }

    @Test
    void refusesWrongCheckDigitsAndMalformedNumbers() {
        assertThat(Insz.hasValidCheckDigits("85073003329")).isFalse();
        assertThat(Insz.hasValidCheckDigits("8507300332")).isFalse();
        assertThat(Insz.hasValidCheckDigits("8507300332a")).isFalse();
        assertThat(Insz.hasValidCheckDigits(null)).isFalse();
    }

    @Test
    void aBisNumberHasNoBirthDateToCompare() {
        // month + 40: a bis number; 97 - (854730033 mod 97)
        long firstNine = 854730033L;
        String bis = "854730033" + String.format("%02d", 97 - firstNine % 97);
        assertThat(Insz.hasValidCheckDigits(bis)).isTrue();
        assertThat(Insz.isConsistentWith(bis, LocalDate.of(1985, 7, 30))).isTrue();
    }
}
