package be.vdab.okot.runner.bench;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --bootstrap-servers}: the local platform's Kafka, for commands that read or write its topics directly. */
public final class LocalKafka {

    @Option(names = "--bootstrap-servers", description = "Kafka of the local platform, loopback only "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "localhost:9092")
    String bootstrapServers;

    /** The bootstrap servers; a parameter error when the host is not a loopback address (load stays here). */
    public String bootstrapServers(CommandLine commandLine) {
        BenchOptions.requireLoopback(commandLine, "--bootstrap-servers", bootstrapServers.replaceAll(":\\d+$", ""));
        return bootstrapServers;
    }
}
