package be.vdab.okot.runner.rebuild;

import be.vdab.okot.runner.bench.Progress;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Starts a rebuild (or follows the running one) and polls its status until it is swapped in or failed, showing
 * events read of the target, the state and the read rate as progress. Exit codes of the commands built on it:
 * {@link #SWAPPED} 0, {@link #FAILED} 1 (failed, or not finished within the timeout), {@link #UNREACHABLE} 2 (no
 * answer, or an answer outside the contract: 401, 403, 5xx…), {@link #ALREADY_RUNNING} 3 (409 and not following).
 */
public final class RebuildWatch {

    public static final int SWAPPED = 0;
    public static final int FAILED = 1;
    public static final int UNREACHABLE = 2;
    public static final int ALREADY_RUNNING = 3;

    /** How a watch ended: the exit code, the last status seen (null when none) and what went wrong (or null). */
    public record Outcome(int exitCode, RebuildStatus status, String problem) {
    }

    private final RebuildClient client;
    private final Progress progress;
    private final Duration pollInterval;
    private final Duration timeout;

    public RebuildWatch(RebuildClient client, Progress progress, Duration pollInterval, Duration timeout) {
        this.client = client;
        this.progress = progress;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    /** Starts a rebuild; on a 409 follows the running one when {@code follow}, else ends with {@link #ALREADY_RUNNING}. */
    public Outcome run(boolean follow) {
        RebuildStatus status;
        try {
            status = client.start();
        } catch (RebuildClient.RebuildRefused e) {
            if (e.status() != 409) {
                return new Outcome(UNREACHABLE, null, "The rebuild did not start: " + e.getMessage());
            }
            if (!follow) {
                return new Outcome(ALREADY_RUNNING, null, "A rebuild is running already (" + e.getMessage()
                        + "); follow it with --follow");
            }
            try {
                status = client.status().orElse(null);
            } catch (RebuildClient.RebuildRefused refused) {
                return new Outcome(UNREACHABLE, null, "No status of the running rebuild: " + refused.getMessage());
            }
            if (status == null) {
                return new Outcome(UNREACHABLE, null, "409 on start, yet no rebuild is known (404)");
            }
        }
        return follow(status);
    }

    private Outcome follow(RebuildStatus first) {
        RebuildStatus status = first;
        Progress.Task task = progress.start("rebuild " + first.id(), first.eventsTarget());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            task.detail(String.format(Locale.ROOT, "%s%s, %,.0f events/s", status.state(),
                    status.passes() > 1 ? " (pass " + status.pass() + " of " + status.passes() + ")" : "", status.eventsPerSecond()));
            task.update(status.eventsRead());
            if (status.finished()) {
                task.done(summary(status));
                return status.swapped() ? new Outcome(SWAPPED, status, null)
                        : new Outcome(FAILED, status, "The rebuild failed: " + Objects.requireNonNullElse(status.error(), "no reason given"));
            }
            if (System.nanoTime() > deadline) {
                task.done(status.state() + ", still running");
                return new Outcome(FAILED, status, "Not finished within " + timeout.toSeconds() + " s (still "
                        + status.state() + "); it goes on in stats-service");
            }
            sleep();
            try {
                RebuildStatus next = client.status().orElse(null);
                if (next == null || !next.id().equals(first.id())) {
                    task.done("lost");
                    return new Outcome(UNREACHABLE, status, next == null ? "stats-service no longer knows the rebuild (404)"
                            : "Another rebuild (" + next.id() + ") replaced " + first.id());
                }
                status = next;
            } catch (RebuildClient.RebuildRefused e) {
                task.done("no status");
                return new Outcome(UNREACHABLE, status, "No status: " + e.getMessage());
            }
        }
    }

    static String summary(RebuildStatus status) {
        return String.format(Locale.ROOT, "%s, %,d events in %.1f s, %,.0f events/s", status.state(), status.eventsRead(),
                status.durationMillis() / 1000.0, status.eventsPerSecond());
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the rebuild", e);
        }
    }
}
