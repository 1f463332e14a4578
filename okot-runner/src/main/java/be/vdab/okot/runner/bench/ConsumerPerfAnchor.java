package be.vdab.okot.runner.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The anchor of {@code bench rebuild}: Kafka's own consumer performance tool
 * ({@code org.apache.kafka.tools.ConsumerPerformance} of kafka-tools of the broker's version) reading every record
 * of the same topics, one topic after another in a child JVM on the runner's {@code lib/}, each with a new group
 * from the earliest offset: what reading the log costs on this machine at that moment, without applying anything.
 */
public final class ConsumerPerfAnchor {

    /** One tool run: records read, wall time from the tool's start to end stamps and its fetch time (ms). */
    public record Run(String topic, long records, double megabytes, long elapsedMillis, long fetchMillis) {
    }

    /** All runs: records read, summed wall and fetch times (ms). */
    public record Result(List<Run> runs) {

        public long records() {
            return runs.stream().mapToLong(Run::records).sum();
        }

        public long elapsedMillis() {
            return runs.stream().mapToLong(Run::elapsedMillis).sum();
        }

        public long fetchMillis() {
            return runs.stream().mapToLong(Run::fetchMillis).sum();
        }

        /** Records per second of wall time (group join included, as a rebuild's start is). */
        public double recordsPerSecond() {
            return records() * 1000.0 / Math.max(1, elapsedMillis());
        }

        public double fetchRecordsPerSecond() {
            return records() * 1000.0 / Math.max(1, fetchMillis());
        }
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss:SSS");

    private final String bootstrapServers;
    private final Path libDirectory;

    /** @param libDirectory the folder of kafka-tools and its dependencies (the runner's {@code lib/}) */
    public ConsumerPerfAnchor(String bootstrapServers, Path libDirectory) {
        this.bootstrapServers = bootstrapServers;
        this.libDirectory = libDirectory;
    }

    /** The runner's {@code lib/}, beside {@code okot-runner.jar}. */
    public static Path runnerLib() {
        try {
            Path jar = Path.of(ConsumerPerfAnchor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.resolveSibling("lib");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot locate the runner's lib/", e);
        }
    }

    /** Records on each topic now (end minus beginning offsets of every partition). */
    public Map<String, Long> recordsOn(List<String> topics) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Map<String, Long> records = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (String topic : topics) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
                records.put(topic, partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum());
            }
        }
        return records;
    }

    /** Reads {@code records} of each topic with the tool, one topic after another. */
    public Result read(Map<String, Long> records) {
        return new Result(records.entrySet().stream().filter(topic -> topic.getValue() > 0)
                .map(topic -> readOne(topic.getKey(), topic.getValue())).toList());
    }

    private Run readOne(String topic, long records) {
        return parse(topic, KafkaTool.run(libDirectory, "org.apache.kafka.tools.ConsumerPerformance", List.of(
                "--bootstrap-server", bootstrapServers, "--topic", topic, "--messages", Long.toString(records),
                "--hide-header", "--timeout", "30000"), Duration.ofMinutes(30)));
    }

    /**
     * The tool's result line (without header): {@code start.time, end.time, data.consumed.in.MB, MB.sec,
     * data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec}, times as
     * {@code yyyy-MM-dd HH:mm:ss:SSS}; other lines (warnings) are skipped.
     */
    static Run parse(String topic, String output) {
        List<String> lines = output.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] fields = lines.get(i).split(",");
            if (fields.length == 10 && fields[0].strip().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d:\\d{3}")) {
                long elapsed = Duration.between(LocalDateTime.parse(fields[0].strip(), STAMP),
                        LocalDateTime.parse(fields[1].strip(), STAMP)).toMillis();
                return new Run(topic, Long.parseLong(fields[4].strip()), Double.parseDouble(fields[2].strip()), elapsed,
                        Long.parseLong(fields[7].strip()));
            }
        }
        throw new IllegalStateException("No result line from ConsumerPerformance on " + topic + ": " + output.strip());
    }
}
