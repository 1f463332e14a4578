package be.vdab.okot.runner;

import be.vdab.okot.runner.demo.FreshnessProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Each run of {@code ./okot freshness} takes probe persons no earlier run took. */
class FreshnessCommandTest {

    @Test
    void handsOutEachProbePersonOnceAcrossRuns(@TempDir Path state) {
        Path counter = state.resolve("okot").resolve("freshness-next-person");
        assertThat(FreshnessCommand.takeProbePersons(counter, 20)).isZero();
        assertThat(FreshnessCommand.takeProbePersons(counter, 5)).isEqualTo(20);
        assertThat(FreshnessCommand.takeProbePersons(counter, 1)).isEqualTo(25);
    }

    @Test
    void comesRoundAgainOnlyAfterEveryProbePerson(@TempDir Path state) {
        Path counter = state.resolve("freshness-next-person");
        FreshnessCommand.takeProbePersons(counter, FreshnessProbe.PROBE_PERSONS - 2);
        assertThat(FreshnessCommand.takeProbePersons(counter, 4)).isEqualTo(FreshnessProbe.PROBE_PERSONS - 2);
        assertThat(FreshnessCommand.takeProbePersons(counter, 1)).isEqualTo(2);
    }
}
