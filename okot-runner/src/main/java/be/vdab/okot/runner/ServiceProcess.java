package be.vdab.okot.runner;

import be.vdab.okot.runner.http.OkotClient;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) in its own JVM. */
public class ServiceProcess extends ChildProcess {

    /** The AppCDS archive of a Quarkus package: {@code target/quarkus-app/app-cds.jsa}. */
    static final String APP_CDS_ARCHIVE = "app-cds.jsa";

    private static final OkotClient HTTP = new OkotClient();

    private final Path quarkusRunJar;
    private final int port;
    private final Map<String, String> environment;

    /**
     * @param environment variables for the service (Kafka, data directory, database, ...);
     *                    the HTTP port is added
     */
    public ServiceProcess(String name, Path quarkusRunJar, int port, Map<String, String> environment, Path logFile) {
        super(name, logFile);
        this.quarkusRunJar = quarkusRunJar;
        this.port = port;
        this.environment = new HashMap<>(environment);
        this.environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    }

    /** Changes the environment of the next start (e.g. a one-off database clean on the first start). */
    public synchronized void setEnvironment(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    @Override
    public synchronized void start() {
        if (!Files.exists(quarkusRunJar)) {
            throw new IllegalStateException(quarkusRunJar + " is missing: build with mvn -DskipTests install");
        }
        super.start();
    }

    @Override
    protected List<String> javaArguments() {
        // small heaps: five JVMs share a 2-core developer machine; stats-service holds the live aggregate in
        // memory (about 55 MB of cells for the 165,000 persons of ./okot populate) and a rebuild holds a second
        // set besides its fold of the log: with 320 MB that rebuild spent a third of its time in full collections
        String heap = "stats-service".equals(name()) ? "-Xmx512m" : "-Xmx160m";
        List<String> arguments = new ArrayList<>(List.of(heap, "-XX:+UseSerialGC",
                // give memory back after a burst: the heap shrinks to 40 % free after a full collection
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=40",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager"));
        // C2 for the steady state of a long-running service; start-up stays fast through the class-data archive
        // the Quarkus build writes beside the jar (quarkus.package.jar.appcds.enabled). The archive records the
        // class path as the build ran it, relative (quarkus-run.jar and lib/boot/...): the JVM maps it only when
        // started in the quarkus-app directory with -jar quarkus-run.jar (see workingDirectory); launched with
        // an absolute jar path it silently falls back to the JDK's own archive (checked with -Xlog:cds)
        if (Files.exists(quarkusRunJar.resolveSibling(APP_CDS_ARCHIVE))) {
            arguments.add("-XX:SharedArchiveFile=" + APP_CDS_ARCHIVE);
        }
        arguments.addAll(List.of("-jar", quarkusRunJar.getFileName().toString()));
        return arguments;
    }

    /** The quarkus-app directory: the AppCDS archive's class path is relative to it. */
    @Override
    public Path workingDirectory() {
        return quarkusRunJar.toAbsolutePath().getParent();
    }

    @Override
    protected Map<String, String> environment() {
        return environment;
    }

    /** Ready when its readiness check (database and Kafka) answers UP. */
    @Override
    protected boolean isReady() {
        try {
            return HTTP.exchange(HTTP.plainGet(URI.create(baseUrl() + "/q/health/ready"), Duration.ofSeconds(2)))
                    .statusCode() == 200;
        } catch (IOException | OkotClient.CallFailed e) { // no answer yet, or interrupted
            return false;
        }
    }
}
