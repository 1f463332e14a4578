package be.vdab.okot.e2e;

import be.vdab.okot.runner.Platform;
import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.demo.DemoDriver;
import be.vdab.okot.runner.demo.DemoPlan;
import be.vdab.okot.runner.demo.PopulationPlanner;
import be.vdab.okot.runner.demo.PublishedFiguresCheck;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance test of the figures: the demo population of 2013–2020 goes through the public
 * REST APIs of the running platform (broker and the four services), the events flow to
 * stats-service, and every cell of the published tables of question 562 in
 * {@code shared/reference} must equal what the stats API answers. A failure lists each
 * differing cell with its table, row, column and both values.
 *
 * <p>The other end-to-end tests of this platform register their data in later years, so the
 * years checked here hold the demo population only.
 */
class PublishedFiguresAcceptanceIT {

    private static final int FROM = PopulationPlanner.FIRST_YEAR;
    private static final int TO = PopulationPlanner.LAST_YEAR;

    @Test
    void theDemoPopulationReproducesEveryPublishedCellOfQuestion562() throws IOException {
        Path reference = Path.of(System.getProperty("okot.home", "..")).toAbsolutePath().normalize()
                .resolveSibling("shared").resolve("reference");
        assertThat(reference.resolve("q562_2020_starts_by_age.csv")).as("the published tables").exists();

        Platform platform = RunningPlatform.get();
        Map<Service, String> urls = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            urls.put(service, RunningPlatform.url(service));
        }
        DemoDriver driver = new DemoDriver(urls, platform.tokens(), 16, System.out);

        Instant begin = Instant.now();
        DemoPlan plan = new PopulationPlanner(driver.catalogue(), 562).plan(FROM, TO);
        System.out.printf("Acceptance: demo %d–%d, %d persons, %d contracts%n", FROM, TO, plan.persons().size(),
                plan.contractCount());
        DemoDriver.Report report = driver.run(plan);
        System.out.printf("Acceptance: %d calls in %.1f s (%.0f calls/s), events settled %.1f s more, %.1f s in all%n",
                report.calls(), report.driving().toMillis() / 1000.0, report.callsPerSecond(),
                report.settling().toMillis() / 1000.0, Duration.between(begin, Instant.now()).toMillis() / 1000.0);

        PublishedFiguresCheck.Result result = new PublishedFiguresCheck(urls.get(Service.STATS), driver.analystToken(),
                reference).check(FROM, TO);
        System.out.printf("Acceptance: %d published cells compared, %d differ%n", result.cellsChecked(),
                result.differences().size());

        assertThat(result.differences()).as("published cells that differ from the platform's figures").isEmpty();
        com.fasterxml.jackson.databind.JsonNode reconciliation = driver.reconciliation();
        System.out.printf("Acceptance: reconciliation of %d events in %d ms%n", reconciliation.path("eventsRead").asLong(),
                reconciliation.path("tookMillis").asLong());
        assertThat(reconciliation.path("consistent").asBoolean()).as("stats-service's facts and figures against the "
                + "event log: " + reconciliation).isTrue();
        assertThat(result.cellsChecked()).as("every published number of question 562 was compared")
                .isEqualTo(publishedNumbers(reference));
    }

    /** The numbers in the q562 tables: every cell but the label and the row type. */
    private static int publishedNumbers(Path reference) throws IOException {
        int numbers = 0;
        try (Stream<Path> files = Files.list(reference)) {
            for (Path file : files.filter(path -> path.getFileName().toString().matches("q562_.*\\.csv")).toList()) {
                List<String> lines = Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
                List<String> header = List.of(lines.get(0).split(",", -1));
                for (String line : lines.subList(1, lines.size())) {
                    String[] cells = line.split(",", -1);
                    for (int column = 1; column < cells.length; column++) {
                        if (!header.get(column).equals("row_type") && !cells[column].isBlank()) {
                            numbers++;
                        }
                    }
                }
            }
        }
        return numbers;
    }
}
