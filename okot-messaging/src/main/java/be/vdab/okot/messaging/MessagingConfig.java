package be.vdab.okot.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the reliable event path ({@code okot.*}). */
@ConfigMapping(prefix = "okot")
public interface MessagingConfig {

    /** This service's name: CloudEvents source, consumer group and dead-letter topic. */
    Service service();

    Outbox outbox();

    Consumer consumer();

    Topics topics();

    Purge purge();

    interface Service {
        String name();
    }

    interface Outbox {
        /** Topic this service publishes its events on; empty for a service that publishes none. */
        Optional<String> topic();

        /** Rows sent to Kafka per round trip of the relay. */
        @WithDefault("200")
        int batchSize();

        /** Safety-net poll; the relay is also woken right after each commit that wrote to the outbox. */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * A row unpublished for longer than this is logged as a WARN (at most once per this period) and
         * shows in the gauge {@code okot_outbox_oldest_unpublished_age_seconds}.
         */
        @WithDefault("5s")
        Duration stallWarning();

        /** How long published rows are kept (for audit and replay) before they are purged. */
        @WithDefault("P7D")
        Duration retention();
    }

    interface Consumer {
        /** Attempts for an event whose handler fails with a non-transient error, before it is dead-lettered. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("100ms")
        Duration initialBackoff();

        @WithDefault("10s")
        Duration maxBackoff();

        /**
         * How long the row that says an event was applied ({@code okot_processed_event}) is kept; older rows are
         * purged. It must be longer than any duplicate can come after the first copy was applied: a relay
         * re-sends a row it sent but did not mark when its service is back (an outage of the producer), and
         * a consumer reads again what it applied after its last committed offset when it is back (an outage
         * of the consumer, whose own purge does not run meanwhile). 30 days outlasts both by far and the
         * outbox's own retention (7 days) fourfold.
         */
        @WithDefault("P30D")
        Duration processedRetention();
    }

    /** The scheduled purges of okot-messaging (published outbox rows, processed-event rows). */
    interface Purge {
        /** How often the purges run; the first run waits {@link #delay()} after the start. */
        @WithDefault("1h")
        Duration interval();

        /**
         * How long after the start the first purge waits: a consumer back from an outage has read again what
         * it applied after its last committed offset long before, so its processed rows still caught them.
         */
        @WithDefault("10m")
        Duration delay();

        /** Rows deleted per transaction, so that a large backlog never becomes one huge transaction. */
        @WithDefault("1000")
        int batchSize();
    }

    interface Topics {
        /** Topics this service creates at start-up when they do not exist yet. */
        Optional<List<String>> create();

        @WithDefault("3")
        int partitions();

        @WithDefault("1")
        short replicationFactor();
    }
}
