package be.vdab.okot.runner.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentileTableTest {

    @Test
    void alignsLabelsLeftAndFiguresRightWithPercentilesInMilliseconds() {
        Latencies anchor = new Latencies();
        for (int i = 1; i <= 100; i++) {
            anchor.record(i * 10_000L); // 0.01 … 1.00 ms
        }
        Latencies starts = new Latencies();
        for (int i = 1; i <= 100; i++) {
            starts.record(i * 2_000_000L); // 2 … 200 ms
        }

        String table = PercentileTable.withLabels("figure", "query").add(anchor, "anchor", "GET /q/health/live")
                .add(starts, "starts", "by=training,province").render();

        assertThat(table).isEqualTo("""
                  figure query                  n errors p50 ms p99 ms max ms
                  anchor GET /q/health/live   100      0   0.50   0.99   1.00
                  starts by=training,province 100      0    100    198    200
                """);
    }

    @Test
    void countsErrorsWithoutTimingThemAndNamesEachKindWithItsFirstExample() {
        Latencies writes = new Latencies();
        writes.record(12_340_000L);
        writes.error("HTTP 503", "{\"title\":\"Service Unavailable\",\n \"status\":503}");
        writes.error("HTTP 503", "another body");
        writes.error("timeout", null);

        String table = PercentileTable.withLabelsAndRate("target/s", "measured")
                .add(writes, 48.25, "50", "write").add(new Latencies(), "50", "freshness").render();

        assertThat(table).isEqualTo("""
                  target/s measured  n errors rate/s p50 ms p99 ms max ms
                  50       write     1      3   48.3   12.3   12.3   12.3
                  50       freshness 0      0      -      -      -      -
                  ! 50 write: HTTP 503 ×2 (first: {"title":"Service Unavailable", "status":503})
                  ! 50 write: timeout ×1
                """);
        assertThat(writes.count()).isEqualTo(1);
        assertThat(writes.errorCount()).isEqualTo(3);
    }

    @Test
    void refusesARowWithoutALabelPerHeader() {
        assertThatThrownBy(() -> PercentileTable.withLabels("figure", "query").add(new Latencies(), "starts"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printsMillisecondsWithFewerDecimalsAsTheyGrow() {
        assertThat(PercentileTable.millis(0.4213)).isEqualTo("0.42");
        assertThat(PercentileTable.millis(42.13)).isEqualTo("42.1");
        assertThat(PercentileTable.millis(421.3)).isEqualTo("421");
        assertThat(PercentileTable.millis(Double.NaN)).isEqualTo("-");
    }
}
