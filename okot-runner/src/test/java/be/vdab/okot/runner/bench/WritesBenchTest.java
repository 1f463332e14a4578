package be.vdab.okot.runner.bench;

import be.vdab.okot.runner.demo.FreshnessProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The pure parts of bench writes: ProducerPerformance's summary line, the closed loop and its arithmetic, the end-to-end
 * figures, the persons' numbering, the bytes per event and the start-up times' file.
 */
class WritesBenchTest {

    @Test
    void readsProducerPerformancesSummaryAndSkipsItsProgressLines() {
        String output = """
                SLF4J: No SLF4J providers were found.
                547981 records sent, 109596.2 records/sec (73.17 MB/sec), 212.4 ms avg latency, 520.0 ms max latency.
                300000 records sent, 112023.9 records/sec (74.79 MB/sec), 205.31 ms avg latency, 533.00 ms max latency, 198 ms 50th, 410 ms 95th, 498 ms 99th, 530 ms 99.9th.
                """;

        ProducerPerfAnchor.Run run = ProducerPerfAnchor.parse(output);

        assertThat(run.records()).isEqualTo(300_000);
        assertThat(run.recordsPerSecond()).isEqualTo(112_023.9);
        assertThat(run.megabytesPerSecond()).isEqualTo(74.79);
        assertThat(run.averageMillis()).isEqualTo(205.31);
        assertThat(run.maxMillis()).isEqualTo(533.0);
        assertThat(run.p50Millis()).isEqualTo(198);
        assertThat(run.p99Millis()).isEqualTo(498);
    }

    @Test
    void withoutASummaryLineTheProducerToolFailed() {
        assertThatThrownBy(() -> ProducerPerfAnchor.parse(
                "1000 records sent, 200.0 records/sec (0.13 MB/sec), 1.0 ms avg latency, 2.0 ms max latency.\n"
                        + "org.apache.kafka.common.errors.TimeoutException: Topic not present"))
                .hasMessageContaining("No summary line").hasMessageContaining("TimeoutException");
    }

    @Test
    void aClosedLoopsRateIsItsSuccessesOverTheTimeUntilTheLastAnswer() {
        ClosedLoop.Result result = new ClosedLoop.Result(32, 5_000, 12, 1_000_000_000L, 11_000_000_000L);

        assertThat(result.seconds()).isEqualTo(10.0);
        assertThat(result.ratePerSecond()).isEqualTo(500.0);
    }

    @Test
    void aClosedLoopKeepsAtMostItsConnectionsOpenAndSendsEachIndexOnce() {
        ScheduledExecutorService service = Executors.newScheduledThreadPool(8);
        try {
            AtomicInteger open = new AtomicInteger();
            AtomicInteger mostOpen = new AtomicInteger();
            Set<Integer> sent = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Latencies latencies = new Latencies();
            ClosedLoop.Result result = ClosedLoop.run(4, Duration.ofSeconds(30), 200, index -> {
                mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                assertThat(sent.add(index)).isTrue();
                CompletableFuture<BenchClient.Answer> answer = new CompletableFuture<>();
                service.schedule(() -> {
                    open.decrementAndGet();
                    answer.complete(new BenchClient.Answer(index % 50 == 7 ? 503 : 201, "{}", null, null));
                }, 2, TimeUnit.MILLISECONDS);
                return answer;
            }, latencies, new Progress(System.err, false).start("test", 0));

            // stopped by the call limit, long before the 30 s: calls 0–199 exactly once, four at a time at most
            assertThat(sent).hasSize(200).allMatch(index -> index >= 0 && index < 200);
            assertThat(mostOpen.get()).isLessThanOrEqualTo(4);
            assertThat(result.successes()).isEqualTo(196);
            assertThat(result.errors()).isEqualTo(4);
            assertThat(latencies.count()).isEqualTo(196);
            assertThat(latencies.errors()).containsEntry("HTTP 503", 4L);
            // four clients of one call each 2 ms at least: 50 rounds, at least 100 ms
            assertThat(result.seconds()).isGreaterThanOrEqualTo(0.1).isLessThan(30);
            assertThat(result.ratePerSecond()).isLessThanOrEqualTo(196 / 0.1);
        } finally {
            service.shutdownNow();
        }
    }

    @Test
    void aClosedLoopStopsAtItsDuration() {
        ClosedLoop.Result result = ClosedLoop.run(2, Duration.ofMillis(200), Integer.MAX_VALUE,
                index -> CompletableFuture.supplyAsync(() -> {
                    sleep(5);
                    return new BenchClient.Answer(200, "", null, null);
                }), new Latencies(), new Progress(System.err, false).start("test", 0));

        assertThat(result.seconds()).isBetween(0.2, 2.0);
        assertThat(result.successes()).isBetween(2L, 100L);
    }

