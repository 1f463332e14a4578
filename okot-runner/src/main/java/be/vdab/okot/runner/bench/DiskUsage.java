package be.vdab.okot.runner.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Bytes on disk of a local run per event: each service's H2 files in the data directory ({@code <service>.mv.db} and
 * its other {@code <service>.*} files, their lengths; none on a PostgreSQL build) and the broker's log directory
 * (every topic, the metadata log and the consumer offsets, without the bench's scratch topic; the blocks allocated),
 * divided by the events on the {@code okot.*.v1} topics.
 *
 * @param databaseBytes per service, in the order given
 * @param brokerBytes   the broker's log directory
 * @param events        records on the event topics (end minus beginning offsets, all partitions)
 */
public record DiskUsage(Map<String, Long> databaseBytes, long brokerBytes, long events) {

    /** Measures the files now. */
    static DiskUsage measure(Path dataDirectory, List<String> services, Path brokerDirectory, String scratchTopic,
                             long events) {
        Map<String, Long> databases = new LinkedHashMap<>();
        for (String service : services) {
            databases.put(service, bytesOf(dataDirectory, path -> path.getFileName().toString().startsWith(service + ".")));
        }
        return new DiskUsage(databases, allocatedBytes(brokerDirectory, scratchTopic + "-*"), events);
    }

    /**
     * The blocks allocated to {@code directory}, without the entries matching {@code excluded} ({@code du -s -B1
     * --exclude}): the broker preallocates each active segment's index files (10 MB, sparse), so their length is
     * not what they take. The files' lengths when {@code du} is not there.
     */
    static long allocatedBytes(Path directory, String excluded) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try {
            Process du = new ProcessBuilder("du", "-s", "-B1", "--exclude=" + excluded, directory.toString())
                    .redirectErrorStream(false).start();
            String output = new String(du.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (du.waitFor() == 0 && output.matches("(?s)\\d+\\s.*")) {
                return Long.parseLong(output.split("\\s")[0]);
            }
        } catch (IOException e) {
            // no du: the lengths below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String prefix = excluded.replace("*", "");
        return bytesOf(directory, path -> java.util.stream.StreamSupport.stream(directory.relativize(path).spliterator(),
                false).noneMatch(part -> part.toString().startsWith(prefix)));
    }

    private static long bytesOf(Path directory, java.util.function.Predicate<Path> included) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(included).mapToLong(DiskUsage::sizeOf).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // a segment deleted while walking: measured again next run
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    public long databasesBytes() {
        return databaseBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalBytes() {
        return databasesBytes() + brokerBytes;
    }

    /** Bytes of everything per event; NaN without events. */
    public double bytesPerEvent() {
        return perEvent(totalBytes());
    }

    /** Bytes of the databases per event; NaN without events. */
    public double databaseBytesPerEvent() {
        return perEvent(databasesBytes());
    }

    /** Bytes of the broker's log directory per event; NaN without events. */
    public double brokerBytesPerEvent() {
        return perEvent(brokerBytes);
    }

    private double perEvent(long bytes) {
        return events == 0 ? Double.NaN : (double) bytes / events;
    }
}
