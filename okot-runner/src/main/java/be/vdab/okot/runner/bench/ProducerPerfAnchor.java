package be.vdab.okot.runner.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An anchor of {@code bench writes}: Kafka's own producer performance tool
 * ({@code org.apache.kafka.tools.ProducerPerformance} of kafka-tools of the broker's version) in a child JVM on the
 * runner's {@code lib/}, sending records of a given size as fast as it can with {@code acks=all} to a scratch topic
 * ({@link #TOPIC}, created with as many partitions as the event topics, never one of {@code okot.*.v1}): what
 * publishing costs on this machine at that moment, without a database or HTTP.
 */
public final class ProducerPerfAnchor {

    /** The scratch topic: no service reads it. */
    public static final String TOPIC = "okot.bench.producer-perf";

    /** The tool's final line: records sent, records/s, MB/s, average and maximum latency, percentiles (ms). */
    public record Run(long records, double recordsPerSecond, double megabytesPerSecond, double averageMillis,
                      double maxMillis, long p50Millis, long p99Millis) {
    }

    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), "
            + "([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, "
            + "(\\d+) ms 99\\.9th\\.");

    private final String bootstrapServers;
    private final Path libDirectory;

    /** @param libDirectory the folder of kafka-tools and its dependencies (the runner's {@code lib/}) */
    public ProducerPerfAnchor(String bootstrapServers, Path libDirectory) {
        this.bootstrapServers = bootstrapServers;
        this.libDirectory = libDirectory;
    }

    /** Creates {@link #TOPIC} with {@code partitions} partitions unless it exists. */
    public void createTopic(int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create " + TOPIC + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot create " + TOPIC + " within 30 s", e);
        }
    }

    /** Partitions of {@code topic}. */
    public int partitionsOf(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot describe " + topic + ": " + e, e);
        }
    }

    /** Sends {@code records} records of {@code recordSize} bytes at full speed, acks=all, and returns the tool's summary. */
    public Run send(long records, int recordSize) {
        return parse(KafkaTool.run(libDirectory, "org.apache.kafka.tools.ProducerPerformance", List.of("--topic", TOPIC,
                "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize), "--throughput",
                "-1", "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all"), Duration.ofMinutes(10)));
    }

    /**
     * The tool's final line, {@code N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency,
     * P ms 50th, P ms 95th, P ms 99th, P ms 99.9th.}; the lines it prints every five seconds (without percentiles)
     * and warnings are skipped.
     */
    static Run parse(String output) {
        Run last = null;
        for (String line : output.lines().toList()) {
            Matcher matcher = SUMMARY.matcher(line.strip());
            if (matcher.matches()) {
                last = new Run(Long.parseLong(matcher.group(1)), Double.parseDouble(matcher.group(2)),
                        Double.parseDouble(matcher.group(3)), Double.parseDouble(matcher.group(4)),
                        Double.parseDouble(matcher.group(5)), Long.parseLong(matcher.group(6)),
                        Long.parseLong(matcher.group(8)));
            }
        }
        if (last == null) {
            throw new IllegalStateException("No summary line from ProducerPerformance: " + output.strip());
        }
        return last;
    }
}
