package be.vdab.okot.runner.demo;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class PropagationProbeTest {

    private static final String SCRAPE = """
            # TYPE okot_consumer_lag_seconds histogram
            okot_consumer_lag_seconds_bucket{since="broker-time",topic="okot.intake.v1",type="okot.candidacy.submitted",le="0.05"} 3
            okot_consumer_lag_seconds_bucket{since="broker-time",topic="okot.intake.v1",type="okot.candidacy.submitted",le="0.1"} 9
            okot_consumer_lag_seconds_bucket{since="broker-time",topic="okot.intake.v1",type="okot.candidacy.submitted",le="1.0"} 10
            okot_consumer_lag_seconds_bucket{since="broker-time",topic="okot.intake.v1",type="okot.candidacy.submitted",le="+Inf"} 10
            okot_consumer_lag_seconds_count{since="broker-time",topic="okot.intake.v1",type="okot.candidacy.submitted"} 10
            okot_outbox_backlog 0.0
            """;

    @Test
    void readsTheCumulativeBucketsOfEachConsumerLagHistogramInMilliseconds() {
        Map<String, TreeMap<Double, Double>> histograms = PropagationProbe.parseHistograms(SCRAPE);

        assertThat(histograms).containsOnlyKeys("okot.intake.v1|okot.candidacy.submitted|broker-time");
        assertThat(histograms.get("okot.intake.v1|okot.candidacy.submitted|broker-time"))
                .containsEntry(50.0, 3.0).containsEntry(100.0, 9.0).containsEntry(1000.0, 10.0)
                .containsEntry(Double.POSITIVE_INFINITY, 10.0);
    }

    @Test
    void aPercentileIsTheUpperBoundOfTheBucketHoldingIt() {
        PropagationProbe.Applied applied = new PropagationProbe.Applied("stats-service", "okot.intake.v1",
                "okot.candidacy.submitted", Map.of("broker-time",
                PropagationProbe.parseHistograms(SCRAPE).get("okot.intake.v1|okot.candidacy.submitted|broker-time")));

        assertThat(applied.count("broker-time")).isEqualTo(10);
        assertThat(applied.percentile("broker-time", 30)).isEqualTo(50.0);
        assertThat(applied.percentile("broker-time", 50)).isEqualTo(100.0);
        assertThat(applied.percentile("broker-time", 100)).isEqualTo(1000.0);
        assertThat(applied.percentile("event-time", 50)).isNaN();
    }
}
