package be.vdab.okot.messaging.inbox;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Lets a service hold its consumer between two polls: {@link EventConsumer} applies each poll inside
 * {@link #applying}, and {@link #whileClosed} runs an action while no poll is being applied and none
 * starts (a poll being applied is finished first, commit included). stats-service swaps in a rebuilt
 * store this way, so no event is applied to the store being replaced after the rebuild read its last one.
 */
@ApplicationScoped
public class ApplyGate {

    private final ReadWriteLock lock = new ReentrantReadWriteLock(true);

    /** Runs the consumer's work for one poll; waits while the gate is closed. */
    public <T> T applying(Callable<T> work) {
        lock.readLock().lock();
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs the action with the consumer held between two polls; returns its result. */
    public <T> T whileClosed(Callable<T> action) throws Exception {
        lock.writeLock().lock();
        try {
            return action.call();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
