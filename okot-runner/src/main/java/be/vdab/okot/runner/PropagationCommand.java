package be.vdab.okot.runner;

import be.vdab.okot.runner.demo.DemoDriver;
import be.vdab.okot.runner.demo.PropagationProbe;
import be.vdab.okot.runner.demo.PropagationProbe.Applied;
import be.vdab.okot.runner.demo.PropagationProbe.Leg;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Year;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./okot propagation}: how long events spend in each outbox and until each consumer applied them. */
@Command(name = "propagation", description = {
        "Registers whole trajectories (candidacy, approved screening, contract, passed course end) one after",
        "another through the public REST APIs of the running platform (./okot up) and measures, per service and",
        "event type: ce_time → Kafka record timestamp (time in the producer's outbox), read back from the topics,",
        "and Kafka timestamp (and ce_time) → committed application in each consuming service, from the",
        "okot_consumer_lag_seconds histograms. The persons stay on the platform, in --year and the year before."})
public final class PropagationCommand implements Callable<Integer> {

    @Option(names = "--trajectories", description = "Trajectories, one after another (default: ${DEFAULT-VALUE})",
            defaultValue = "1000")
    int trajectories;

    @Option(names = "--year", description = "Year of the course ends (default: two years ago)")
    Integer year;

    @Option(names = "--host", description = "Where the services run (default: ${DEFAULT-VALUE})", defaultValue = "localhost")
    String host;

    @Option(names = "--bootstrap-servers", description = "Kafka (default: ${DEFAULT-VALUE})", defaultValue = "localhost:9092")
    String bootstrapServers;

    @Option(names = "--json", description = "Print the figures as JSON instead of tables")
    boolean asJson;

    @Override
    public Integer call() throws Exception {
        int trajectoryYear = year != null ? year : Year.now().getValue() - 2;
        Map<be.vdab.okot.runner.Platform.Service, String> urls = DemoCommand.serviceUrls(host);
        DemoDriver driver = DemoCommand.connect(urls, 1);
        if (driver == null) {
            return 2;
        }
        int firstPerson = FreshnessCommand.takeProbePersons(OkotCli.stateDir().resolve("propagation-next-person"),
                trajectories);
        PrintStream progress = asJson ? System.err : System.out;
        PropagationProbe.Result result = new PropagationProbe(driver, urls, bootstrapServers)
                .run(firstPerson, trajectories, trajectoryYear, progress);
        if (asJson) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(json(result)));
        } else {
            print(result, System.out);
        }
        return 0;
    }

    static void print(PropagationProbe.Result result, PrintStream out) {
        out.printf("%d trajectories in %.1f s, one after another.%n%n", result.trajectories(),
                result.driving().toMillis() / 1000.0);
        out.println("Outbox: ce_time → Kafka record timestamp (exact, every record of the run)");
        out.printf("  %-18s %-34s %6s %8s %8s %8s%n", "producer", "event type", "events", "median", "p99", "max");
        for (Leg leg : result.outbox()) {
            out.printf("  %-18s %-34s %6d %8s %8s %8s%n", leg.service(), leg.type(), leg.millis().size(),
                    ms(leg.percentile(50)), ms(leg.percentile(99)), ms(leg.percentile(100)));
        }
        out.println();
        out.println("Consumers: → committed application (bucket upper bounds of okot_consumer_lag_seconds)");
        out.printf("  %-18s %-34s %6s | %-26s | %-26s%n", "consumer", "event type", "events",
                "from Kafka timestamp", "from ce_time");
        out.printf("  %-18s %-34s %6s | %8s %8s %8s | %8s %8s %8s%n", "", "", "", "median", "p99", "max",
                "median", "p99", "max");
        for (Applied row : result.applied()) {
            out.printf("  %-18s %-34s %6d | %8s %8s %8s | %8s %8s %8s%n", row.consumer(), row.type(),
                    row.count("broker-time"),
                    bound(row.percentile("broker-time", 50)), bound(row.percentile("broker-time", 99)),
                    bound(row.percentile("broker-time", 100)),
                    bound(row.percentile("event-time", 50)), bound(row.percentile("event-time", 99)),
                    bound(row.percentile("event-time", 100)));
        }
        out.println();
        Leg contract = result.contractAfterScreening();
        out.printf("Screening answered 200 → contract accepted by enrolment-service (409 retried): "
                        + "median %s, p99 %s, max %s%n", ms(contract.percentile(50)), ms(contract.percentile(99)),
                ms(contract.percentile(100)));
    }

    static ObjectNode json(PropagationProbe.Result result) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode().put("trajectories", result.trajectories())
                .put("drivingMillis", result.driving().toMillis());
        ArrayNode outbox = root.putArray("outbox");
        for (Leg leg : result.outbox()) {
            outbox.addObject().put("producer", leg.service()).put("type", leg.type()).put("events", leg.millis().size())
                    .put("medianMillis", leg.percentile(50)).put("p99Millis", leg.percentile(99))
                    .put("maxMillis", leg.percentile(100));
        }
        ArrayNode applied = root.putArray("applied");
        for (Applied row : result.applied()) {
            ObjectNode item = applied.addObject().put("consumer", row.consumer()).put("topic", row.topic())
                    .put("type", row.type()).put("events", row.count("broker-time"));
            for (String since : new String[] {"broker-time", "event-time"}) {
                item.putObject(since.equals("broker-time") ? "fromKafkaTimestamp" : "fromCeTime")
                        .put("medianMillisAtMost", row.percentile(since, 50))
                        .put("p99MillisAtMost", row.percentile(since, 99))
                        .put("maxMillisAtMost", row.percentile(since, 100));
            }
        }
        Leg contract = result.contractAfterScreening();
        root.putObject("contractAfterScreening").put("medianMillis", contract.percentile(50))
                .put("p99Millis", contract.percentile(99)).put("maxMillis", contract.percentile(100));
        return root;
    }

    private static String ms(long value) {
        return value < 0 ? "-" : value + " ms";
    }

    private static String bound(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return Double.isInfinite(value) ? "> 5 min" : "≤" + Math.round(value) + " ms";
    }
}
