package be.vdab.okot.messaging.persistence;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The group-commit rule of {@link DurableCommits}: a caller is answered only by a flush that began after its call.
 * The database is a stand-in whose {@code CHECKPOINT} waits until the test lets it finish (or fail), so the test
 * decides when each flush begins and ends.
 */
class DurableCommitsTest {

    private final CheckpointingDatabase database = new CheckpointingDatabase();
    private final DurableCommits commits = new DurableCommits();

    @AfterEach
    void stop() {
        commits.onShutdown(null);
        database.finishing.release(100);
    }

    @Test
    void aCallMadeWhileAFlushRunsWaitsForTheNextFlush() throws Exception {
        start("h2");
        CompletableFuture<Void> first = commits.durable().toCompletableFuture();
        database.awaitCheckpointBegun();

        CompletableFuture<Void> second = commits.durable().toCompletableFuture();
        database.finishing.release();
        first.get(10, TimeUnit.SECONDS);
        assertThat(second).as("answered by a flush that began before the call").isNotDone();

        database.awaitCheckpointBegun();
        assertThat(second).isNotDone();
        database.finishing.release();
        second.get(10, TimeUnit.SECONDS);
        assertThat(database.checkpoints).hasValue(2);
        assertThat(database.connectionsTaken).as("the flusher keeps its own connection").hasValue(1);
    }

    @Test
    void oneFlushAnswersEveryCallMadeWhileThePreviousOneRan() throws Exception {
        start("h2");
        CompletableFuture<Void> first = commits.durable().toCompletableFuture();
        database.awaitCheckpointBegun();
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            waiting.add(commits.durable().toCompletableFuture());
        }
        database.finishing.release(2);
        first.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(database.checkpoints).hasValue(2);
    }

    @Test
    void aFailedFlushFailsItsCallersAndTheNextFlushServesNewCalls() throws Exception {
        start("h2");
        database.failNext = true;
        CompletableFuture<Void> failed = commits.durable().toCompletableFuture();
        database.finishing.release();
        assertThat(failed).failsWithin(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> failed.get()).hasCauseInstanceOf(SQLException.class);

        database.finishing.release();
        commits.awaitDurable();
        assertThat(database.checkpoints).hasValue(2);
        assertThat(database.connectionsTaken).as("a new connection after the failed one").hasValue(2);
        assertThat(database.connectionsClosed).hasValue(1);
    }

    @Test
    void awaitDurableReportsAFailedFlushAsAnIllegalState() {
        start("h2");
        database.failNext = true;
        database.finishing.release();
        assertThatThrownBy(commits::awaitDurable).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not write a commit");
    }

    @Test
    void onPostgresqlACommitIsDurableAtOnceAndNothingIsFlushed() {
        start("postgresql");
        assertThat(commits.durable().toCompletableFuture()).isCompleted();
        assertThat(database.checkpoints).hasValue(0);
    }

    @Test
    void switchedOffOnH2NothingIsFlushed() {
        start("h2", false);
        assertThat(commits.durable().toCompletableFuture()).isCompleted();
        assertThat(database.checkpoints).hasValue(0);
    }

    private void start(String dbKind) {
        start(dbKind, true);
    }

    private void start(String dbKind, boolean durableOnH2) {
        commits.dataSource = database;
        commits.registry = new SimpleMeterRegistry();
        commits.dbKind = dbKind;
        commits.durableOnH2 = durableOnH2;
        commits.onStart(null);
    }

    /** Counts CHECKPOINTs; each one begins, then waits for a permit of {@link #finishing}. */
    private static final class CheckpointingDatabase implements DataSource {
        final AtomicInteger checkpoints = new AtomicInteger();
        final AtomicInteger connectionsTaken = new AtomicInteger();
        final AtomicInteger connectionsClosed = new AtomicInteger();
        final Semaphore finishing = new Semaphore(0);
        final BlockingQueue<Integer> begun = new LinkedBlockingQueue<>();
        volatile boolean failNext;

        void awaitCheckpointBegun() throws InterruptedException {
            assertThat(begun.poll(10, TimeUnit.SECONDS)).as("a CHECKPOINT began").isNotNull();
        }

        @Override
        public Connection getConnection() {
            connectionsTaken.incrementAndGet();
            Statement statement = (Statement) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[]{Statement.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "execute" -> checkpoint((String) args[0]);
                        case "close" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "createStatement" -> statement;
                        case "close" -> {
                            connectionsClosed.incrementAndGet();
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private boolean checkpoint(String sql) throws SQLException, InterruptedException {
            assertThat(sql).isEqualTo("CHECKPOINT");
            begun.add(checkpoints.incrementAndGet());
            finishing.acquire();
            if (failNext) {
                failNext = false;
                throw new SQLException("disk full");
            }
            return false;
        }

        @Override
        public Connection getConnection(String username, String password) {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            return null;
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
