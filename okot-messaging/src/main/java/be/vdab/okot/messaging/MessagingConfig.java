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
