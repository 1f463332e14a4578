package be.vdab.okot.runner.demo;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessProbeTest {

    @Test
    void everyProbePersonHasABirthDateOfItsOwn() {
        assertThat(IntStream.range(0, FreshnessProbe.PROBE_PERSONS).mapToObj(FreshnessProbe::probeBirthDate).distinct())
                .hasSize(FreshnessProbe.PROBE_PERSONS)
                .allSatisfy(birthDate -> assertThat(birthDate).isBetween(LocalDate.of(1950, 1, 1), LocalDate.of(1999, 12, 31)));
        assertThat(PopulationBuilder.insz(LocalDate.of(1950, 1, 1), 998)).isEqualTo("50010199829");
    }

    @Test
    void percentilesCountAProbeThatTimedOutAsTheSlowest() {
        FreshnessProbe.Result result = new FreshnessProbe.Result(Map.of(FreshnessProbe.Step.END,
                List.of(40L, 10L, -1L, 30L, 20L)), Duration.ofSeconds(60), 5);
        assertThat(result.percentile(FreshnessProbe.Step.END, 50)).isEqualTo(30);
        assertThat(result.percentile(FreshnessProbe.Step.END, 80)).isEqualTo(40);
        assertThat(result.percentile(FreshnessProbe.Step.END, 100)).isEqualTo(Long.MAX_VALUE);
        assertThat(result.max()).isEqualTo(Long.MAX_VALUE);
    }
}
