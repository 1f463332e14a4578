package be.vdab.okot.stats.domain;

import be.vdab.okot.stats.persistence.CancelledContract;
import be.vdab.okot.stats.persistence.CandidacyFact;
import be.vdab.okot.stats.persistence.ContractEndFact;
import be.vdab.okot.stats.persistence.ContractFact;
import be.vdab.okot.stats.persistence.OutflowFact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the figures know of one person: the unit of change of the live aggregate. Every figure a
 * person is in follows from these facts alone (figures.md: a start, an end, a cluster and a candidacy all
 * belong to one person).
 *
 * @param cancelled contract ids among {@code contracts} that were cancelled
 * @param ends      the current end (highest revision) per contract id
 * @param outflow   the latest measurement per cluster id of the person's contracts
 */
public record PersonFacts(String personId, List<CandidacyFact> candidacies, List<ContractFact> contracts,
                          Set<String> cancelled, Map<String, ContractEndFact> ends, Map<String, OutflowFact> outflow) {

    /** Reads the stored facts of these persons (a poll's), a few queries for all of them. */
    public static Map<String, PersonFacts> load(Collection<String> personIds) {
        Map<String, PersonFacts> persons = new HashMap<>();
        for (List<String> chunk : chunks(List.copyOf(new HashSet<>(personIds)))) {
            List<CandidacyFact> candidacies = CandidacyFact.list("personId in ?1", chunk);
            List<ContractFact> contracts = ContractFact.list("personId in ?1", chunk);
            List<String> contractIds = contracts.stream().map(contract -> contract.contractId).toList();
            List<String> clusterIds = contracts.stream().map(contract -> contract.clusterId).distinct().toList();
            List<CancelledContract> cancelled = new ArrayList<>();
            List<ContractEndFact> ends = new ArrayList<>();
            for (List<String> ids : chunks(contractIds)) {
                cancelled.addAll(CancelledContract.list("contractId in ?1", ids));
                ends.addAll(ContractEndFact.list("contractId in ?1", ids));
            }
            List<OutflowFact> outflow = new ArrayList<>();
            for (List<String> ids : chunks(clusterIds)) {
                outflow.addAll(OutflowFact.list("clusterId in ?1", ids));
            }
            assemble(chunk, candidacies, contracts, cancelled, ends, outflow, persons);
        }
        return persons;
    }

    /**
     * Reads the stored facts of every person whose id lies between these two, both included, by ranges of
     * the person indexes and joins: a load of the whole store goes through the persons in id order this way
     * (long IN lists made H2 compare every row with every listed id: 78 s for 165,000 persons).
     *
     * @param personIds the ids in the range, as the database orders them ({@link #allPersonIds()})
     */
    public static Map<String, PersonFacts> loadRange(List<String> personIds) {
        String first = personIds.get(0);
        String last = personIds.get(personIds.size() - 1);
        List<CandidacyFact> candidacies = CandidacyFact.list("personId between ?1 and ?2", first, last);
        List<ContractFact> contracts = ContractFact.list("personId between ?1 and ?2", first, last);
        var entities = CandidacyFact.getEntityManager();
        List<CancelledContract> cancelled = entities.createQuery("select x from CancelledContract x, ContractFact c "
                        + "where x.contractId = c.contractId and c.personId between ?1 and ?2", CancelledContract.class)
                .setParameter(1, first).setParameter(2, last).getResultList();
        List<ContractEndFact> ends = entities.createQuery("select e from ContractEndFact e, ContractFact c "
                        + "where e.contractId = c.contractId and c.personId between ?1 and ?2", ContractEndFact.class)
                .setParameter(1, first).setParameter(2, last).getResultList();
        List<OutflowFact> outflow = entities.createQuery("select distinct o from OutflowFact o, ContractFact c "
                        + "where o.clusterId = c.clusterId and c.personId between ?1 and ?2", OutflowFact.class)
                .setParameter(1, first).setParameter(2, last).getResultList();
        Map<String, PersonFacts> persons = new HashMap<>();
        assemble(personIds, candidacies, contracts, cancelled, ends, outflow, persons);
        return persons;
    }

    /**
     * Every person with a candidacy or a contract, in the database's order of ids: the order (its collation)
     * that {@code between} in {@link #loadRange} follows, so a run of this list is exactly a range of ids.
     */
    @SuppressWarnings("unchecked")
    public static List<String> allPersonIds() {
        return CandidacyFact.getEntityManager().createNativeQuery("select person_id from (select person_id from candidacy_fact "
                + "union select person_id from contract_fact) persons order by person_id", String.class).getResultList();
    }

    private static void assemble(List<String> personIds, List<CandidacyFact> candidacies, List<ContractFact> contracts,
                                 List<CancelledContract> cancelledContracts, List<ContractEndFact> endFacts,
                                 List<OutflowFact> measurements, Map<String, PersonFacts> persons) {
        Map<String, List<CandidacyFact>> candidaciesByPerson = candidacies.stream()
                .collect(Collectors.groupingBy(candidacy -> candidacy.personId));
        Set<String> cancelled = cancelledContracts.stream().map(c -> c.contractId).collect(Collectors.toSet());
        Map<String, ContractEndFact> ends = new HashMap<>();
        endFacts.forEach(end -> ends.put(end.contractId, end));
        Map<String, OutflowFact> outflow = new HashMap<>();
        measurements.forEach(measurement -> outflow.put(measurement.clusterId, measurement));
        Map<String, List<ContractFact>> contractsByPerson = contracts.stream()
                .collect(Collectors.groupingBy(contract -> contract.personId));
        for (String personId : personIds) {
            persons.put(personId, of(personId, candidaciesByPerson.getOrDefault(personId, List.of()),
                    contractsByPerson.getOrDefault(personId, List.of()), cancelled, ends, outflow));
        }
    }

    /** The facts of one person, picked from facts loaded for many (a load of the whole store, a rebuild). */
    public static PersonFacts of(String personId, List<CandidacyFact> candidacies, List<ContractFact> contracts,
                                 Set<String> cancelled, Map<String, ContractEndFact> ends, Map<String, OutflowFact> outflow) {
        Set<String> ownIds = contracts.stream().map(contract -> contract.contractId).collect(Collectors.toSet());
        Set<String> ownClusters = contracts.stream().map(contract -> contract.clusterId).collect(Collectors.toSet());
        return new PersonFacts(personId, List.copyOf(candidacies), List.copyOf(contracts),
                ownIds.stream().filter(cancelled::contains).collect(Collectors.toSet()),
                pick(ends, ownIds), pick(outflow, ownClusters));
    }

    private static <T> Map<String, T> pick(Map<String, T> all, Set<String> keys) {
        return keys.stream().filter(all::containsKey).collect(Collectors.toMap(Function.identity(), all::get));
    }

    /** IN lists stay well below what every database accepts. */
    static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 1000) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + 1000)));
        }
        return chunks;
    }
}
