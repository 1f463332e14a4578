package be.vdab.okot.runner.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parts of bench rebuild that read other programs' output: ConsumerPerformance's line, /proc's VmRSS. */
class RebuildBenchTest {

    @Test
    void readsTheToolsResultLineAndSkipsItsWarnings() {
        String output = """
                WARNING: something the tool says first
                2026-11-30 06:10:01:250, 2026-11-30 06:10:04:750, 412.5312, 117.8661, 1000124, 285749.7143, 3012, 488, 845.3508, 2049434.4262
                """;

        ConsumerPerfAnchor.Run run = ConsumerPerfAnchor.parse("okot.intake.v1", output);

        assertThat(run.records()).isEqualTo(1_000_124);
        assertThat(run.elapsedMillis()).isEqualTo(3_500);
        assertThat(run.fetchMillis()).isEqualTo(488);
        assertThat(run.megabytes()).isEqualTo(412.5312);
        ConsumerPerfAnchor.Result result = new ConsumerPerfAnchor.Result(java.util.List.of(run, run));
        assertThat(result.records()).isEqualTo(2_000_248);
        assertThat(result.recordsPerSecond()).isEqualTo(2_000_248 / 7.0);
    }

    @Test
    void withoutAResultLineTheToolFailed() {
        assertThatThrownBy(() -> ConsumerPerfAnchor.parse("okot.intake.v1", "Exception in thread main ..."))
                .hasMessageContaining("No result line").hasMessageContaining("okot.intake.v1");
    }

    @Test
    void readsVmRssInKilobytes(@TempDir Path dir) throws IOException {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 3000000 kB\nVmRSS:\t  561064 kB\nThreads:\t42\n");

        assertThat(RebuildBench.vmRssKilobytes(status)).hasValue(561_064);
        assertThat(RebuildBench.vmRssKilobytes(dir.resolve("gone"))).isEqualTo(OptionalLong.empty());
    }
}
