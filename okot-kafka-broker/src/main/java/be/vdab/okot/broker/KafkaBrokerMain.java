package be.vdab.okot.broker;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * One Kafka node in KRaft mode (broker and controller in one process) on loopback only.
 * Formats its storage the first time only, so topics and offsets survive a restart.
 * Prints {@value #READY_LINE} once it accepts clients; stops cleanly on SIGTERM.
 * <p>
 * Usage: {@code KafkaBrokerMain <port> <controllerPort> <dataDir>}
 */
public final class KafkaBrokerMain {

    public static final String READY_LINE = "OKOT-KAFKA-READY";
    /** Any fixed id will do for a single-node cluster; formatting writes it into the data dir. */
    private static final String CLUSTER_ID = "T2tvdC1wbGF0Zm9ybS0x";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: KafkaBrokerMain <port> <controllerPort> <dataDir>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int controllerPort = Integer.parseInt(args[1]);
        Path dataDir = Path.of(args[2]).toAbsolutePath();
        Path logDir = dataDir.resolve("log");
        Files.createDirectories(logDir);

        Properties properties = brokerProperties(port, controllerPort, logDir);
        Path propertiesFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propertiesFile)) {
            properties.store(out, "written by KafkaBrokerMain at every start");
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
            StorageTool.execute(new String[] {"format", "-t", CLUSTER_ID, "-c", propertiesFile.toString()},
                    new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
        }

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "okot-kafka-shutdown"));
        server.startup();
        System.out.println(READY_LINE + " 127.0.0.1:" + port);
        System.out.flush();
        server.awaitShutdown();
    }

    private static Properties brokerProperties(int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "3");
        // one node: every internal topic has one replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // the default 128 MiB dedupe buffer does not fit a small heap
        p.put("log.cleaner.dedupe.buffer.size", "4194304");
        // a restart on existing data takes ~13 s with the default heartbeat settings, ~5 s with these
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "3000");
        p.put("auto.create.topics.enable", "true");
        return p;
    }
}
