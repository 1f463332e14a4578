package be.vdab.okot.e2e;

import be.vdab.okot.runner.Platform;
import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The broker and the four packaged services, started once for all end-to-end tests of this
 * JVM on free ports and fresh data, stopped when the JVM ends.
 */
final class RunningPlatform {

    /** How long the services may take to start; {@code -Dokot.e2e.start-timeout-seconds} on a crowded machine. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("okot.e2e.start-timeout-seconds", 120));
    private static final String CLEAN_AT_START = "QUARKUS_FLYWAY_CLEAN_AT_START";

    private static Platform platform;

    private RunningPlatform() {
    }

    static synchronized Platform get() {
        if (platform == null) {
            Path root = Path.of(System.getProperty("okot.home", "..")).toAbsolutePath().normalize();
            Path state = stateDir();
            deleteRecursively(state);
            boolean postgres = "postgresql".equals(System.getProperty("okot.db.kind"));
            platform = Platform.onFreePorts(root, state, service -> environment(service, postgres));
            Instant begin = Instant.now();
            platform.start(START_TIMEOUT);
            System.out.printf("E2E: broker and four services ready in %d ms (%s)%n",
                    Duration.between(begin, Instant.now()).toMillis(), postgres ? "PostgreSQL" : "H2 files");
            // the databases were emptied on the first start; a restart in a test must keep the data
            platform.services().forEach(service -> service.setEnvironment(CLEAN_AT_START, null));
            Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "okot-e2e-stop"));
        }
        return platform;
    }

    /** Where the platform keeps its data and logs. */
    static Path stateDir() {
        return Path.of(System.getProperty("okot.e2e.state-dir", "target/e2e-state")).toAbsolutePath();
    }

    /** The log file of every process of the platform (the broker's and each service's console output). */
    static Path logsDir() {
        return stateDir().resolve("logs");
    }

    /** A bearer token for a role the services of this platform accept. */
    static String token(String role) {
        return get().tokens().issue("e2e-" + role, role, null, Duration.ofHours(2));
    }

    static ServiceProcess service(Service service) {
        return get().service(service);
    }

    static String url(Service service) {
        return service(service).baseUrl();
    }

    private static Map<String, String> environment(Service service, boolean postgres) {
        Map<String, String> environment = new HashMap<>(postgres ? postgresEnvironment(service) : Map.of());
        if (service == Service.INTAKE) {
            // webhook receivers of the tests are plain http on 127.0.0.1 (allowed explicitly); retries fast enough to watch
            environment.put("OKOT_OCMW_WEBHOOK_REQUIRE_HTTPS", "false");
            environment.put("OKOT_OCMW_WEBHOOK_ALLOWED_NETWORKS", "127.0.0.1/32,::1/128");
            environment.put("OKOT_OCMW_WEBHOOK_FIRST_RETRY", "300ms");
            environment.put("OKOT_OCMW_WEBHOOK_MAX_RETRY", "2s");
            environment.put("OKOT_OCMW_DISPATCH_INTERVAL", "200ms");
        }
        return environment;
    }

    /**
     * The services' own PostgreSQL databases (created by .ci/postgres-setup), emptied on the first start. The
     * sessions commit without waiting for the WAL flush (as the @QuarkusTest databases do, see
     * .ci/postgres-setup): the tests kill services and the broker, never PostgreSQL, so nothing they check
     * depends on it, and the one-transaction-per-event consumers stop waiting on the disk.
     */
    private static Map<String, String> postgresEnvironment(Service service) {
        String database = "okot_" + service.moduleName.replace("-service", "");
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:5432/" + database
                + "?options=-c%20synchronous_commit%3Doff");
        environment.put(CLEAN_AT_START, "true");
        environment.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        return environment;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
