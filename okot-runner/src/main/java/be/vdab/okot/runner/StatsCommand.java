package be.vdab.okot.runner;

import be.vdab.okot.runner.bench.BenchOptions;
import be.vdab.okot.runner.bench.Progress;
import be.vdab.okot.runner.rebuild.RebuildClient;
import be.vdab.okot.runner.rebuild.RebuildWatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code ./okot stats}: operations on stats-service of the running platform. */
@Command(name = "stats", description = "Operations on stats-service of the running platform (./okot up).",
        subcommands = {StatsCommand.Rebuild.class})
public final class StatsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name an operation: rebuild");
    }

    /** Where stats-service runs and how to follow a rebuild: shared by {@code stats rebuild} and {@code bench rebuild}. */
    public static final class RebuildOptions {

        @Option(names = "--host", description = "Where stats-service runs, a loopback address only (default: ${DEFAULT-VALUE})",
                defaultValue = "localhost")
        String host;

        @Option(names = "--port", description = "stats-service's port (default: ${DEFAULT-VALUE})", defaultValue = "8084")
        int port;

        @Option(names = "--poll-interval", description = "Milliseconds between two status reads (default: ${DEFAULT-VALUE})",
                defaultValue = "500")
        int pollMillis;

        @Option(names = "--timeout", description = "Seconds to wait for the rebuild to end; it goes on in stats-service "
                + "after that (default: ${DEFAULT-VALUE})", defaultValue = "3600")
        int timeoutSeconds;

        @Option(names = "--follow", description = "When a rebuild is running already (409), follow that one instead of "
                + "ending with exit code 3")
        boolean follow;

        /** Starts a rebuild (or follows the running one with --follow) and watches it until it ends. */
        public RebuildWatch.Outcome run(CommandLine commandLine, Progress progress) {
            return watch(commandLine, progress).run(follow);
        }

        /** A watch on stats-service with an admin token of this runner; refuses a host that is not loopback. */
        private RebuildWatch watch(CommandLine commandLine, Progress progress) {
            BenchOptions.requireLoopback(commandLine, "--host", host);
            TokenIssuer tokens = TokenIssuer.inDirectory(OkotCli.stateDir().resolve("keys"));
            String token = tokens.issue("admin@local", "admin", null, Duration.ofHours(1));
            RebuildClient client = new RebuildClient("http://" + host + ":" + port, () -> token, Duration.ofSeconds(30));
            return new RebuildWatch(client, progress, Duration.ofMillis(pollMillis), Duration.ofSeconds(timeoutSeconds));
        }
    }

    @Command(name = "rebuild", description = {
            "Rebuilds stats-service's figures from the topics (POST /stats/rebuild, role admin) and shows its progress",
            "(events read of the records on the topics at its start, state, events/s) on standard error until it is",
            "swapped in or failed.",
            "Exit code 0 swapped in, 1 failed or not ended within --timeout, 2 stats-service unreachable or refusing",
            "(401, 403, 5xx), 3 a rebuild runs already (without --follow)."})
    static final class Rebuild implements Callable<Integer> {

        @CommandLine.Mixin
        RebuildOptions options;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            RebuildWatch.Outcome outcome = options.run(spec.commandLine(), Progress.onStandardError());
            if (outcome.problem() != null) {
                System.err.println(outcome.problem());
            }
            return outcome.exitCode();
        }
    }
}
