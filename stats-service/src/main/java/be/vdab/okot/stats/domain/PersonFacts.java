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

    /** Reads the stored facts of these persons, a few queries for all of them. */
    public static Map<String, PersonFacts> load(Collection<String> personIds) {
        Map<String, PersonFacts> persons = new HashMap<>();
        for (List<String> chunk : chunks(List.copyOf(new HashSet<>(personIds)))) {
            Map<String, List<CandidacyFact>> candidacies = CandidacyFact.<CandidacyFact>list("personId in ?1", chunk).stream()
                    .collect(Collectors.groupingBy(candidacy -> candidacy.personId));
            List<ContractFact> contracts = ContractFact.list("personId in ?1", chunk);
            List<String> contractIds = contracts.stream().map(contract -> contract.contractId).toList();
            List<String> clusterIds = contracts.stream().map(contract -> contract.clusterId).distinct().toList();
            Set<String> cancelled = new HashSet<>();
            Map<String, ContractEndFact> ends = new HashMap<>();
            for (List<String> ids : chunks(contractIds)) {
                CancelledContract.<CancelledContract>list("contractId in ?1", ids).forEach(c -> cancelled.add(c.contractId));
                ContractEndFact.<ContractEndFact>list("contractId in ?1", ids).forEach(end -> ends.put(end.contractId, end));
            }
            Map<String, OutflowFact> outflow = new HashMap<>();
            for (List<String> ids : chunks(clusterIds)) {
                OutflowFact.<OutflowFact>list("clusterId in ?1", ids).forEach(m -> outflow.put(m.clusterId, m));
            }
            Map<String, List<ContractFact>> contractsByPerson = contracts.stream()
                    .collect(Collectors.groupingBy(contract -> contract.personId));
            for (String personId : chunk) {
                List<ContractFact> own = contractsByPerson.getOrDefault(personId, List.of());
                persons.put(personId, of(personId, candidacies.getOrDefault(personId, List.of()), own, cancelled, ends, outflow));
            }
        }
        return persons;
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
