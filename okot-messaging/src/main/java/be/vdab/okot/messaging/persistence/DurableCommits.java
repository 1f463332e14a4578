package be.vdab.okot.messaging.persistence;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for the embedded H2 database: a commit is durable — it survives the process being killed — once a
 * {@code CHECKPOINT} that began after it has written the store to its file. H2 keeps committed changes in memory for
 * up to {@code WRITE_DELAY} (500 ms) and loses them on {@code kill -9}; writing the file at every commit instead
 * ({@code WRITE_DELAY=0}) costs a new chunk per commit (about 17 KB of file each, and a third of the write rate,
 * measured on H2 2.4.240). Here one flush covers every commit made while the previous flush ran, so a busy service
 * writes its file a few hundred times a second at most, whatever its commit rate.
 *
 * <p>Whoever answers for a commit — an HTTP write before its answer, the consumer before it acknowledges a poll's
 * offsets, a rebuild before it reports its swap — asks for {@link #durable()} after the commit and waits for it.
 * On PostgreSQL a commit is durable when it returns (synchronous commit, the production setting), so the answer is
 * at once. The flush writes to the operating system, not to the disk (no fsync): a killed process loses nothing, a
 * machine that loses power may lose the last writes of the embedded database; production runs on PostgreSQL.
 */
@ApplicationScoped
public class DurableCommits {

    private static final Logger LOG = Logger.getLogger(DurableCommits.class);
    private static final CompletableFuture<Void> AT_ONCE = CompletableFuture.completedFuture(null);

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    /**
     * {@code false} answers writes before H2 has them in its file, as H2 alone does: for measuring what the flush
     * costs, never for a service whose answers must hold (README, Configuration).
     */
    @ConfigProperty(name = "okot.db.h2.durable-commits", defaultValue = "true")
    boolean durableOnH2;

    private final Object lock = new Object();
    /** Completed by the next flush to begin; handed to every caller until that flush begins. */
    private CompletableFuture<Void> nextFlush = new CompletableFuture<>();
    private int waiting;
    private boolean stopping;
    private volatile Thread flusher;
    /**
     * The flusher's own connection, kept from one flush to the next (taken again after a failure): when a burst
     * of writes has every other connection of the pool, the flush that answers them must not queue behind them.
     */
    private Connection connection;
    private Timer flushes;
    private DistributionSummary commitsPerFlush;

    void onStart(@Observes StartupEvent event) {
        if (!flushesNeeded()) {
            return;
        }
        flushes = Timer.builder("okot.db.flush").description("H2 CHECKPOINTs that made commits durable")
                .register(registry);
        commitsPerFlush = DistributionSummary.builder("okot.db.flush.waiters")
                .description("Callers whose commits one H2 CHECKPOINT made durable").register(registry);
        Thread thread = new Thread(this::flushLoop, "okot-durable-commits");
        thread.setDaemon(true);
        flusher = thread;
        thread.start();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
    }

    /**
     * Completes once every commit this thread (or any other) made before the call is in the database file; at
     * once when the database needs no flush. Completes exceptionally when the flush failed (the commit is then
     * only in memory: report the write as failed, not as done).
     */
    public CompletionStage<Void> durable() {
        if (flusher == null) {
            return AT_ONCE;
        }
        synchronized (lock) {
            waiting++;
            lock.notifyAll();
            return nextFlush;
        }
    }

    /** {@link #durable()}, waiting on this thread; {@link IllegalStateException} when the flush failed. */
    public void awaitDurable() {
        try {
            durable().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the database to write a commit", e);
        } catch (Exception e) {
            throw new IllegalStateException("The database did not write a commit to its file", e);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debugf("Closing the flusher's connection: %s", e.toString());
            }
            connection = null;
        }
    }

    private boolean flushesNeeded() {
        return durableOnH2 && "h2".equals(dbKind);
    }

    private void flushLoop() {
        while (true) {
            CompletableFuture<Void> flush;
            int callers;
            synchronized (lock) {
                while (waiting == 0 && !stopping) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (waiting == 0) {
                    closeConnection();
                    return;
                }
                // every caller that took this future called before this point, so before the CHECKPOINT begins
                flush = nextFlush;
                callers = waiting;
                nextFlush = new CompletableFuture<>();
                waiting = 0;
            }
            long begin = System.nanoTime();
            try {
                if (connection == null) {
                    connection = dataSource.getConnection();
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CHECKPOINT");
                }
                flush.complete(null);
            } catch (SQLException | RuntimeException e) {
                LOG.errorf("H2 could not write committed changes to its file: %s", e.toString());
                closeConnection();
                flush.completeExceptionally(e);
            }
            flushes.record(System.nanoTime() - begin, TimeUnit.NANOSECONDS);
            commitsPerFlush.record(callers);
        }
    }
}
