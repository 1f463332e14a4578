package be.vdab.okot.messaging.outbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The relay's wake-ups, counted: a round of the relay notes the count before it reads the outbox
 * and afterwards waits only until the count has moved on (or the poll interval has passed). A
 * wake-up at any moment, however it interleaves with a round, therefore causes a read that
 * starts after it; nothing is coalesced away, and the timed wait is the safety net.
 */
final class RelaySignal {

    private long wakeUps; // guarded by this

    /** Records a wake-up; returns at once. */
    synchronized void wakeUp() {
        wakeUps++;
        notifyAll();
    }

    /** The wake-ups so far; note it before reading the outbox. */
    synchronized long observed() {
        return wakeUps;
    }

    /**
     * Waits until there was a wake-up after {@code observed} or {@code timeout} has passed.
     *
     * @return true when woken up, false after the timeout
     */
    synchronized boolean awaitAfter(long observed, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (wakeUps == observed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
