package be.vdab.okot.e2e;

import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.demo.DemoDriver;
import be.vdab.okot.runner.demo.FreshnessProbe;
import be.vdab.okot.runner.demo.FreshnessProbe.Step;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code ./okot freshness} measures, through the running platform: each step of a trajectory
 * registered through the public APIs (candidacy, contract, passed final year, outflow
 * measurement) shows up in its figure (funnel, starts, diplomas, outflow). The times are printed,
 * not asserted: the benchmark is the command. Its years (2024–2025) hold no other test data.
 */
class FiguresFreshnessIT {

    private static final int PROBE_YEAR = 2025;

    @Test
    void everyStepOfAProbeTrajectoryShowsUpInItsFigure() {
        Map<Service, String> urls = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            urls.put(service, RunningPlatform.url(service));
        }
        DemoDriver driver = new DemoDriver(urls, RunningPlatform.get().tokens(), 1, System.out);

        FreshnessProbe.Result result = new FreshnessProbe(driver).run(0, 3, PROBE_YEAR, Duration.ofSeconds(60));

        for (Step step : Step.values()) {
            System.out.printf("Freshness: %-42s median %d ms, max %d ms%n", step.label,
                    result.percentile(step, 50), result.percentile(step, 100));
            assertThat(result.millis().get(step)).as(step.label + ": milliseconds until the figure showed each probe")
                    .hasSize(3).allSatisfy(millis -> assertThat(millis).isNotNegative());
        }
    }
}
