package be.vdab.okot.messaging.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long an applied event took to arrive, as the Micrometer timer {@code okot.consumer.lag}
 * (Prometheus {@code okot_consumer_lag_seconds}, a histogram): from the event's {@code ce_time}
 * (when the producer wrote its outbox row, just before the commit) and from its Kafka record timestamp (the producer's
 * send, {@code CreateTime}) until the commit of the transaction that applied it here. Tags:
 * {@code topic} (where it was read), {@code type} (its {@code ce_type}) and {@code since}
 * ({@code event-time} or {@code broker-time}). Duplicates and dead letters are not recorded.
 * {@code ./okot propagation} reads the buckets before and after its run.
 */
@ApplicationScoped
public class ConsumerLag {

    /** The histogram's bucket bounds: fine below a second, where an idle platform should be. */
    static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(30),
            Duration.ofMillis(50), Duration.ofMillis(75), Duration.ofMillis(100), Duration.ofMillis(150),
            Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofMillis(750),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5)};

    @Inject
    MeterRegistry registry;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /** Records one applied event; a missing {@code ce_time} or a clock step backwards is left out. */
    void record(IncomingEvent event, Instant brokerTime, Instant applied) {
        if (event.time() != null) {
            timer(event, "event-time").record(nonNegative(Duration.between(event.time(), applied)));
        }
        timer(event, "broker-time").record(nonNegative(Duration.between(brokerTime, applied)));
    }

    private Timer timer(IncomingEvent event, String since) {
        return timers.computeIfAbsent(event.topic() + '|' + event.type().ceType() + '|' + since,
                key -> Timer.builder("okot.consumer.lag")
                        .description("From an event's ce_time (since=event-time) or Kafka timestamp (since=broker-time)"
                                + " until this service committed its application")
                        .tags("topic", event.topic(), "type", event.type().ceType(), "since", since)
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry));
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
