package be.vdab.okot.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A JVM started by the runner, its output in a log file; stopped with SIGTERM, or killed to test crashes. */
public abstract class ChildProcess {

    private final String name;
    private final Path logFile;
    private Process process;

    protected ChildProcess(String name, Path logFile) {
        this.name = name;
        this.logFile = logFile;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** The arguments after {@code java}. */
    protected abstract List<String> javaArguments();

    /** Environment variables added to the runner's own. */
    protected Map<String, String> environment() {
        return Map.of();
    }

    /** The directory the process starts in; {@code null} for the runner's own. */
    public Path workingDirectory() {
        return null;
    }

    /** Whether the started process serves its clients. */
    protected abstract boolean isReady();

    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = command();
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment());
            if (workingDirectory() != null) {
                builder.directory(workingDirectory().toFile());
            }
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** How the process is started: the {@code java} executable of the runner's JDK and its arguments. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArguments());
        return command;
    }

    /** Waits until the process is ready; fails with the log file's name when it dies or takes too long. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        waitUntil(() -> {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + ", see " + logFile);
            }
            return isReady();
        }, deadline, name + " did not become ready within " + timeout.toSeconds() + " s, see " + logFile);
    }

    public void startAndAwaitReady(Duration timeout) {
        start();
        awaitReady(timeout);
    }

    /** SIGTERM and wait: the process shuts down cleanly (a forced kill after 20 s). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: a crash, nothing is shut down cleanly. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    static void waitUntil(BooleanSupplier condition, Instant deadline, String failure) {
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(failure);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting", e);
            }
        }
    }
}
