package be.vdab.okot.stats.events;

import be.vdab.okot.messaging.inbox.IncomingEvent;
import be.vdab.okot.stats.domain.PersonFacts;
import be.vdab.okot.stats.persistence.CancelledContract;
import be.vdab.okot.stats.persistence.CandidacyFact;
import be.vdab.okot.stats.persistence.ContractEndFact;
import be.vdab.okot.stats.persistence.ContractFact;
import be.vdab.okot.stats.persistence.CostFact;
import be.vdab.okot.stats.persistence.CourseFact;
import be.vdab.okot.stats.persistence.FactStore;
import be.vdab.okot.stats.persistence.OfferFact;
import be.vdab.okot.stats.persistence.OutflowFact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A rebuild's facts, folded from the log in memory by the rules the live consumer applies ({@link FactUpdates}):
 * the store holds every fact by its id, so folding an event costs a few hash look-ups instead of the indexed
 * reads and writes of a transaction. Once the log is read the facts are written to the rebuilt store at once
 * ({@link #write}), in the order of their keys, and the live cells are counted from them without reading them
 * back ({@link #forEachPerson}).
 * <p>
 * Memory: the facts as entities (their ids as text), the codes and names they repeat held once ({@link #shared});
 * how much a record takes is an estimate the rebuild chooses its passes by ({@code okot.stats.rebuild
 * .fold-bytes-per-record}), not a measured figure.
 */
final class FoldedFacts implements FactStore {

    /** The fact types in the order they are written (parents of nothing: any order would do). */
    private static final List<Class<?>> TYPES = List.of(CourseFact.class, OfferFact.class, CandidacyFact.class,
            ContractFact.class, CancelledContract.class, ContractEndFact.class, OutflowFact.class, CostFact.class);

    private final Map<Class<?>, Map<Object, Object>> byType = new LinkedHashMap<>();
    private final Map<String, String> shared = new HashMap<>();
    private final List<Object> touched = new ArrayList<>();
    private IncomingEvent last;

    FoldedFacts() {
        TYPES.forEach(type -> byType.put(type, new HashMap<>()));
    }

    @Override
    public <T> T find(Class<T> type, Object id) {
        Object fact = facts(type).get(id);
        if (fact != null) {
            touched.add(fact);
        }
        return type.cast(fact);
    }

    @Override
    public void add(Object fact) {
        facts(fact.getClass()).put(idOf(fact), fact);
        touched.add(fact);
    }

    /** Applies one new event (the caller de-duplicates) and keeps it as the store's last event. */
    void fold(IncomingEvent event) {
        FactUpdates.apply(event, this);
        touched.forEach(this::share);
        touched.clear();
        last = event;
    }

    /** How many facts of every type the fold holds. */
    long size() {
        return byType.values().stream().mapToLong(Map::size).sum();
    }

    /**
     * Hands every fact to the writer, a type at a time in the order of their ids (a B-tree grows at its right
     * edge that way), in chunks of at most {@code chunk}. Writers run in transactions of
     * their own; a failure leaves the rebuilt store unfinished, which the next rebuild empties.
     */
    void write(int chunk, Consumer<List<Object>> writer) {
        for (Class<?> type : TYPES) {
            List<Object> facts = new ArrayList<>(facts(type).values());
            facts.sort(Comparator.comparing(fact -> String.valueOf(idOf(fact))));
            for (int i = 0; i < facts.size(); i += chunk) {
                writer.accept(facts.subList(i, Math.min(facts.size(), i + chunk)));
            }
        }
    }

    /** The last event folded, null when none was. */
    IncomingEvent last() {
        return last;
    }

    /** Every person's facts, as {@link PersonFacts#loadRange} would read them back from the rebuilt store. */
    @SuppressWarnings("unchecked")
    void forEachPerson(Consumer<PersonFacts> action) {
        Map<String, List<CandidacyFact>> candidacies = facts(CandidacyFact.class).values().stream()
                .map(CandidacyFact.class::cast).collect(Collectors.groupingBy(candidacy -> candidacy.personId));
        Map<String, List<ContractFact>> contracts = facts(ContractFact.class).values().stream()
                .map(ContractFact.class::cast).collect(Collectors.groupingBy(contract -> contract.personId));
        Set<String> cancelled = (Set<String>) (Set<?>) facts(CancelledContract.class).keySet();
        Map<String, ContractEndFact> ends = (Map<String, ContractEndFact>) (Map<?, ?>) facts(ContractEndFact.class);
        Map<String, OutflowFact> outflow = (Map<String, OutflowFact>) (Map<?, ?>) facts(OutflowFact.class);
        Set<String> persons = new TreeSet<>(candidacies.keySet());
        persons.addAll(contracts.keySet());
        for (String personId : persons) {
            action.accept(PersonFacts.of(personId, candidacies.getOrDefault(personId, List.of()),
                    contracts.getOrDefault(personId, List.of()), cancelled, ends, outflow));
        }
    }

    private Map<Object, Object> facts(Class<?> type) {
        Map<Object, Object> facts = byType.get(type);
        if (facts == null) {
            throw new IllegalArgumentException("Not a fact type: " + type.getName());
        }
        return facts;
    }

    private static Object idOf(Object fact) {
        if (fact instanceof CandidacyFact candidacy) {
            return candidacy.candidacyId;
        } else if (fact instanceof ContractFact contract) {
            return contract.contractId;
        } else if (fact instanceof ContractEndFact end) {
            return end.contractId;
        } else if (fact instanceof CancelledContract cancelled) {
            return cancelled.contractId;
        } else if (fact instanceof OutflowFact outflow) {
            return outflow.clusterId;
        } else if (fact instanceof CourseFact course) {
            return course.code;
        } else if (fact instanceof OfferFact offer) {
            return offer.key;
        } else if (fact instanceof CostFact cost) {
            return cost.costId;
        }
        throw new IllegalArgumentException("Not a fact type: " + fact.getClass().getName());
    }

    /** The codes and names a fact repeats from many others, held once. */
    private void share(Object fact) {
        Function<String, String> one = value -> value == null ? null : shared.computeIfAbsent(value, Function.identity());
        if (fact instanceof ContractFact contract) {
            contract.courseCode = one.apply(contract.courseCode);
            contract.trainingCode = one.apply(contract.trainingCode);
            contract.trainingName = one.apply(contract.trainingName);
            contract.type = one.apply(contract.type);
            contract.sector = one.apply(contract.sector);
            contract.programme = one.apply(contract.programme);
        } else if (fact instanceof CostFact cost) {
            cost.courseCode = one.apply(cost.courseCode);
            cost.trainingCode = one.apply(cost.trainingCode);
            cost.trainingName = one.apply(cost.trainingName);
            cost.type = one.apply(cost.type);
            cost.sector = one.apply(cost.sector);
            cost.programme = one.apply(cost.programme);
        } else if (fact instanceof CandidacyFact candidacy) {
            candidacy.courseCode = one.apply(candidacy.courseCode);
            candidacy.decision = one.apply(candidacy.decision);
        }
    }
}