    @Test
    void endToEndCountsFromTheFirstCallUntilTheFirstReadAfterTheLoadThatCountsEveryWrite() {
        long start = 1_000_000_000L;
        long stopped = start + 10_000_000_000L; // the last answer, 10 s after the first call
        List<FreshnessCurve.Observation> reads = List.of(
                new FreshnessCurve.Observation(start + 5_000_000_000L, 3_000), // 2,000 counted while loading
                new FreshnessCurve.Observation(stopped - 1_000_000L, 5_900),
                new FreshnessCurve.Observation(stopped + 300_000_000L, 5_999), // one still missing
                new FreshnessCurve.Observation(stopped + 450_000_000L, 6_000), // all 5,000 counted
                new FreshnessCurve.Observation(stopped + 460_000_000L, 6_000));

        EndToEnd endToEnd = EndToEnd.of(5_000, start, stopped, reads, 1_000);

        assertThat(endToEnd.counted()).isTrue();
        assertThat(endToEnd.countedAfterStopMillis()).isEqualTo(450.0);
        assertThat(endToEnd.ratePerSecond()).isCloseTo(5_000 / 10.45, within(1e-9));
    }

    @Test
    void writesCountedBeforeTheLastAnswerCameBackAreCountedWhenTheLoadStopped() {
        // an answer slower than its event: the figure counted all 100 while the last answer was on its way
        List<FreshnessCurve.Observation> reads = List.of(new FreshnessCurve.Observation(900, 100),
                new FreshnessCurve.Observation(1_200, 100));

        EndToEnd endToEnd = EndToEnd.of(100, 0, 1_000, reads, 0);

        assertThat(endToEnd.counted()).isTrue();
        assertThat(endToEnd.countedAfterStopMillis()).isZero();
        assertThat(endToEnd.ratePerSecond()).isEqualTo(100 * 1e9 / 1_000);
    }

    @Test
    void endToEndWithoutARead_thatCountsEveryWrite_isNotCounted() {
        EndToEnd endToEnd = EndToEnd.of(10, 0, 100, List.of(new FreshnessCurve.Observation(200, 9)), 0);

        assertThat(endToEnd.counted()).isFalse();
        assertThat(endToEnd.ratePerSecond()).isNaN();
        assertThat(endToEnd.countedAfterStopMillis()).isNaN();
    }

    @Test
    void benchPersonsAreDistinctNationalNumbersWithSerialsTheDemoAndProbesNeverUse() {
        assertThat(BenchPersons.CYCLE).isEqualTo(18_262 * 90);
        Set<String> numbers = new HashSet<>();
        // a run of 30,000 writes across the turn of the birth dates, and the last persons of the cycle
        for (int person = 18_000; person < 48_000; person++) {
            assertThat(numbers.add(BenchPersons.insz(person))).isTrue();
        }
        for (int person : new int[] {0, 18_261, 18_262, BenchPersons.CYCLE - 1}) {
            int serial = FreshnessBench.serial(person);
            assertThat(serial).isBetween(10, 99);
            assertThat(BenchPersons.insz(person)).hasSize(11).contains(String.format("%03d", serial));
        }
        assertThat(FreshnessBench.serial(BenchPersons.CYCLE - 1)).isEqualTo(99);
        assertThat(BenchPersons.insz(BenchPersons.CYCLE)).isEqualTo(BenchPersons.insz(0));
        assertThat(BenchPersons.birthDate(18_262)).isEqualTo(FreshnessProbe.probeBirthDate(0));
    }

    @Test
    void aRunGivesBackThePersonsItReservedAndDidNotUse(@TempDir Path state) throws IOException {
        Path counter = BenchPersons.counter(state);
        int first = BenchPersons.take(counter, 50_000 + 35_000);
        assertThat(first).isZero();

        BenchPersons.giveBack(counter, first, 85_000, 41_234);

        assertThat(Files.readString(counter).strip()).isEqualTo("41234");
        assertThat(BenchPersons.take(counter, 10)).isEqualTo(41_234);
    }

    @Test
    void personsAnotherRunTookMeanwhileStayTaken(@TempDir Path state) throws IOException {
        Path counter = BenchPersons.counter(state);
        int first = BenchPersons.take(counter, 1_000);
        BenchPersons.take(counter, 500); // another run, after ours

        BenchPersons.giveBack(counter, first, 1_000, 10);

        assertThat(Files.readString(counter).strip()).isEqualTo("1500");
    }

