package be.vdab.okot.stats.persistence;

import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.messaging.readmodel.ContractSnapshot;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** A training contract with everything the figures break down by. */
@Entity
@Table(name = "contract_fact")
public class ContractFact extends ContractSnapshot {

    /**
     * Whether enrolment's {@code okot.contract.started} was applied: it is the source of the contract.
     * Until then the contract is known from the copy an {@code okot.course.ended} carries.
     */
    @Column(name = "from_start_event", nullable = false)
    public boolean fromStartEvent;

    /**
     * From {@code okot.contract.started}: inserts the contract, or overwrites what a course end that
     * came first said of it, so the stored contract is the same whatever order the topics deliver in.
     */
    public static void started(FactStore facts, String contractId, String candidacyId, String clusterId,
                               PersonProfile person, TrainingYearRef training, Province province, LocalDate startDate) {
        ContractFact known = facts.find(ContractFact.class, contractId);
        if (known != null && known.fromStartEvent) {
            return;
        }
        ContractFact fact = known != null ? known : new ContractFact();
        fact.fill(contractId, candidacyId, clusterId, person, training, province, startDate);
        fact.fromStartEvent = true;
        if (known == null) {
            facts.add(fact);
        }
    }

    /** From {@code okot.course.ended}: inserts the contract unless known; a start event will have the last word. */
    public static void ended(FactStore facts, String contractId, String candidacyId, String clusterId,
                             PersonProfile person, TrainingYearRef training, Province province, LocalDate startDate) {
        if (facts.find(ContractFact.class, contractId) == null) {
            ContractFact fact = new ContractFact();
            fact.fill(contractId, candidacyId, clusterId, person, training, province, startDate);
            facts.add(fact);
        }
    }
}
