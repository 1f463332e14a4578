package be.vdab.okot.runner.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of Kafka's own tools ({@code org.apache.kafka.tools.*} of kafka-tools, the broker's version) in a child JVM
 * on the runner's {@code lib/}, with a 256 MB heap and an English locale (the tools print decimals in the default
 * locale), its standard output and error kept in a temporary file.
 */
final class KafkaTool {

    private KafkaTool() {
    }

    /**
     * Runs {@code mainClass} with {@code arguments} and returns what it printed; an {@link IllegalStateException}
     * with that text when it exits with another code than 0 or runs longer than {@code timeout} (then it is killed).
     */
    static String run(Path libDirectory, String mainClass, List<String> arguments, Duration timeout) {
        String tool = mainClass.substring(mainClass.lastIndexOf('.') + 1);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Duser.language=en", "-Duser.country=US", "-cp", libDirectory.resolve("*").toString(),
                mainClass));
        command.addAll(arguments);
        try {
            Path output = Files.createTempFile("okot-" + tool, ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                        .start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(tool + " did not end within " + timeout.toMinutes() + " minutes");
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(tool + " failed: " + text.strip());
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + tool + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
