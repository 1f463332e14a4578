package be.vdab.okot.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Concurrent twins: requests sent at the same moment from a pool of threads, each waiting at a
 * start gate ({@link CountDownLatch}) until all are ready, the way a double click or a retrying
 * client sends them.
 */
public final class Twins {

    private Twins() {
    }

    /**
     * Runs every request on its own thread, released together; waits for all (at most 60 s).
     *
     * @return the results in the order of {@code requests}
     */
    public static <T> List<T> release(List<Callable<T>> requests) {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        CountDownLatch ready = new CountDownLatch(requests.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> request : requests) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.call();
                }));
            }
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the twins did not get ready");
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException("concurrent requests failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code count} copies of the same request, released together. */
    public static <T> List<T> release(int count, Callable<T> request) {
        List<Callable<T>> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(request);
        }
        return release(requests);
    }
}
