package be.vdab.okot.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The whole platform as processes: the Kafka broker and the four packaged services, each on
 * its own H2 files (or whatever database the services were built for and are pointed at).
 */
public final class Platform {

    /** The services of api.md with their local ports. */
    public enum Service {
        INTAKE("intake-service", 8081),
        ENROLMENT("enrolment-service", 8082),
        OUTCOME("outcome-service", 8083),
        STATS("stats-service", 8084);

        public final String moduleName;
        public final int defaultPort;

        Service(String moduleName, int defaultPort) {
            this.moduleName = moduleName;
            this.defaultPort = defaultPort;
        }
    }

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;

    private final BrokerProcess broker;
    private final TokenIssuer tokens;
    private final Map<Service, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Duration> readyAfter = new java.util.concurrent.ConcurrentHashMap<>();

    private Platform(Path root, Path stateDir, BrokerProcess broker, Function<Service, Integer> ports,
                     Function<Service, Map<String, String>> extraEnvironment) {
        this.broker = broker;
        this.tokens = TokenIssuer.inDirectory(stateDir.resolve("keys"));
        for (Service service : Service.values()) {
            Map<String, String> environment = new HashMap<>();
            environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            environment.put("OKOT_DATA_DIR", stateDir.resolve("data").toAbsolutePath().toString());
            environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", tokens.publicKeyFile().toAbsolutePath().toString());
            environment.putAll(extraEnvironment.apply(service));
            services.put(service, new ServiceProcess(service.moduleName,
                    root.resolve(service.moduleName).resolve("target/quarkus-app/quarkus-run.jar"),
                    ports.apply(service), environment, stateDir.resolve("logs").resolve(service.moduleName + ".log")));
        }
    }

    /** The local run: the ports of api.md, state (data, logs) under {@code stateDir}. */
    public static Platform local(Path root, Path stateDir) {
        return new Platform(root, stateDir,
                new BrokerProcess(DEFAULT_KAFKA_PORT, DEFAULT_CONTROLLER_PORT, stateDir.resolve("kafka"),
                        stateDir.resolve("logs").resolve("kafka.log")),
                service -> service.defaultPort,
                service -> {
                    Map<String, String> environment = new HashMap<>(builtDatabase(root, service));
                    if (service == Service.INTAKE) {
                        // on a developer's machine a webhook receiver is a plain http server on localhost: allowed
                        // explicitly here, production allows no loopback or private destination
                        environment.put("OKOT_OCMW_WEBHOOK_REQUIRE_HTTPS", "false");
                        environment.put("OKOT_OCMW_WEBHOOK_ALLOWED_NETWORKS", "127.0.0.0/8,::1/128");
                    }
                    return environment;
                });
    }

    /**
     * The database a service was built for decides where its data live: H2 files under the state directory,
     * or, for a PostgreSQL build ({@code OKOT_DB=postgresql ./okot up}), the service's own database on the
     * local PostgreSQL ({@code okot_intake}, ... as {@code .ci/postgres-setup} creates them), kept across runs.
     */
    static Map<String, String> builtDatabase(Path root, Service service) {
        Path buildInfo = root.resolve(service.moduleName).resolve("target/classes/okot-build.properties");
        java.util.Properties properties = new java.util.Properties();
        try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(buildInfo)) {
            properties.load(reader);
        } catch (java.io.IOException e) {
            return Map.of(); // not built yet: the service's start says so
        }
        if (!"postgresql".equals(properties.getProperty("db.kind"))) {
            return Map.of();
        }
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://localhost:5432/okot_" + service.moduleName.replace("-service", ""));
    }

    /**
     * For tests: ports reserved for this JVM ({@link PortReservations}), so it runs beside a local run and beside
     * another test platform; extra environment per service.
     */
    public static Platform onFreePorts(Path root, Path stateDir, Function<Service, Map<String, String>> extraEnvironment) {
        return new Platform(root, stateDir,
                BrokerProcess.onFreePorts(stateDir.resolve("kafka"), stateDir.resolve("logs").resolve("kafka.log")),
                service -> PortReservations.reserve(), extraEnvironment);
    }

    /** Issues tokens the services of this platform accept. */
    public TokenIssuer tokens() {
        return tokens;
    }

    public BrokerProcess broker() {
        return broker;
    }

    public ServiceProcess service(Service service) {
        return services.get(service);
    }

    public List<ServiceProcess> services() {
        return new ArrayList<>(services.values());
    }

    /** Starts the broker, then the four services side by side, and waits until every one is ready. */
    public void start(Duration timeout) {
        long begin = System.nanoTime();
        readyAfter.clear();
        broker.startAndAwaitReady(timeout);
        readyAfter.put(broker.name(), Duration.ofNanos(System.nanoTime() - begin));
        services.values().forEach(ServiceProcess::start);
        List<CompletableFuture<Void>> ready = services.values().stream()
                .map(service -> CompletableFuture.runAsync(() -> {
                    service.awaitReady(timeout);
                    readyAfter.put(service.name(), Duration.ofNanos(System.nanoTime() - begin));
                }))
                .toList();
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            stop();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * How long after {@link #start} began each process was ready (the broker's readiness first, then each
     * service's {@code /q/health/ready} answering UP, polled every 100 ms), by process name; empty before a start.
     */
    public Map<String, Duration> readyAfter() {
        Map<String, Duration> ordered = new LinkedHashMap<>();
        ordered.put(broker.name(), readyAfter.get(broker.name()));
        services.values().forEach(service -> ordered.put(service.name(), readyAfter.get(service.name())));
        ordered.values().removeIf(java.util.Objects::isNull);
        return ordered;
    }

    /** Services first (their relays and consumers close against a running broker), then the broker. */
    public void stop() {
        services.values().parallelStream().forEach(ServiceProcess::stop);
        broker.stop();
    }

    /** The repository root: the nearest folder upwards whose pom.xml is the okot-parent. */
    public static Path findRoot(Path from) {
        for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.exists(pom) && Files.readString(pom).contains("<artifactId>okot-parent</artifactId>")
                        && Files.isDirectory(dir.resolve("intake-service"))) {
                    return dir;
                }
            } catch (java.io.IOException ignored) {
                // unreadable pom: keep looking upwards
            }
        }
        throw new IllegalStateException("Not inside the OKOT repository: " + from.toAbsolutePath());
    }
}
