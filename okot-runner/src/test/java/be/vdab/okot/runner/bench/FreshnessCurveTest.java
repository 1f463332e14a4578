package be.vdab.okot.runner.bench;

import be.vdab.okot.runner.bench.FreshnessCurve.Observation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessCurveTest {

    @Test
    void theKthAnsweredWriteIsCountedAtTheFirstReadAfterItsAnswerThatCountsKWrites() {
        long[] answered = {100, 110, 300};
        List<Observation> reads = List.of(
                new Observation(90, 40),   // before any answer: the count before the run
                new Observation(105, 41),  // the first write is counted 5 after its answer
                new Observation(130, 41),
                new Observation(160, 42),  // the second, 50 after its answer
                new Observation(290, 43),  // three counted before the third answer came back:
                new Observation(320, 43)); // the third is taken as counted at the first read after its answer

        assertThat(FreshnessCurve.lags(answered, reads, 40)).containsExactly(5, 50, 20);
    }

    @Test
    void aWriteNoReadCountedIsNotSeen() {
        long[] answered = {100, 110};
        List<Observation> reads = List.of(new Observation(120, 11), new Observation(500, 11));

        assertThat(FreshnessCurve.lags(answered, reads, 10)).containsExactly(20, FreshnessCurve.NOT_SEEN);
    }

    @Test
    void otherWritesAlreadyCountedBeforeTheRunDoNotCount() {
        long[] answered = {100};
        List<Observation> reads = List.of(new Observation(150, 5000), new Observation(200, 5001));

        assertThat(FreshnessCurve.lags(answered, reads, 5000)).containsExactly(100);
    }
}
