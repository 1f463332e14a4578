package be.vdab.okot.runner.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the demo tells from a service's Prometheus metrics that its events are all through. */
class DemoDriverTest {

    @Test
    void pendingEventsAreTheOutboxBacklogPlusTheConsumerLag() {
        String metrics = """
                # HELP okot_outbox_backlog Outbox rows not yet published
                okot_outbox_backlog 3.0
                kafka_consumer_fetch_manager_records_lag{client_id="a",partition="0",topic="okot.intake.v1"} 2.0
                kafka_consumer_fetch_manager_records_lag{client_id="a",partition="1",topic="okot.intake.v1"} NaN
                kafka_consumer_fetch_manager_records_lag_max{client_id="a"} 40.0
                """;
        assertThat(DemoDriver.pending(metrics)).isEqualTo(5.0);
    }

    @Test
    void aServiceWhoseConsumerHasNoPartitionsYetIsNotSettled() {
        assertThat(DemoDriver.pending("okot_outbox_backlog 0.0\n")).isEqualTo(1.0);
        assertThat(DemoDriver.pending("""
                okot_outbox_backlog 0.0
                kafka_consumer_fetch_manager_records_lag{partition="0"} 0.0
                """)).isZero();
    }
}