    @Test
    void bytesPerEventAreTheDatabasesAndTheBrokersLogDividedByTheEvents(@TempDir Path state) throws IOException {
        Path data = Files.createDirectories(state.resolve("data"));
        Files.write(data.resolve("intake-service.mv.db"), new byte[3_000]);
        Files.write(data.resolve("intake-service.trace.db"), new byte[100]);
        Files.write(data.resolve("stats-service.mv.db"), new byte[1_000]);
        Path broker = state.resolve("kafka");
        Files.createDirectories(broker.resolve("okot.intake.v1-0"));
        Files.write(broker.resolve("okot.intake.v1-0/00000000000000000000.log"), new byte[800]);
        Files.createDirectories(broker.resolve(ProducerPerfAnchor.TOPIC + "-0"));
        Files.write(broker.resolve(ProducerPerfAnchor.TOPIC + "-0/00000000000000000000.log"), new byte[99_999]);

        DiskUsage disk = DiskUsage.measure(data, List.of("intake-service", "stats-service", "outcome-service"), broker,
                ProducerPerfAnchor.TOPIC, 10);

        assertThat(disk.databaseBytes()).containsExactly(Map.entry("intake-service", 3_100L),
                Map.entry("stats-service", 1_000L), Map.entry("outcome-service", 0L));
        // the blocks the segment takes (a file system block at least), the scratch topic's 99,999 bytes left out
        assertThat(disk.brokerBytes()).isBetween(800L, 64_000L);

        DiskUsage usage = new DiskUsage(disk.databaseBytes(), 800, 10);
        assertThat(usage.totalBytes()).isEqualTo(4_900);
        assertThat(usage.bytesPerEvent()).isEqualTo(490.0);
        assertThat(usage.databaseBytesPerEvent()).isEqualTo(410.0);
        assertThat(usage.brokerBytesPerEvent()).isEqualTo(80.0);
        assertThat(new DiskUsage(Map.of(), 5, 0).bytesPerEvent()).isNaN();
    }

    @Test
    void startupTimesSurviveInTheStateDirectory(@TempDir Path state) {
        Path file = state.resolve(StartupTimes.FILE);
        StartupTimes.write(file, Map.of("kafka", Duration.ofMillis(2_345), "intake-service", Duration.ofMillis(9_876)));

        assertThat(StartupTimes.read(file)).containsEntry("kafka", Duration.ofMillis(2_345))
                .containsEntry("intake-service", Duration.ofMillis(9_876)).hasSize(2);
        assertThat(StartupTimes.read(state.resolve("absent"))).isEmpty();
    }

    @Test
    void theReportGivesTheRatiosToBothAnchorsInTheTableAndInJson() {
        Latencies anchorCalls = new Latencies();
        anchorCalls.record(1_000_000);
        Latencies writes = new Latencies();
        writes.record(20_000_000);
        writes.error("HTTP 503", "busy");
        WritesBench.Load anchor = new WritesBench.Load("closed 32", anchorCalls, 20_000, 100_000, null, 0);
        WritesBench.Load closed = new WritesBench.Load("closed 32", writes, 500, 5_000,
                new EndToEnd(5_000, 0, 10_000_000_000L, 10_250_000_000L), 2_000_000L);
        WritesBench.Report report = new WritesBench.Report(List.of(new WritesBench.EndpointResult(
                WritesBench.Endpoint.CANDIDACIES, anchor, List.of(closed), "from=2021-01-01&to=2021-01-31")),
                new ProducerPerfAnchor.Run(100_000, 100_000, 70, 200, 500, 190, 480),
                Map.of("intake-service", Duration.ofMillis(9_500)), Map.of("intake-service", 262_144L),
                Map.of("intake-service", 393_216L), new DiskUsage(Map.of("intake-service", 3L << 20), 1L << 20, 4_096));

        String table = report.render();
        var json = report.json();

        assertThat(table).contains("500.0 writes/s =  2.50 % of the bare endpoint (20,000 req/s), 0.50 % of the "
                + "producer's records/s").contains("250 ms").contains("1000 µs").contains("HTTP 503 ×1")
                .containsPattern("intake-service +9.5 s +256 MB +384 MB +3 MB")
                .contains("1,024 bytes per event (databases 768, broker 256)");
        assertThat(json.at("/endpoints/0/closedLoopShareOfBareEndpoint").asDouble()).isEqualTo(0.025);
        assertThat(json.at("/endpoints/0/closedLoopShareOfProducerPerf").asDouble()).isEqualTo(0.005);
        assertThat(json.at("/endpoints/0/loads/0/countedAfterStopMillis").asDouble()).isEqualTo(250.0);
        assertThat(json.at("/processes/intake-service/rssPeakKb").asLong()).isEqualTo(393_216);
        assertThat(json.at("/disk/bytesPerEvent").asDouble()).isEqualTo(1_024.0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
