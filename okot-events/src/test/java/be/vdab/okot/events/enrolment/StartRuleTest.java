package be.vdab.okot.events.enrolment;

import be.vdab.okot.events.AgeBandRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** F1 (figures.md): OKOT contracts that are not cancelled, the person as unit, values on the start date. */
class StartRuleTest {

    private static final LocalDate START = LocalDate.of(2020, 9, 14);

    @ParameterizedTest(name = "{0}, cancelled {1} → start {2}")
    @CsvSource({
            "OKOT,false,true",
            "OKOT,true,false",          // registered by mistake: counts nowhere
            "KNELPUNT_4A,false,false",  // module trainings count in F7 only
            "KNELPUNT_4B,false,false",
            ",false,false",
    })
    void onlyAnOkotContractThatIsNotCancelledIsAStart(String programme, boolean cancelled, boolean start) {
        assertThat(StartRule.isOkotContract(programme, cancelled)).isEqualTo(start);
        assertThat(StartRule.start("p1", programme, cancelled, START)).isEqualTo(start
                ? java.util.Optional.of(new StartRule.Start("p1", START)) : java.util.Optional.empty());
    }

    @Test
    void thePersonIsTheUnitSoTwoStartsOfOnePersonCountOnce() {
        assertThat(StartRule.distinctPersons(List.of("p1", "p2", "p1"))).isEqualTo(2);
        assertThat(StartRule.distinctPersons(List.of())).isZero();
    }

    @Test
    void aBirthdayBetweenTwoStartsPutsThePersonInTwoAgeBandsOnceEach() {
        LocalDate born = LocalDate.of(2000, 5, 10);
        StartRule.Start january = StartRule.start("p1", StartRule.OKOT, false, LocalDate.of(2020, 1, 13)).orElseThrow();
        StartRule.Start september = StartRule.start("p1", StartRule.OKOT, false, LocalDate.of(2020, 9, 14)).orElseThrow();

        assertThat(AgeBandRule.Scale.AGE5.band(born, january.on()).key()).isEqualTo("18-19");
        assertThat(AgeBandRule.Scale.AGE5.band(born, september.on()).key()).isEqualTo("20-24");
        assertThat(StartRule.distinctPersons(List.of(january.personId(), september.personId()))).isEqualTo(1);
    }
}
