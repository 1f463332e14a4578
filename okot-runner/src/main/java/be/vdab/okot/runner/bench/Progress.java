package be.vdab.okot.runner.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a bench on standard error. On a terminal one line is redrawn in place (a bar, done/total, the
 * elapsed time), at most ten times a second; elsewhere (a log, a pipe) a task prints one line when it ends and,
 * while it runs, at most one line every thirty seconds, so a log is not flooded.
 */
public final class Progress {

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long LOG_NANOS = 30_000_000_000L;
    private static final int BAR = 24;

    private final PrintStream out;
    private final boolean terminal;

    public Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** On standard error; a bar when standard error is a terminal. */
    public static Progress onStandardError() {
        return new Progress(System.err, standardErrorIsTerminal());
    }

    /** Linux: fd 2 links to a pseudo-terminal or tty; elsewhere, whether the JVM has a console. */
    static boolean standardErrorIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }

    /** A line of information (a phase begins, a setting), printed as it is. */
    public void say(String line) {
        out.println(line);
        out.flush();
    }

    /** Starts a task of {@code total} steps (0 or less: unknown). */
    public Task start(String label, long total) {
        return new Task(label, total);
    }

    /** One task: {@link #advance()} from any thread, {@link #done(String)} once. */
    public final class Task {
        private final String label;
        private final long total;
        private final long begin = System.nanoTime();
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong lastShown = new AtomicLong(System.nanoTime());
        private volatile String detail = "";

        private Task(String label, long total) {
            this.label = label;
            this.total = total;
            if (terminal) {
                draw();
            }
        }

        public void advance() {
            done.incrementAndGet();
            show();
        }

        /** Sets how many steps are done (for a task that learns it rather than counting). */
        public void update(long steps) {
            done.set(steps);
            show();
        }

        private void show() {
            long now = System.nanoTime();
            long last = lastShown.get();
            if (now - last >= (terminal ? REDRAW_NANOS : LOG_NANOS) && lastShown.compareAndSet(last, now)) {
                synchronized (Progress.this) {
                    if (terminal) {
                        draw();
                    } else {
                        out.println("  " + label + ": " + counter() + (detail.isEmpty() ? "" : " " + detail) + " …");
                    }
                }
            }
        }

        /** What the task is doing now (e.g. the query being measured), shown with the next update. */
        public void detail(String text) {
            detail = text;
        }

        /** Ends the task with a short summary (may be empty). */
        public void done(String summary) {
            synchronized (Progress.this) {
                String line = String.format(Locale.ROOT, "  %s: %s in %.1f s%s", label, counter(),
                        (System.nanoTime() - begin) / 1e9, summary.isEmpty() ? "" : ", " + summary);
                out.print(terminal ? "\r\033[K" + line + "\n" : line + "\n");
                out.flush();
            }
        }

        private String counter() {
            return total > 0 ? done.get() + "/" + total : Long.toString(done.get());
        }

        private void draw() {
            String bar = "";
            if (total > 0) {
                int filled = (int) Math.min(BAR, done.get() * BAR / total);
                bar = "[" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] ";
            }
            out.print(String.format(Locale.ROOT, "\r\033[K  %s %s%s  %.1f s  %s", label, bar, counter(),
                    (System.nanoTime() - begin) / 1e9, detail));
            out.flush();
        }
    }
}
