package be.vdab.okot.runner.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How long {@code ./okot up} took until each process was ready, kept in the state directory
 * ({@code .okot/startup.properties}, one {@code name=milliseconds} line per process: {@code kafka},
 * {@code intake-service}, …) so that {@code ./okot bench writes} can print it later. Times count from the start
 * of {@code up}'s platform start (the broker first, then the four services side by side).
 */
public final class StartupTimes {

    /** The file's name in the state directory. */
    public static final String FILE = "startup.properties";

    private StartupTimes() {
    }

    /** Writes {@code readyAfter} (process name → time until ready); a failure to write is reported, not fatal. */
    public static void write(Path file, Map<String, Duration> readyAfter) {
        Properties properties = new Properties();
        readyAfter.forEach((name, duration) -> properties.setProperty(name, Long.toString(duration.toMillis())));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer writer = Files.newBufferedWriter(file)) {
                properties.store(writer, "./okot up: milliseconds from the start until each process was ready");
            }
        } catch (IOException e) {
            System.err.println("Could not write the start-up times to " + file + ": " + e);
        }
    }

    /** Process name → time until ready, as the last {@code up} wrote them; empty when absent or unreadable. */
    public static Map<String, Duration> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            return Map.of();
        }
        Map<String, Duration> readyAfter = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            try {
                readyAfter.put(name, Duration.ofMillis(Long.parseLong(properties.getProperty(name).strip())));
            } catch (NumberFormatException ignored) {
                // a line someone edited: left out
            }
        }
        return readyAfter;
    }
}
