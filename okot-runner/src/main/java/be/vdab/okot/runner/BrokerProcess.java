package be.vdab.okot.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Kafka broker (module okot-kafka-broker) in a child JVM with its own classpath, so its
 * dependencies never meet a service's Kafka client. Its data directory survives a restart.
 */
public class BrokerProcess extends ChildProcess {

    private static final String MAIN_CLASS = "be.vdab.okot.broker.KafkaBrokerMain";
    private static final String CLASSPATH_RESOURCE = "okot-kafka-broker.classpath";
    private static final String READY_LINE = "OKOT-KAFKA-READY";

    private final int port;
    private final int controllerPort;
    private final Path dataDir;

    public BrokerProcess(int port, int controllerPort, Path dataDir, Path logFile) {
        super("kafka", logFile);
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
    }

    /** A broker on free ports reserved for this JVM ({@link PortReservations}), for tests. */
    public static BrokerProcess onFreePorts(Path dataDir, Path logFile) {
        return new BrokerProcess(PortReservations.reserve(), PortReservations.reserve(), dataDir, logFile);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    protected List<String> javaArguments() {
        return List.of("-Xmx256m", "-XX:+UseSerialGC",
                "-cp", brokerClasspath(), MAIN_CLASS,
                Integer.toString(port), Integer.toString(controllerPort), dataDir.toAbsolutePath().toString());
    }

    /** Ready when it printed its ready line after this start and accepts connections. */
    @Override
    protected boolean isReady() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException e) {
            return false;
        }
        return readyLinesInLog() > readyLinesBeforeStart;
    }

    // the log file is appended to across restarts: only a ready line written after this start counts
    private long readyLinesBeforeStart;

    @Override
    public synchronized void start() {
        readyLinesBeforeStart = readyLinesInLog();
        super.start();
    }

    private long readyLinesInLog() {
        if (!Files.exists(logFile())) {
            return 0;
        }
        try (var lines = Files.lines(logFile(), StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.startsWith(READY_LINE)).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** Stops the broker and starts it again on the same data and ports. */
    public void restart(java.time.Duration timeout) {
        stop();
        startAndAwaitReady(timeout);
    }

    /** The broker's runtime classpath, written into the broker's jar at build time, plus that jar. */
    static String brokerClasspath() {
        URL resource = BrokerProcess.class.getClassLoader().getResource(CLASSPATH_RESOURCE);
        if (resource == null) {
            throw new IllegalStateException(CLASSPATH_RESOURCE + " not found: build the okot-kafka-broker module first");
        }
        try (InputStream in = resource.openStream()) {
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return dependencies + java.io.File.pathSeparator + locationOf(resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String locationOf(URL resource) {
        try {
            String url = resource.toString();
            if (url.startsWith("jar:")) {
                return Path.of(new URL(url.substring(4, url.indexOf("!/"))).toURI()).toString();
            }
            return Path.of(resource.toURI()).getParent().toString(); // classes directory in the reactor
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("Cannot locate the broker jar from " + resource, e);
        }
    }
}
