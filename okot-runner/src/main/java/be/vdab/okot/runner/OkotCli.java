package be.vdab.okot.runner;

import be.vdab.okot.runner.bench.BenchCommand;
import be.vdab.okot.runner.bench.StartupTimes;
import be.vdab.okot.runner.http.OkotClient;
import be.vdab.okot.runner.storage.AtRestCompaction;
import be.vdab.okot.runner.storage.H2Repair;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code ./okot}: runs the platform on this machine. */
@Command(name = "okot", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "okot 1.0",
        description = "Runs the OKOT platform locally: a Kafka broker and the four services on H2 files.",
        subcommands = {OkotCli.Up.class, OkotCli.Down.class, OkotCli.Restart.class, OkotCli.Repair.class,
                OkotCli.Status.class, OkotCli.Token.class,
                DemoCommand.class, PopulateCommand.class, StatsCommand.class, FreshnessCommand.class,
                PropagationCommand.class, BenchCommand.class})
public final class OkotCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new OkotCli()).execute(args));
    }

    static Path root() {
        String home = System.getProperty("okot.home");
        return home != null ? Path.of(home) : Platform.findRoot(Path.of(""));
    }

    public static Path stateDir() {
        return root().resolve(".okot");
    }

    @Command(name = "up", description = "Starts the broker and the four services, waits until all are ready, "
            + "and runs in the foreground until Ctrl-C. Data survive a restart (in .okot/).")
    static final class Up implements Callable<Integer> {

        @CommandLine.Mixin
        ReadinessTimeout timeout;

        @Override
        public Integer call() throws Exception {
            Path state = stateDir();
            PidFiles pids = new PidFiles(state.resolve("pids"));
            if (pids.anyAlive()) {
                System.err.println("The platform is already running (see .okot/pids); stop it with ./okot down");
                return 1;
            }
            Platform platform = Platform.local(root(), state);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("\nStopping the OKOT platform...");
                platform.stop();
                // a service or broker restarted by ./okot restart is not this process's child
                STOP_ORDER.forEach(name -> pids.alive(name).filter(process -> process.pid() != ProcessHandle.current().pid())
                        .ifPresent(process -> stop(name, process)));
                pids.clear();
                System.out.println("Stopped.");
            }, "okot-down"));

            Instant begin = Instant.now();
            System.out.println("Starting Kafka and the four services (logs in " + state.resolve("logs") + ")...");
            pids.write("okot-up", ProcessHandle.current().pid());
            platform.start(timeout.duration());
            pids.write("kafka", platform.broker().pid());
            platform.services().forEach(service -> pids.write(service.name(), service.pid()));
            StartupTimes.write(state.resolve(StartupTimes.FILE), platform.readyAfter());

            System.out.printf("%nOKOT platform ready in %.1f s%n%n", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
            System.out.printf("  %-18s %s%n", "Kafka", platform.broker().bootstrapServers());
            for (ServiceProcess service : platform.services()) {
                String url = service.baseUrl();
                System.out.printf("  %-18s %s   Swagger UI %s/q/swagger-ui   health %s/q/health   metrics %s/q/metrics%n",
                        service.name(), url, url, url, url);
            }
            System.out.println("\nPress Ctrl-C to stop (or run ./okot down).");
            Thread.currentThread().join();
            return 0;
        }
    }

    /** {@code --timeout}: how long {@code up} and {@code restart} wait for readiness. */
    static final class ReadinessTimeout {
        @Option(names = "--timeout", description = "How long to wait for readiness (default: ${DEFAULT-VALUE} s)",
                defaultValue = "120")
        int seconds;

        Duration duration() {
            return Duration.ofSeconds(seconds);
        }
    }

    /** The order in which a local run's processes stop: services before the broker they close against. */
    static final List<String> STOP_ORDER = List.of("okot-up", "intake-service", "enrolment-service", "outcome-service",
            "stats-service", "kafka");

    @Command(name = "down", description = "Stops a platform started with ./okot up, then compacts the services' "
            + "H2 files while they are at rest (about 8 s per GB).")
    static final class Down implements Callable<Integer> {
        @Option(names = "--no-compact", description = "Leave the H2 files as the services left them")
        boolean noCompact;

        @Override
        public Integer call() throws IOException {
            PidFiles pids = new PidFiles(stateDir().resolve("pids"));
            // read before anything stops: the foreground 'up' clears the files when it stops its children, and
            // what ./okot restart started (or 'up' left behind) is stopped here
            Map<String, ProcessHandle> running = new LinkedHashMap<>();
            STOP_ORDER.forEach(name -> pids.alive(name).ifPresent(process -> running.put(name, process)));
            running.forEach((name, process) -> {
                if (process.isAlive()) {
                    stop(name, process);
                }
            });
            boolean any = !running.isEmpty();
            pids.clear();
            System.out.println(any ? "Stopped." : "Nothing was running.");
            if (!noCompact) {
                compactAtRest(stateDir().resolve("data"));
            }
            return 0;
        }
    }

    @Command(name = "restart", description = "Stops one process of a running local platform (if it still runs) and "
            + "starts it again with the same data, ports and settings, e.g. after kill -9 in a fault drill.")
    static final class Restart implements Callable<Integer> {

        @CommandLine.Parameters(index = "0", description = "intake-service, enrolment-service, outcome-service, "
                + "stats-service or kafka")
        String name;

        @CommandLine.Mixin
        ReadinessTimeout timeout;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!STOP_ORDER.contains(name) || name.equals("okot-up")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Unknown process " + name
                        + ": use intake-service, enrolment-service, outcome-service, stats-service or kafka");
            }
            Path state = stateDir();
            PidFiles pids = new PidFiles(state.resolve("pids"));
            if (pids.alive("okot-up").isEmpty()) {
                System.err.println("No local platform is running: start it with ./okot up");
                return 1;
            }
            pids.alive(name).ifPresent(process -> stop(name, process));
            Platform platform = Platform.local(root(), state);
            ChildProcess process = name.equals("kafka") ? platform.broker() : platform.services().stream()
                    .filter(service -> service.name().equals(name)).findFirst().orElseThrow();
            Instant begin = Instant.now();
            System.out.println("Starting " + name + " (log in " + process.logFile() + ")...");
            process.startAndAwaitReady(timeout.duration());
            pids.write(name, process.pid()); // ./okot down and the Ctrl-C of ./okot up stop it
            System.out.printf("%s ready in %.1f s (pid %d)%n", name,
                    Duration.between(begin, Instant.now()).toMillis() / 1000.0, process.pid());
            return 0;
        }
    }

    @Command(name = "repair", description = "Rebuilds a stopped service's H2 file from what H2 reads in it (export "
            + "and import; H2's recovery tool when the file does not open), keeping the old file beside it: for a file "
            + "a kill -9 damaged (README, 'An H2 file damaged by kill -9').")
    static final class Repair implements Callable<Integer> {

        @CommandLine.Parameters(index = "0", description = "intake-service, enrolment-service, outcome-service or "
                + "stats-service")
        String name;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!STOP_ORDER.contains(name) || name.equals("okot-up") || name.equals("kafka")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Unknown service " + name
                        + ": use intake-service, enrolment-service, outcome-service or stats-service");
            }
            if (new PidFiles(stateDir().resolve("pids")).alive(name).isPresent()) {
                System.err.println(name + " is running: stop it first (./okot down, or kill it)");
                return 1;
            }
            try {
                H2Repair.Result result = H2Repair.repair(stateDir().resolve("data"), name, databaseUser(),
                        databasePassword());
                System.out.printf("Repaired %s%s: %,d MB -> %,d MB in %.1f s; the old file is %s%n",
                        result.file().getFileName(), result.recovered() ? " with H2's recovery tool" : "",
                        result.bytesBefore() >> 20, result.bytesAfter() >> 20, result.took().toMillis() / 1000.0,
                        result.kept().getFileName());
                return 0;
            } catch (java.sql.SQLException e) {
                System.err.println("Could not repair " + name + ": " + e.getMessage());
                return 1;
            }
        }
    }

    /** SIGTERM, then a forced kill after 30 s. */
    static void stop(String name, ProcessHandle process) {
        System.out.println("Stopping " + name + " (pid " + process.pid() + ")");
        process.destroy();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    /** The services' database user, as they read it ({@code QUARKUS_DATASOURCE_USERNAME}, else okot). */
    static String databaseUser() {
        return System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "okot");
    }

    /** The services' database password ({@code QUARKUS_DATASOURCE_PASSWORD}, else okot). */
    static String databasePassword() {
        return System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "okot");
    }

    /** {@link AtRestCompaction} of every H2 file in {@code data}, a line per file. */
    static void compactAtRest(Path data) throws IOException {
        for (AtRestCompaction.Result result : AtRestCompaction.compactAll(data, databaseUser(), databasePassword())) {
            System.out.println(result.compacted()
                    ? String.format("Compacted %s: %,d MB -> %,d MB in %.1f s", result.file().getFileName(),
                    result.bytesBefore() >> 20, result.bytesAfter() >> 20, result.took().toMillis() / 1000.0)
                    : "Left " + result.file().getFileName() + " as it is: " + result.problem());
        }
    }

    @Command(name = "status", description = "Says which services are ready.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            OkotClient http = new OkotClient();
            int down = 0;
            for (Platform.Service service : Platform.Service.values()) {
                String url = "http://localhost:" + service.defaultPort + "/q/health/ready";
                String state;
                try {
                    int status = http.exchange(http.plainGet(URI.create(url), Duration.ofSeconds(3))).statusCode();
                    state = status == 200 ? "READY" : "NOT READY (" + status + ")";
                } catch (IOException | OkotClient.CallFailed e) {
                    state = "DOWN";
                }
                if (!state.equals("READY")) {
                    down++;
                }
                System.out.printf("  %-18s %-16s %s%n", service.moduleName, state, url);
            }
            return down == 0 ? 0 : 3;
        }
    }

    @Command(name = "token", description = "Prints a bearer token the local platform accepts, e.g. "
            + "curl -H \"Authorization: Bearer $(./okot token counsellor)\" ...")
    static final class Token implements Callable<Integer> {

        @CommandLine.Parameters(index = "0", description = "Role: counsellor, ocmw, analyst or admin")
        String role;

        @Option(names = "--ocmw", description = "The OCMW of a social worker (required with role ocmw), e.g. ocmw-gent")
        String ocmwId;

        @Option(names = "--sub", description = "Who acts (the token subject, recorded as the actor of every change)")
        String subject;

        @Option(names = "--hours", description = "Validity in hours, 1 to 8: the services refuse longer (default: ${DEFAULT-VALUE})",
                defaultValue = "8")
        int hours;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!List.of("counsellor", "ocmw", "analyst", "admin").contains(role)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Unknown role " + role + ": use counsellor, ocmw, analyst or admin");
            }
            if ("ocmw".equals(role) == (ocmwId == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--ocmw is required with role ocmw, and only with it");
            }
            if (hours < 1 || Duration.ofHours(hours).compareTo(TokenIssuer.MAX_VALIDITY) > 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--hours must be 1 to " + TokenIssuer.MAX_VALIDITY.toHours() + ": the services refuse longer tokens");
            }
            String who = subject != null ? subject : role + (ocmwId != null ? "@" + ocmwId : "") + "@local";
            System.out.println(TokenIssuer.inDirectory(stateDir().resolve("keys"))
                    .issue(who, role, ocmwId, Duration.ofHours(hours)));
            return 0;
        }
    }

    /** A process of the local run ({@code kafka}, {@code stats-service}, …) when its pid file names a live one. */
    public static Optional<ProcessHandle> runningProcess(String name) {
        return new PidFiles(stateDir().resolve("pids")).alive(name);
    }

    /** One file per process of a local run, so that ./okot down finds them. */
    record PidFiles(Path dir) {

        void write(String name, long pid) {
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(name + ".pid"), Long.toString(pid));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot write pid file in " + dir, e);
            }
        }

        Optional<ProcessHandle> alive(String name) {
            Path file = dir.resolve(name + ".pid");
            try {
                return Files.exists(file)
                        ? ProcessHandle.of(Long.parseLong(Files.readString(file).trim())).filter(ProcessHandle::isAlive)
                        : Optional.empty();
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        boolean anyAlive() {
            try (var files = Files.list(dir)) {
                return files.map(file -> file.getFileName().toString().replace(".pid", ""))
                        .anyMatch(name -> alive(name).isPresent());
            } catch (IOException e) {
                return false;
            }
        }

        void clear() {
            try (var files = Files.list(dir)) {
                files.forEach(file -> file.toFile().delete());
            } catch (IOException ignored) {
                // nothing to clear
            }
        }
    }
}
