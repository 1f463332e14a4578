package be.vdab.okot.runner.populate;

import be.vdab.okot.events.CloudEventHeaders;
import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Writes events onto the platform's topics exactly as the services' outbox relay does: key = subject
 * (personId), JSON value ({@link EventJson}), CloudEvents binary headers with {@code ce_source}
 * {@code /okot/<producing service>}. One idempotent producer with {@code acks=all}, tuned for throughput
 * (large batches, a short linger, zstd). A failed send stops the writing: {@link #close()} rethrows it.
 */
public final class TopicWriter implements Consumer<NationalHistory.Event>, AutoCloseable {

    /** The service that publishes on each topic: its {@code ce_source}. */
    static final Map<String, String> SOURCE_BY_TOPIC = Map.of(Topics.INTAKE, "/okot/intake-service",
            Topics.ENROLMENT, "/okot/enrolment-service", Topics.OUTCOME, "/okot/outcome-service");

    private final KafkaProducer<String, String> producer;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long sent;

    public TopicWriter(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "okot-populate");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** Sends one event (asynchronously; {@link #close()} waits for every acknowledgement). */
    @Override
    public void accept(NationalHistory.Event event) {
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("Kafka refused an event: " + failed, failed);
        }
        producer.send(record(event), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            } else {
                acknowledged.incrementAndGet();
            }
        });
        sent++;
    }

    /** The record the outbox relay would have sent for this event. */
    public static ProducerRecord<String, String> record(NationalHistory.Event event) {
        EventType type = EventType.of(event.payload());
        String subject = event.payload().subject();
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, event.id());
        header(headers, CloudEventHeaders.TYPE, type.ceType());
        header(headers, CloudEventHeaders.SOURCE, SOURCE_BY_TOPIC.get(type.topic()));
        header(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(event.time()));
        header(headers, CloudEventHeaders.SUBJECT, subject);
        header(headers, CloudEventHeaders.CONTENT_TYPE, "application/json");
        return new ProducerRecord<>(type.topic(), null, subject, EventJson.write(event.payload()), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Events handed to the producer so far. */
    public long sent() {
        return sent;
    }

    /** Events the broker acknowledged so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Waits until every event is acknowledged (or failed), then closes the producer. */
    @Override
    public void close() {
        producer.flush();
        producer.close(Duration.ofSeconds(30));
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("Kafka refused an event: " + failed, failed);
        }
    }
}
