package be.vdab.okot.runner.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./okot bench}: measurements on the running platform, each beside an anchor measured in the same run. */
@Command(name = "bench", description = "Measures the running platform (./okot up) and prints a table (or --json); "
        + "progress on standard error. Each measurement comes with an anchor measured in the same run: a bare endpoint "
        + "of the same service with the same client, so a figure says how much the work adds to what any call costs "
        + "on this machine.",
        subcommands = {QueriesBench.class, FreshnessBench.class, RebuildBench.class, WritesBench.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a bench: queries, freshness, rebuild or writes");
    }
}
