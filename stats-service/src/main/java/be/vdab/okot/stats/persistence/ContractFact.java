package be.vdab.okot.stats.persistence;

import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.messaging.readmodel.ContractSnapshot;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** A training contract with everything the figures break down by. */
@Entity
@Table(name = "contract_fact")
public class ContractFact extends ContractSnapshot {

    /** Inserts the contract unless known: the start and the end event both carry it. */
    public static void remember(String contractId, String candidacyId, String clusterId, PersonProfile person,
                                TrainingYearRef training, Province province, LocalDate startDate) {
        if (findById(contractId) == null) {
            ContractFact fact = new ContractFact();
            fact.fill(contractId, candidacyId, clusterId, person, training, province, startDate);
            fact.persist();
        }
    }
}
