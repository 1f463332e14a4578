package be.vdab.okot.runner;

import be.vdab.okot.runner.demo.DemoDriver;
import be.vdab.okot.runner.demo.FreshnessProbe;
import be.vdab.okot.runner.demo.FreshnessProbe.Step;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Year;
import java.util.concurrent.Callable;

/** {@code ./okot freshness}: how long the figures take to show an event, measured through the public APIs. */
@Command(name = "freshness", description = {
        "Registers probe persons through the public REST APIs of the running platform (./okot up) and measures,",
        "for each step, the time from the API's answer until stats-service's figure shows it.",
        "The probes stay on the platform, in --year and the year before: keep other data out of those years."})
public final class FreshnessCommand implements Callable<Integer> {

    @Option(names = "--probes", description = "Probe persons, one after another (default: ${DEFAULT-VALUE})",
            defaultValue = "20")
    int probes;

    @Option(names = "--year", description = "Year of the course ends and measurements (default: last year)")
    Integer year;

    @Option(names = "--timeout", description = "Give up on one figure after this many seconds (default: ${DEFAULT-VALUE})",
            defaultValue = "60")
    int timeoutSeconds;

    @Option(names = "--host", description = "Where the services run (default: ${DEFAULT-VALUE})", defaultValue = "localhost")
    String host;

    @Override
    public Integer call() {
        int probeYear = year != null ? year : Year.now().getValue() - 1;
        DemoDriver driver = DemoCommand.connect(DemoCommand.serviceUrls(host), 1);
        if (driver == null) {
            return 2;
        }
        int firstPerson = takeProbePersons(OkotCli.stateDir().resolve("freshness-next-person"), probes);
        FreshnessProbe.Result result = new FreshnessProbe(driver)
                .run(firstPerson, probes, probeYear, Duration.ofSeconds(timeoutSeconds));
        print(result, probes, probeYear, System.out);
        return 0;
    }

    /**
     * Hands out the next {@code count} probe persons: a person registered by an earlier run would
     * already have a contract in these years.
     */
    static int takeProbePersons(Path counter, int count) {
        return takePersons(counter, count, FreshnessProbe.PROBE_PERSONS);
    }

    /**
     * Hands out the next {@code count} person indexes of a cycle of {@code cycle} persons, kept in the file
     * {@code counter} across runs; the caller takes the indexes modulo {@code cycle}.
     */
    public static int takePersons(Path counter, int count, int cycle) {
        try {
            int first = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).strip()) : 0;
            Files.createDirectories(counter.getParent());
            Files.writeString(counter, Integer.toString((int) (((long) first + count) % cycle)));
            return first;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("Cannot use the probe person counter " + counter + ": " + e, e);
        }
    }

    static void print(FreshnessProbe.Result result, int probes, int year, PrintStream out) {
        out.printf("From the API's answer until the figure shows the event (%d probes, %d–%d):%n", probes, year - 1, year);
        out.printf("  %-42s %8s %8s %8s%n", "step", "median", "p95", "max");
        for (Step step : Step.values()) {
            out.printf("  %-42s %8s %8s %8s%n", step.label, millis(result.percentile(step, 50)),
                    millis(result.percentile(step, 95)), millis(result.percentile(step, 100)));
        }
        out.printf("A figure query took %d ms (median), included in these times.%n", result.queryMillisMedian());
        out.printf("Slowest: %s%n", millis(result.max()));
    }

    private static String millis(long value) {
        return value == Long.MAX_VALUE || value < 0 ? "timeout" : value + " ms";
    }
}
