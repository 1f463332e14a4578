package be.vdab.okot.runner;

import be.vdab.okot.events.EventType;
import be.vdab.okot.runner.bench.BenchOptions;
import be.vdab.okot.runner.bench.LocalKafka;
import be.vdab.okot.runner.bench.Progress;
import be.vdab.okot.runner.demo.DemoDriver;
import be.vdab.okot.runner.populate.NationalHistory;
import be.vdab.okot.runner.populate.TopicWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code ./okot populate}: a national-scale event history written straight onto the running platform's topics. */
@Command(name = "populate", description = {
        "Writes a seeded, national-scale history of OKOT trajectories straight onto the topics of the running",
        "platform (./okot up), as the services would have published it: candidacies, OCMW agreements, screenings,",
        "a contract and a course end per training year, second-session corrections, outflow measurements.",
        "Bypasses the REST APIs: intake-, enrolment- and outcome-service do not know these candidacies and",
        "contracts as their own (stats-service counts them all). Progress on standard error, a summary at the end."})
public final class PopulateCommand implements Callable<Integer> {

    @Option(names = "--persons", description = "Persons, each with a first candidacy in one year of the range "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "165000")
    int persons;

    @Option(names = "--from", description = "First year of first candidacies (default: ${DEFAULT-VALUE})",
            defaultValue = "2013")
    int fromYear;

    @Option(names = "--to", description = "Last year of first candidacies (default: ${DEFAULT-VALUE}); their "
            + "trajectories run on up to three school years later, never after --today", defaultValue = "2022")
    int toYear;

    @Option(names = "--seed", description = "Same seed, same history, event ids included: a second run is "
            + "de-duplicated by the consumers (default: ${DEFAULT-VALUE})", defaultValue = "2013")
    long seed;

    @Option(names = "--today", description = "Nothing is dated after this day (default: today)")
    LocalDate today;

    @CommandLine.Mixin
    LocalKafka kafka;

    @Option(names = "--host", description = "Where the services run (enrolment-service gives the catalogue), "
            + "loopback only (default: ${DEFAULT-VALUE})", defaultValue = "localhost")
    String host;

    @Option(names = "--dry-run", description = "Generate and serialize the records without sending them "
            + "(measures the generation alone)")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (persons < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--persons must be at least 1");
        }
        if (fromYear < 2012 || fromYear > toYear) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--from must be 2012 (the platform's history start) or later, and not after --to");
        }
        BenchOptions.requireLoopback(spec.commandLine(), "--host", host);
        String bootstrapServers = kafka.bootstrapServers(spec.commandLine());
        DemoDriver driver = DemoCommand.connect(DemoCommand.serviceUrls(host), 1);
        if (driver == null) {
            return 2;
        }
        LocalDate until = today != null ? today : LocalDate.now();
        NationalHistory history;
        try {
            history = new NationalHistory(driver.catalogue(), seed, fromYear, toYear, until);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Progress progress = Progress.onStandardError();
        progress.say(String.format(Locale.ROOT, "%s %,d persons, first candidacies %d–%d, seed %d, nothing after %s%s",
                dryRun ? "Generating (dry run)" : "Writing onto " + bootstrapServers + ":", persons, fromYear, toYear,
                seed, until, dryRun ? "" : " (acks=all, idempotent, zstd)"));
        Map<EventType, long[]> byType = new EnumMap<>(EventType.class);
        long[] events = {0};
        long begin = System.nanoTime();
        Progress.Task task = progress.start("persons", persons);
        try (TopicWriter writer = dryRun ? null : new TopicWriter(bootstrapServers)) {
            Consumer<NationalHistory.Event> sink = dryRun ? TopicWriter::record : writer;
            Consumer<NationalHistory.Event> counting = event -> {
                byType.computeIfAbsent(EventType.of(event.payload()), type -> new long[1])[0]++;
                events[0]++;
                sink.accept(event);
            };
            for (int index = 0; index < persons; index++) {
                history.person(index, counting);
                if (index % 1000 == 0) {
                    task.detail(String.format(Locale.ROOT, "%,d events, %,.0f events/s", events[0],
                            events[0] / Math.max(1e-9, (System.nanoTime() - begin) / 1e9)));
                }
                task.advance();
            }
            double generated = (System.nanoTime() - begin) / 1e9;
            task.done(String.format(Locale.ROOT, "%,d events, %,.0f events/s", events[0], events[0] / generated));
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf(Locale.ROOT, "%n%s %,d events of %,d persons in %.1f s: %,.0f events/s%s%n",
                dryRun ? "Generated" : "Wrote (all acknowledged)", events[0], persons, seconds, events[0] / seconds,
                dryRun ? "" : ", first candidacies " + fromYear + "–" + toYear + ", seed " + seed);
        byType.forEach((type, count) -> System.out.printf(Locale.ROOT, "  %-26s %-18s %,10d%n", type.ceType(),
                type.topic(), count[0]));
        return 0;
    }

}
