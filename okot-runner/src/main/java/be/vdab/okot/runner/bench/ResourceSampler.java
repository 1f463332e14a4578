package be.vdab.okot.runner.bench;

import be.vdab.okot.runner.OkotCli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The resident memory (VmRSS of {@code /proc/<pid>/status}) of the local run's processes, found by their pid files
 * ({@code .okot/pids/}): once at rest, and the peak of samples taken every {@code periodMillis} while a load runs.
 */
final class ResourceSampler implements AutoCloseable {

    /** The processes of a local run, broker first. */
    static final List<String> PROCESSES = List.of("kafka", "intake-service", "enrolment-service", "outcome-service",
            "stats-service");

    private final long periodMillis;
    private final Map<String, Long> peakKb = new LinkedHashMap<>();
    private final Thread sampling;
    private volatile boolean stopped;

    private ResourceSampler(long periodMillis) {
        this.periodMillis = periodMillis;
        this.sampling = new Thread(this::sampleUntilStopped, "rss-sampler");
        sampling.setDaemon(true);
    }

    /** Starts sampling every {@code periodMillis}; {@link #close()} stops it. */
    static ResourceSampler start(long periodMillis) {
        ResourceSampler sampler = new ResourceSampler(periodMillis);
        sampler.sampleOnce();
        sampler.sampling.start();
        return sampler;
    }

    /** Each running process's RSS now, in kB (processes not running are left out). */
    static Map<String, Long> now() {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (String name : PROCESSES) {
            rssKilobytes(name).ifPresent(kb -> rss.put(name, kb));
        }
        return rss;
    }

    static OptionalLong rssKilobytes(String process) {
        return OkotCli.runningProcess(process).map(handle -> RebuildBench.vmRssKilobytes(Path.of("/proc",
                Long.toString(handle.pid()), "status"))).orElse(OptionalLong.empty());
    }

    private void sampleUntilStopped() {
        while (!stopped) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            sampleOnce();
        }
    }

    private void sampleOnce() {
        Map<String, Long> sample = now();
        synchronized (peakKb) {
            sample.forEach((name, kb) -> peakKb.merge(name, kb, Math::max));
        }
    }

    /** The highest sample of each process so far, in kB. */
    Map<String, Long> peakKilobytes() {
        synchronized (peakKb) {
            return new LinkedHashMap<>(peakKb);
        }
    }

    @Override
    public void close() {
        stopped = true;
        sampling.interrupt();
        try {
            sampling.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sampleOnce();
    }
}
