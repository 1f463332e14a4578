package be.vdab.okot.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Plain Kafka clients for tests: reads what a service published and writes events the way
 * another service would (or the way a broken one would), to drive a consumer.
 */
public final class KafkaTestClient {

    private final String bootstrapServers;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Every record on the topic from the beginning that matches, waiting up to the timeout for at least one. */
    public List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> matching,
                                                      Duration timeout) {
        return awaitAtLeast(topic, matching, 1, timeout);
    }

    /**
     * Every record on the topic from the beginning that matches, once at least {@code expected} did
     * (or the timeout passed): events published a moment apart are all there, and any extra shows.
     */
    public List<ConsumerRecord<String, String>> awaitAtLeast(String topic, Predicate<ConsumerRecord<String, String>> matching,
                                                             int expected, Duration timeout) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            Instant deadline = Instant.now().plus(timeout);
            while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (matching.test(record)) {
                        found.add(record);
                    }
                }
                if (found.size() >= expected && caughtUp(consumer, partitions)) {
                    return found;
                }
            }
            return found;
        }
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
    }

    /** A record to write: key, JSON value and headers. */
    public record Outgoing(String topic, String key, String value, Map<String, String> headers) {
    }

    /** Writes a record with the given headers, waiting for the broker's acknowledgement. */
    public void send(String topic, String key, String value, Map<String, String> headers) {
        sendAtOnce(List.of(new Outgoing(topic, key, value, headers)));
    }

    /**
     * Writes the records in one burst: sent without waiting, lingering so that they go to the broker in
     * the same requests, then flushed and acknowledged. A consumer then finds them in one poll (as it
     * would after a service's backlog), in this order per partition.
     */
    public void sendAtOnce(List<Outgoing> records) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "50");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            List<Future<?>> sent = new ArrayList<>();
            for (Outgoing outgoing : records) {
                ProducerRecord<String, String> record = new ProducerRecord<>(outgoing.topic(), outgoing.key(), outgoing.value());
                outgoing.headers().forEach((name, headerValue) ->
                        record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
                sent.add(producer.send(record));
            }
            producer.flush();
            for (Future<?> future : sent) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not send test records to " + records.stream().map(Outgoing::topic)
                    .distinct().toList(), e);
        }
    }

    /** CloudEvents binary-mode headers as a producing OKOT service writes them. */
    public static Map<String, String> cloudEventHeaders(String id, String type, String subject) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", id != null ? id : UUID.randomUUID().toString());
        headers.put("ce_type", type);
        headers.put("ce_source", "/okot/test");
        headers.put("ce_time", Instant.now().toString());
        headers.put("ce_subject", subject);
        headers.put("content-type", "application/json");
        return headers;
    }

    /** A header's value as text, or null. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
