package be.vdab.okot.stats.domain;

import be.vdab.okot.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reading the event log from its beginning with a consumer of our own, outside the connector (no group, no
 * committed offsets): the reconciliation compares the facts with it, the rebuild applies it again.
 */
public final class EventLog {

    private EventLog() {
    }

    /**
     * A consumer of the log on the service's Kafka configuration ({@code default-kafka-broker}), fetching at
     * most {@code fetchBytes} per poll (the heap of a small service) and {@code maxPollRecords} records.
     */
    public static KafkaConsumer<String, String> consumer(Map<String, Object> kafkaConfig, String clientId, int maxPollRecords,
                                                         int fetchBytes) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.getOrDefault("bootstrap.servers",
                kafkaConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, fetchBytes);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Math.max(1024 * 1024, fetchBytes / 4));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** The partitions of these topics that exist. */
    public static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, List<String> topics) {
        Map<String, List<PartitionInfo>> known = consumer.listTopics(Duration.ofSeconds(10));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            known.getOrDefault(topic, List.of()).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    /** Every record of the topics from their beginning up to their end at this moment, in order per partition. */
    public static void readAll(KafkaConsumer<String, String> consumer, List<String> topics,
                               Consumer<ConsumerRecord<String, String>> action) {
        List<TopicPartition> partitions = partitions(consumer, topics);
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Set<TopicPartition> unfinished = new HashSet<>(partitions);
        unfinished.removeIf(partition -> consumer.position(partition) >= endOffsets.get(partition));
        while (!unfinished.isEmpty()) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                if (record.offset() < endOffsets.get(new TopicPartition(record.topic(), record.partition()))) {
                    action.accept(record);
                }
            }
            unfinished.removeIf(partition -> consumer.position(partition) >= endOffsets.get(partition));
        }
        consumer.unsubscribe();
    }

    /**
     * Where every record the service's consumer gave up on came from ({@link #position}), read from its
     * dead-letter topic: a replay leaves these out, as the consumer did.
     */
    public static Set<String> deadLettered(KafkaConsumer<String, String> consumer, String serviceName) {
        Set<String> positions = new HashSet<>();
        readAll(consumer, List.of(Topics.deadLetter(serviceName)), record -> positions.add(
                header(record, "dead-letter-topic") + "|" + header(record, "dead-letter-partition") + "|"
                        + header(record, "dead-letter-offset")));
        return positions;
    }

    /** A record's place in the log: topic|partition|offset. */
    public static String position(ConsumerRecord<String, String> record) {
        return record.topic() + "|" + record.partition() + "|" + record.offset();
    }

    /** A header's value as text, or null. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
