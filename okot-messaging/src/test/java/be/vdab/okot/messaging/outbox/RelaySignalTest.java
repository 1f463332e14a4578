package be.vdab.okot.messaging.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class RelaySignalTest {

    @Test
    void aWakeUpDuringARoundStartsTheNextRoundAtOnce() throws InterruptedException {
        RelaySignal signal = new RelaySignal();
        long observed = signal.observed();
        // the round reads the outbox here; a commit and its wake-up arrive before it waits
        signal.wakeUp();
        long begin = System.nanoTime();
        assertThat(signal.awaitAfter(observed, Duration.ofSeconds(30))).isTrue();
        assertThat(System.nanoTime() - begin).isLessThan(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void withoutAWakeUpTheRoundWaitsForThePollInterval() throws InterruptedException {
        RelaySignal signal = new RelaySignal();
        long begin = System.nanoTime();
        assertThat(signal.awaitAfter(signal.observed(), Duration.ofMillis(200))).isFalse();
        assertThat(System.nanoTime() - begin).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    }

    /**
     * Many writers commit and wake the relay while it is reading, publishing or waiting; with a poll
     * interval far longer than the bound, every row must still be read within the bound: no wake-up
     * may be lost, whatever the interleaving.
     */
    @Test
    void everyCommittedRowIsReadWithinABoundWhileWritersCommitConcurrently() throws Exception {
        RelaySignal signal = new RelaySignal();
        ConcurrentLinkedQueue<Integer> outbox = new ConcurrentLinkedQueue<>();
        Map<Integer, Long> committedAt = new ConcurrentHashMap<>();
        Map<Integer, Long> readAt = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread relay = new Thread(() -> {
            while (!stop.get()) {
                long observed = signal.observed();
                for (Integer row; (row = outbox.poll()) != null; ) {
                    readAt.put(row, System.nanoTime());
                }
                Thread.onSpinWait(); // a round takes a moment: commits interleave with it
                try {
                    signal.awaitAfter(observed, Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        relay.start();
        int writers = 8;
        int rowsPerWriter = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            int first = writer * rowsPerWriter;
            done.add(pool.submit(() -> {
                start.await();
                for (int row = first; row < first + rowsPerWriter; row++) {
                    committedAt.put(row, System.nanoTime());
                    outbox.add(row);       // the commit
                    signal.wakeUp();       // its after-commit wake-up
                    if (row % 100 == 0) {
                        Thread.sleep(1);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (var future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (readAt.size() < writers * rowsPerWriter && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        stop.set(true);
        signal.wakeUp();
        relay.join(5_000);

        assertThat(readAt).hasSize(writers * rowsPerWriter);
        long slowest = committedAt.entrySet().stream()
                .mapToLong(entry -> readAt.get(entry.getKey()) - entry.getValue()).max().orElseThrow();
        assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(2));
    }
}
