package be.vdab.okot.runner.bench;

import be.vdab.okot.events.Topics;
import be.vdab.okot.runner.OkotCli;
import be.vdab.okot.runner.StatsCommand;
import be.vdab.okot.runner.rebuild.RebuildStatus;
import be.vdab.okot.runner.rebuild.RebuildWatch;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/**
 * {@code ./okot bench rebuild}: stats-service's rebuild from the topics, beside Kafka's own consumer performance tool
 * reading the same topics in the same run, and stats-service's resident memory before and after.
 */
@Command(name = "rebuild", description = {
        "Triggers stats-service's rebuild (POST /stats/rebuild), waits until it is swapped in, and prints its events,",
        "duration and events/s; beside it the anchor: Kafka's ConsumerPerformance (kafka-tools 4.0.0, a child JVM)",
        "reading every record of the three topics right after, and the ratio rebuild / anchor; stats-service's",
        "resident memory (VmRSS) before and after the rebuild. Progress on standard error.",
        "Exit code as ./okot stats rebuild (0 swapped, 1 failed, 2 unreachable or refused, 3 already running)."})
public final class RebuildBench implements Callable<Integer> {

    @CommandLine.Mixin
    StatsCommand.RebuildOptions rebuild;

    @Option(names = "--json", description = "Print the results as JSON on standard output instead of a table "
            + "(progress stays on standard error)")
    boolean json;

    @CommandLine.Mixin
    LocalKafka kafka;

    @Option(names = "--no-anchor", description = "Skip the consumer performance tool")
    boolean noAnchor;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String bootstrapServers = kafka.bootstrapServers(spec.commandLine());
        Progress progress = Progress.onStandardError();
        OptionalLong rssBefore = statsRssKilobytes();
        RebuildWatch.Outcome outcome = rebuild.run(spec.commandLine(), progress);
        OptionalLong rssAfter = statsRssKilobytes();
        if (outcome.problem() != null) {
            System.err.println(outcome.problem());
        }
        if (outcome.status() == null || !outcome.status().swapped()) {
            return outcome.exitCode();
        }
        ConsumerPerfAnchor.Result anchor = null;
        if (!noAnchor) {
            ConsumerPerfAnchor tool = new ConsumerPerfAnchor(bootstrapServers, ConsumerPerfAnchor.runnerLib());
            Map<String, Long> records = tool.recordsOn(Topics.ALL);
            Progress.Task task = progress.start("anchor: ConsumerPerformance on " + String.join(", ", Topics.ALL), 0);
            anchor = tool.read(records);
            task.update(anchor.records());
            task.done(String.format(Locale.ROOT, "%,.0f records/s", anchor.recordsPerSecond()));
        }
        Report report = new Report(outcome.status(), anchor, rssBefore, rssAfter);
        if (json) {
            BenchOptions.printJson(report.json());
        } else {
            report.print();
        }
        return outcome.exitCode();
    }

    /** stats-service's VmRSS in kB (from /proc), when the local run's pid file names a live process. */
    static OptionalLong statsRssKilobytes() {
        return OkotCli.runningProcess("stats-service").map(process -> vmRssKilobytes(Path.of("/proc",
                Long.toString(process.pid()), "status"))).orElse(OptionalLong.empty());
    }

    /** The {@code VmRSS:} line of a /proc status file, in kB; empty when absent or unreadable. */
    static OptionalLong vmRssKilobytes(Path status) {
        try {
            return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** What the bench found: the rebuild's final status, the anchor (or null) and the RSS around it. */
    record Report(RebuildStatus rebuild, ConsumerPerfAnchor.Result anchor, OptionalLong rssBeforeKb,
                  OptionalLong rssAfterKb) {

        /** Rebuild events/s over anchor records/s (wall time); NaN without anchor. */
        double ratio() {
            return anchor == null ? Double.NaN : rebuild.eventsPerSecond() / anchor.recordsPerSecond();
        }

        void print() {
            System.out.printf(Locale.ROOT, "%n%-44s %12s %10s %12s%n", "", "events", "seconds", "events/s");
            System.out.printf(Locale.ROOT, "%-44s %,12d %10.1f %,12.0f%n", "stats-service rebuild (" + rebuild.id() + ")",
                    rebuild.eventsRead(), rebuild.durationMillis() / 1000.0, rebuild.eventsPerSecond());
            if (anchor != null) {
                System.out.printf(Locale.ROOT, "%-44s %,12d %10.1f %,12.0f%n", "anchor: ConsumerPerformance (wall)",
                        anchor.records(), anchor.elapsedMillis() / 1000.0, anchor.recordsPerSecond());
                System.out.printf(Locale.ROOT, "%-44s %,12d %10.1f %,12.0f%n", "anchor: ConsumerPerformance (fetch only)",
                        anchor.records(), anchor.fetchMillis() / 1000.0, anchor.fetchRecordsPerSecond());
                System.out.printf(Locale.ROOT, "%nrebuild / anchor: %.3f (the rebuild reads and applies at %.1f %% of the "
                        + "rate at which Kafka's own consumer only reads)%n", ratio(), ratio() * 100);
            }
            System.out.printf(Locale.ROOT, "stats-service RSS: before %s, after %s%n", megabytes(rssBeforeKb),
                    megabytes(rssAfterKb));
        }

        private static String megabytes(OptionalLong kilobytes) {
            return kilobytes.isPresent() ? String.format(Locale.ROOT, "%.0f MB", kilobytes.getAsLong() / 1024.0) : "unknown";
        }

        ObjectNode json() {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            ObjectNode node = root.putObject("rebuild");
            node.put("id", rebuild.id()).put("state", rebuild.state()).put("eventsTarget", rebuild.eventsTarget())
                    .put("events", rebuild.eventsRead()).put("durationMillis", rebuild.durationMillis())
                    .put("eventsPerSecond", rebuild.eventsPerSecond());
            if (anchor != null) {
                ObjectNode tool = root.putObject("anchor");
                tool.put("tool", "org.apache.kafka.tools.ConsumerPerformance 4.0.0").put("records", anchor.records())
                        .put("elapsedMillis", anchor.elapsedMillis()).put("recordsPerSecond", anchor.recordsPerSecond())
                        .put("fetchMillis", anchor.fetchMillis()).put("fetchRecordsPerSecond", anchor.fetchRecordsPerSecond());
                var topics = tool.putArray("topics");
                anchor.runs().forEach(run -> topics.addObject().put("topic", run.topic())
                        .put("records", run.records()).put("megabytes", run.megabytes())
                        .put("elapsedMillis", run.elapsedMillis()).put("fetchMillis", run.fetchMillis()));
                root.put("ratio", ratio());
            }
            ObjectNode rss = root.putObject("statsServiceRssKb");
            rssBeforeKb.ifPresent(kb -> rss.put("before", kb));
            rssAfterKb.ifPresent(kb -> rss.put("after", kb));
            return root;
        }
    }
}
