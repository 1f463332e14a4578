package be.vdab.okot.e2e;

import be.vdab.okot.reference.PublishedTable;
import be.vdab.okot.reference.PublishedTables;
import be.vdab.okot.runner.Platform;
import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.demo.CareSectorCheck;
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
 * The acceptance test of the figures: the demo population of 2013–2023 goes through the public
 * REST APIs of the running platform (broker and the four services), the events flow to
 * stats-service, and every cell of the published tables of questions 562, 74 and 315 (shipped in okot-reference,
 * the copies of {@code shared/reference}), the euro spent in 2020 and the care sector's figures of seed 001 must
 * equal what the stats API answers — but for the two cells where questions 74 and 562 contradict each other, which
 * no population can give both of (reported apart). A failure lists each differing cell with its table, row, column
 * and both values.
 *
 * <p>The other end-to-end tests of this platform register their data in later years, so the
 * years checked here hold the demo population only.
 */
class PublishedFiguresAcceptanceIT {

    private static final int FROM = PopulationPlanner.FIRST_YEAR;
    private static final int TO = PopulationPlanner.LAST_YEAR;

    @Test
    void theDemoPopulationReproducesEveryPublishedCellAndFigure() {
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
        System.out.printf("Acceptance: %d published cells and %d published figures compared, %d differ, %d where two "
                        + "published answers contradict each other%n", result.cellsChecked(), result.figuresChecked(),
                result.differences().size(), result.contradictions().size());
        result.contradictions().forEach(contradiction -> System.out.println("  " + contradiction));

        assertThat(result.differences()).as("published cells that differ from the platform's figures").isEmpty();
        // INDEX.md §2: q74's 13 drop-outs on 908020 in 2020 against q562's 10 Master drop-outs: that cell and its Totaal
        assertThat(result.contradictions()).as("cells two published answers contradict each other on").hasSize(2);
        com.fasterxml.jackson.databind.JsonNode reconciliation = driver.reconciliation();
        System.out.printf("Acceptance: reconciliation of %d events in %d ms%n", reconciliation.path("eventsRead").asLong(),
                reconciliation.path("tookMillis").asLong());
        assertThat(reconciliation.path("consistent").asBoolean()).as("stats-service's facts and figures against the "
                + "event log: " + reconciliation).isTrue();
        assertThat(result.cellsChecked()).as("every published number of questions 562, 74 and 315 was compared")
                .isEqualTo(publishedNumbers(562) + publishedNumbers(74) + publishedNumbers(315));
        assertThat(result.figuresChecked()).as("F9: the euro spent in 2020 (q562 answer 3) and seed 001's care-sector "
                + "figures were compared").isEqualTo(1 + CareSectorCheck.FIGURES);
    }

    /**
     * The numbers in the tables of one question: every cell that holds a number (labels, M/V codes, units and the
     * row type are text), blanks left out: 551 for q562, 208 for q74, 256 for q315 (its two blanks are left out).
     */
    private static int publishedNumbers(int question) {
        int numbers = 0;
        for (String name : PublishedTables.names(question)) {
            PublishedTable table = PublishedTables.table(name);
            for (List<String> row : table.rows()) {
                for (int column = 1; column < row.size(); column++) {
                    if (!table.header().get(column).equals(PublishedTable.ROW_TYPE)
                            && row.get(column).matches("-?[0-9]+(\\.[0-9]+)?")) {
                        numbers++;
                    }
                }
            }
        }
        return numbers;
    }
}
