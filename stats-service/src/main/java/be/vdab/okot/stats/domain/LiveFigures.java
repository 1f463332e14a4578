package be.vdab.okot.stats.domain;

import be.vdab.okot.stats.persistence.FactStores;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps the live aggregate ({@link LiveCells}) equal to what the stored facts say, one person at a time.
 * In the consumer's transaction, the first time a person is touched ({@link #touch}) their contributions
 * are computed from their facts as they were; before the commit ({@link #settle}) they are computed again
 * from the facts as they are, and the difference — what to retract, what to add — is applied to the cells
 * once the transaction has committed. A rolled-back transaction changes nothing. At start the cells are
 * filled from every stored fact before the first event is applied.
 */
@ApplicationScoped
public class LiveFigures {

    private static final Logger LOG = Logger.getLogger(LiveFigures.class);
    private static final Object BEFORE = LiveFigures.class.getName() + ".before";

    /** The difference one transaction made to the figures of a store, applied after it committed. */
    public record Change(LiveCells target, List<Contribution> retracted, List<Contribution> added) {
    }

    /** The persons a transaction touched, what they contributed before it, and the cells it changes. */
    private record Touched(LiveCells target, Map<String, List<Contribution>> before) {
    }

    /** The cells of the active store; a rebuild replaces them at once ({@link #swapIn}). */
    private volatile LiveCells cells = new LiveCells();
    /** The cells of the store a rebuild fills, once it has loaded them; null otherwise. */
    private volatile LiveCells rebuilt;
    private final CountDownLatch loaded = new CountDownLatch(1);

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Event<Change> changes;

    @Inject
    FactStores stores;

    public LiveCells cells() {
        awaitLoaded();
        return cells;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        Instant begin = Instant.now();
        cells = load();
        loaded.countDown();
        LOG.infof("Live figures loaded from the facts of store %s in %d ms", stores.active(),
                Duration.between(begin, Instant.now()).toMillis());
    }

    /** Fresh cells counted from every fact of the store this thread works on. */
    public LiveCells load() {
        return count(LiveFigures::forEachPerson);
    }

    /**
     * Fresh cells counted from the facts of every person the source hands over, a person at a time: memory holds
     * the cells and the source's facts, never every contribution at once (the store, or a rebuild's fold).
     */
    public static LiveCells count(Consumer<Consumer<PersonFacts>> everyPerson) {
        LiveCells counted = new LiveCells();
        countInto(counted, everyPerson);
        return counted;
    }

    /** Adds what every person the source hands over contributes to these cells (a rebuild's pass over the log). */
    public static void countInto(LiveCells cells, Consumer<Consumer<PersonFacts>> everyPerson) {
        everyPerson.accept(person -> cells.apply(List.of(), PersonFigures.of(person)));
    }

    /** From now on, the transactions of a rebuild keep these cells (loaded from its store) up to date. */
    public void maintainRebuilt(LiveCells rebuiltCells) {
        rebuilt = rebuiltCells;
    }

    /** The rebuilt cells answer from now on (the rebuilt store has just become the active one). */
    public void swapIn() {
        if (rebuilt == null) {
            throw new IllegalStateException("No rebuilt cells to swap in");
        }
        cells = rebuilt;
        rebuilt = null;
    }

    /** A rebuild that failed leaves the active cells as they are. */
    public void dropRebuilt() {
        rebuilt = null;
    }

    /**
     * Hands the facts of every person to the action, a chunk of persons per transaction, so that memory
     * holds one chunk of facts at a time (a start, the reconciliation's recount). Returns how many persons.
     */
    public static int forEachPerson(Consumer<PersonFacts> action) {
        List<String> personIds = QuarkusTransaction.requiringNew().call(PersonFacts::allPersonIds);
        for (List<String> chunk : PersonFacts.chunks(personIds)) {
            QuarkusTransaction.requiringNew().run(() -> PersonFacts.loadRange(chunk).values().forEach(action));
        }
        return personIds.size();
    }

    private void awaitLoaded() {
        try {
            if (!loaded.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("The live figures are still loading");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the live figures load", e);
        }
    }

    /**
     * Remembers, once per transaction, what these persons contribute before the transaction changes their
     * facts. Call it before the change; persons already touched in this transaction are skipped. A rebuild's
     * transaction keeps the rebuilt cells once they are loaded, and no cells before that.
     */
    public void touch(Collection<String> personIds) {
        touch(() -> personIds);
    }

    /**
     * As {@link #touch(Collection)}, asking for the persons only when this transaction keeps cells: a rebuild
     * replaying the log before its cells are loaded skips the lookups of who owns a fact.
     */
    public void touch(java.util.function.Supplier<Collection<String>> persons) {
        Touched touched = touched();
        if (touched.target() == null) {
            return;
        }
        Collection<String> personIds = persons.get();
        Map<String, List<Contribution>> before = touched.before();
        List<String> fresh = personIds.stream().filter(id -> id != null && !before.containsKey(id)).distinct().toList();
        if (!fresh.isEmpty()) {
            PersonFacts.load(fresh).forEach((personId, facts) -> before.put(personId, PersonFigures.of(facts)));
        }
    }

    /** Computes what the touched persons contribute now and has the difference applied after the commit. */
    public void settle() {
        Touched touched = (Touched) transactions.getResource(BEFORE);
        if (touched == null || touched.before().isEmpty()) {
            return;
        }
        Map<String, List<Contribution>> before = touched.before();
        List<Contribution> retracted = new ArrayList<>();
        List<Contribution> added = new ArrayList<>();
        PersonFacts.load(before.keySet()).forEach((personId, facts) ->
                difference(before.get(personId), PersonFigures.of(facts), retracted, added));
        before.clear();
        if (!retracted.isEmpty() || !added.isEmpty()) {
            changes.fire(new Change(touched.target(), retracted, added));
        }
    }

    void apply(@Observes(during = TransactionPhase.AFTER_SUCCESS) Change change) {
        change.target().apply(change.retracted(), change.added());
    }

    /** Multiset difference: what only {@code before} has is retracted, what only {@code after} has is added. */
    static void difference(List<Contribution> before, List<Contribution> after, List<Contribution> retracted,
                           List<Contribution> added) {
        Map<Contribution, Integer> balance = new LinkedHashMap<>();
        before.forEach(contribution -> balance.merge(contribution, -1, Integer::sum));
        after.forEach(contribution -> balance.merge(contribution, 1, Integer::sum));
        balance.forEach((contribution, count) -> {
            for (int i = 0; i < Math.abs(count); i++) {
                (count < 0 ? retracted : added).add(contribution);
            }
        });
    }

    /** This transaction's touched persons, with the cells of the store it writes (captured once). */
    private Touched touched() {
        Touched touched = (Touched) transactions.getResource(BEFORE);
        if (touched == null) {
            LiveCells target;
            if (stores.isRebuildThread()) {
                target = rebuilt;
            } else {
                awaitLoaded();
                target = cells;
            }
            touched = new Touched(target, new HashMap<>());
            transactions.putResource(BEFORE, touched);
        }
        return touched;
    }
}
