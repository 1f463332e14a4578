package be.vdab.okot.runner;

import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.demo.DemoDriver;
import be.vdab.okot.runner.demo.DemoPlan;
import be.vdab.okot.runner.demo.PopulationPlanner;
import be.vdab.okot.runner.demo.PublishedFiguresCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./okot demo}: fills a running platform with a population whose figures are those published. */
@Command(name = "demo", description = {
        "Registers a synthetic population through the public REST APIs of the running platform (./okot up),",
        "such that stats-service's figures of the chosen years come out as published (questions 562, 74 and 315,",
        "the care sector of seed 001 and the money spent in 2020).",
        "Seeded and repeatable: running it again with the same options creates nothing new (Idempotency-Key).",
        "Meant for an empty platform: figures of other data add up."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--year", description = "One year (default " + PopulationPlanner.DEFAULT_YEAR + " unless --from/--to)")
    Integer year;

    @Option(names = "--from", description = "First year of a range (" + PopulationPlanner.FIRST_YEAR + " or later)")
    Integer fromYear;

    @Option(names = "--to", description = "Last year of a range (" + PopulationPlanner.LAST_YEAR + " at the latest)")
    Integer toYear;

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE})", defaultValue = "562")
    long seed;

    @Option(names = "--parallel", description = "Clients at once for the single calls (default: ${DEFAULT-VALUE})", defaultValue = "16")
    int parallel;

    @Option(names = "--chunk", description = "Items per bulk call, 1 to 2000 (default: ${DEFAULT-VALUE})",
            defaultValue = "" + DemoDriver.DEFAULT_CHUNK)
    int chunk;

    @Option(names = "--bulk-parallel", description = "Bulk calls at once (default: ${DEFAULT-VALUE})",
            defaultValue = "" + DemoDriver.DEFAULT_BULK_PARALLEL)
    int bulkParallel;

    @Option(names = "--host", description = "Where the services run (default: ${DEFAULT-VALUE})", defaultValue = "localhost")
    String host;

    @Option(names = "--verify", description = "Afterwards, compare every cell of the published tables of these years "
            + "with the platform's figures; exit code 1 on a difference")
    boolean verify;

    @Option(names = "--verify-only", description = "Only compare, register nothing")
    boolean verifyOnly;

    @Option(names = "--reference", description = "Directory with the published tables (q562_*.csv, q74_*.csv, …), "
            + "e.g. ../shared/reference (default: the copies shipped in okot-reference)")
    Path reference;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (year != null && (fromYear != null || toYear != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give --year or --from/--to, not both");
        }
        int from = year != null ? year : fromYear != null ? fromYear : toYear != null ? toYear : PopulationPlanner.DEFAULT_YEAR;
        int to = year != null ? year : toYear != null ? toYear : fromYear != null ? PopulationPlanner.LAST_YEAR
                : PopulationPlanner.DEFAULT_YEAR;
        Map<Service, String> urls = serviceUrls(host);
        DemoDriver driver = connect(urls, parallel);
        if (driver == null) {
            return 2;
        }
        if (chunk < 1 || chunk > 2000 || bulkParallel < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--chunk is 1 to 2000, --bulk-parallel at least 1");
        }
        driver.bulkCalls(chunk, bulkParallel);
        int status = verifyOnly ? 0 : run(driver, from, to, seed);
        if (status == 0 && (verify || verifyOnly)) {
            PublishedFiguresCheck.Result result = new PublishedFiguresCheck(urls.get(Service.STATS),
                    driver.analystToken(), reference).check(from, to);
            System.out.println();
            System.out.println(summary(result, from, to));
            result.differences().forEach(difference -> System.out.println("  " + difference));
            if (!result.contradictions().isEmpty()) {
                System.out.printf("Where two published answers contradict each other (the live figure meets one, so it "
                        + "differs from the other; expected):%n");
                result.contradictions().forEach(contradiction -> System.out.println("  " + contradiction));
            }
            com.fasterxml.jackson.databind.JsonNode reconciliation = driver.reconciliation();
            System.out.printf("Reconciliation with the event log (%d events, %d ms): %s%n",
                    reconciliation.path("eventsRead").asLong(), reconciliation.path("tookMillis").asLong(),
                    reconciliation.path("consistent").asBoolean() ? "consistent" : "DIFFERENCES, see GET /stats/reconciliation");
            status = result.matches() && reconciliation.path("consistent").asBoolean() ? 0 : 1;
        }
        return status;
    }

    /**
     * One line: what was compared and how it came out, the contradicted cells counted apart from the equal and the
     * differing ones, e.g. {@code Compared 1015 published cells and 8 published figures of 2013–2023: 1021 equal,
     * 0 differ, 2 cells contradicted by another published answer (listed below).}
     */
    static String summary(PublishedFiguresCheck.Result result, int from, int to) {
        int compared = result.cellsChecked() + result.figuresChecked();
        int contradicted = result.contradictions().size();
        int differ = result.differences().size();
        return String.format("Compared %d published cell%s and %d published figure%s of %d–%d: %d equal, %d differ%s",
                result.cellsChecked(), result.cellsChecked() == 1 ? "" : "s", result.figuresChecked(),
                result.figuresChecked() == 1 ? "" : "s", from, to, compared - differ - contradicted, differ,
                contradicted == 0 ? "" : ", " + contradicted + " cell" + (contradicted == 1 ? "" : "s")
                        + " contradicted by another published answer (listed below)");
    }

    /** The services of a platform started by {@code ./okot up} on {@code host}, on their usual ports. */
    public static Map<Service, String> serviceUrls(String host) {
        Map<Service, String> urls = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            urls.put(service, "http://" + host + ":" + service.defaultPort);
        }
        return urls;
    }

    /** A driver with this runner's tokens; {@code null}, the reason printed, when a service does not answer. */
    public static DemoDriver connect(Map<Service, String> urls, int parallel) {
        DemoDriver driver = new DemoDriver(urls, TokenIssuer.inDirectory(OkotCli.stateDir().resolve("keys")), parallel,
                System.out);
        try {
            driver.requireReachable();
            return driver;
        } catch (DemoDriver.DemoFailure e) {
            System.err.println(e.getMessage());
            return null;
        }
    }

    public static int run(DemoDriver driver, int from, int to, long seed) {
        long begin = System.nanoTime();
        DemoPlan plan;
        try {
            plan = new PopulationPlanner(driver.catalogue(), seed).plan(from, to);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        System.out.printf("Demo %d–%d (seed %d): %d persons, %d candidacies, %d contracts%n",
                from, to, seed, plan.persons().size(), plan.candidacyCount(), plan.contractCount());
        DemoDriver.Report report = driver.run(plan);
        System.out.printf("%nDrove %d items in %d calls in %.1f s (%.0f items/s, %.0f calls/s); waiting for the events "
                        + "took %.1f s more; %.1f s end to end.%n", report.items(), report.calls(),
                report.driving().toMillis() / 1000.0, report.itemsPerSecond(), report.callsPerSecond(),
                report.settling().toMillis() / 1000.0, (System.nanoTime() - begin) / 1e9);
        System.out.println("\nThe figures now (GET /stats/{figure}/evolution):");
        driver.headlines(from, to).forEach((figure, byYear) ->
                byYear.forEach((y, total) -> System.out.printf("  %-9s %d  %s%n", figure, y, total)));
        return 0;
    }
}
