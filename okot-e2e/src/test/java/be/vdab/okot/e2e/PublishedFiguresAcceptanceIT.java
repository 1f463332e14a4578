package be.vdab.okot.e2e;

import be.vdab.okot.reference.PublishedTable;
import be.vdab.okot.reference.PublishedTables;
import be.vdab.okot.runner.Platform;
import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.demo.DemoDriver;
import be.vdab.okot.runner.demo.DemoPlan;
import be.vdab.okot.runner.demo.PopulationPlanner;
import be.vdab.okot.runner.demo.PublishedFiguresCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance test of the figures: the demo population of 2013–2020 goes through the public
 * REST APIs of the running platform (broker and the four services), the events flow to
 * stats-service, and every cell of the published tables of question 562 (shipped in okot-reference,
 * the copies of {@code shared/reference}) must equal what the stats API answers. A failure lists each
 * differing cell with its table, row, column and both values.
 *
 * <p>The other end-to-end tests of this platform register their data in later years, so the
 * years checked here hold the demo population only.
 */
class PublishedFiguresAcceptanceIT {

    private static final int FROM = PopulationPlanner.FIRST_YEAR;
    private static final int TO = PopulationPlanner.LAST_YEAR;

    @Test
    void theDemoPopulationReproducesEveryPublishedCellOfQuestion562() {
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
        System.out.printf("Acceptance: %d items in %d calls in %.1f s (%.0f items/s), events settled %.1f s more, "
                        + "%.1f s in all%n", report.items(), report.calls(), report.driving().toMillis() / 1000.0,
                report.itemsPerSecond(),
                report.settling().toMillis() / 1000.0, Duration.between(begin, Instant.now()).toMillis() / 1000.0);

        PublishedFiguresCheck.Result result = new PublishedFiguresCheck(urls.get(Service.STATS), driver.analystToken(),
                null).check(FROM, TO);
        System.out.printf("Acceptance: %d published cells and %d published figures compared, %d differ%n",
                result.cellsChecked(), result.figuresChecked(), result.differences().size());

        assertThat(result.differences()).as("published cells that differ from the platform's figures").isEmpty();
        com.fasterxml.jackson.databind.JsonNode reconciliation = driver.reconciliation();
        System.out.printf("Acceptance: reconciliation of %d events in %d ms%n", reconciliation.path("eventsRead").asLong(),
                reconciliation.path("tookMillis").asLong());
        assertThat(reconciliation.path("consistent").asBoolean()).as("stats-service's facts and figures against the "
                + "event log: " + reconciliation).isTrue();
        assertThat(result.cellsChecked()).as("every published number of question 562 was compared")
                .isEqualTo(publishedNumbers());
        assertThat(result.figuresChecked()).as("F9: the euro spent in 2020 (q562 answer 3) was compared").isEqualTo(1);
    }

    /** The numbers in the q562 tables: every cell but the label and the row type, blanks left out. */
    private static int publishedNumbers() {
        int numbers = 0;
        for (String name : PublishedTables.names(562)) {
            PublishedTable table = PublishedTables.table(name);
            for (List<String> row : table.rows()) {
                for (int column = 1; column < row.size(); column++) {
                    if (!table.header().get(column).equals(PublishedTable.ROW_TYPE) && !row.get(column).isBlank()) {
                        numbers++;
                    }
                }
            }
        }
        return numbers;
    }
}
