package be.vdab.okot.testing;

import be.vdab.okot.runner.BrokerProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real Kafka broker (KRaft, child JVM) for {@code @QuarkusTest}s: one per test JVM, shared by
 * every test class and stopped when the JVM ends. Set {@code okot.kafka.bootstrap-servers}
 * (or {@code OKOT_KAFKA_BOOTSTRAP_SERVERS}) to use a broker that is already running instead.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static BrokerProcess broker;

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // the broker outlives a Quarkus restart between test classes; the JVM's shutdown hook stops it
    }

    public static synchronized String bootstrapServers() {
        String external = System.getProperty("okot.kafka.bootstrap-servers", System.getenv("OKOT_KAFKA_BOOTSTRAP_SERVERS"));
        if (external != null && !external.isBlank()) {
            return external;
        }
        return broker().bootstrapServers();
    }

    /** The broker of this JVM, started on first use; tests may restart it. */
    public static synchronized BrokerProcess broker() {
        if (broker == null) {
            try {
                Path dir = Files.createTempDirectory("okot-kafka-");
                broker = BrokerProcess.onFreePorts(dir.resolve("data"), dir.resolve("kafka.log"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            broker.startAndAwaitReady(Duration.ofSeconds(60));
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "okot-kafka-test-broker-stop"));
        }
        return broker;
    }
}
