package be.vdab.okot.stats.domain;

import be.vdab.okot.stats.persistence.CancelledContract;
import be.vdab.okot.stats.persistence.CandidacyFact;
import be.vdab.okot.stats.persistence.ContractEndFact;
import be.vdab.okot.stats.persistence.ContractFact;
import be.vdab.okot.stats.persistence.OutflowFact;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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

    /** The difference one transaction made to the figures, applied after it committed. */
    public record Change(List<Contribution> retracted, List<Contribution> added) {
    }

    private final LiveCells cells = new LiveCells();
    private final CountDownLatch loaded = new CountDownLatch(1);

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Event<Change> changes;

    public LiveCells cells() {
        awaitLoaded();
        return cells;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        Instant begin = Instant.now();
        int persons = QuarkusTransaction.requiringNew().timeout(600).call(() -> {
            Map<String, PersonFacts> all = loadAll();
            List<Contribution> contributions = new ArrayList<>();
            all.values().forEach(person -> contributions.addAll(PersonFigures.of(person)));
            cells.replaceAll(contributions);
            return all.size();
        });
        loaded.countDown();
        LOG.infof("Live figures loaded from the facts of %d persons in %d ms", persons,
                Duration.between(begin, Instant.now()).toMillis());
    }

    /** The facts of every person, grouped by person (a start, a rebuild, the reconciliation's recount). */
    public static Map<String, PersonFacts> loadAll() {
        Map<String, List<CandidacyFact>> candidacies = CandidacyFact.<CandidacyFact>listAll().stream()
                .collect(Collectors.groupingBy(candidacy -> candidacy.personId));
        Map<String, List<ContractFact>> contracts = ContractFact.<ContractFact>listAll().stream()
                .collect(Collectors.groupingBy(contract -> contract.personId));
        Set<String> cancelled = CancelledContract.<CancelledContract>listAll().stream()
                .map(contract -> contract.contractId).collect(Collectors.toSet());
        Map<String, ContractEndFact> ends = ContractEndFact.<ContractEndFact>listAll().stream()
                .collect(Collectors.toMap(end -> end.contractId, end -> end));
        Map<String, OutflowFact> outflow = OutflowFact.<OutflowFact>listAll().stream()
                .collect(Collectors.toMap(measurement -> measurement.clusterId, measurement -> measurement));
        Set<String> personIds = new HashSet<>(candidacies.keySet());
        personIds.addAll(contracts.keySet());
        Map<String, PersonFacts> persons = new HashMap<>();
        for (String personId : personIds) {
            persons.put(personId, PersonFacts.of(personId, candidacies.getOrDefault(personId, List.of()),
                    contracts.getOrDefault(personId, List.of()), cancelled, ends, outflow));
        }
        return persons;
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
     * facts. Call it before the change; persons already touched in this transaction are skipped.
     */
    public void touch(Collection<String> personIds) {
        awaitLoaded();
        Map<String, List<Contribution>> before = before();
        List<String> fresh = personIds.stream().filter(id -> id != null && !before.containsKey(id)).distinct().toList();
        if (!fresh.isEmpty()) {
            PersonFacts.load(fresh).forEach((personId, facts) -> before.put(personId, PersonFigures.of(facts)));
        }
    }

    /** Computes what the touched persons contribute now and has the difference applied after the commit. */
    public void settle() {
        Map<String, List<Contribution>> before = before();
        if (before.isEmpty()) {
            return;
        }
        List<Contribution> retracted = new ArrayList<>();
        List<Contribution> added = new ArrayList<>();
        PersonFacts.load(before.keySet()).forEach((personId, facts) ->
                difference(before.get(personId), PersonFigures.of(facts), retracted, added));
        before.clear();
        if (!retracted.isEmpty() || !added.isEmpty()) {
            changes.fire(new Change(retracted, added));
        }
    }

    void apply(@Observes(during = TransactionPhase.AFTER_SUCCESS) Change change) {
        cells.apply(change.retracted(), change.added());
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

    @SuppressWarnings("unchecked")
    private Map<String, List<Contribution>> before() {
        Map<String, List<Contribution>> before = (Map<String, List<Contribution>>) transactions.getResource(BEFORE);
        if (before == null) {
            before = new HashMap<>();
            transactions.putResource(BEFORE, before);
        }
        return before;
    }
}
