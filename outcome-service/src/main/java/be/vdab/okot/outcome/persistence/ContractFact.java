package be.vdab.okot.outcome.persistence;

import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.messaging.readmodel.ContractSnapshot;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.util.List;

/** A training contract as enrolment-service reports it; cancelled ones get no end. */
@Entity
@Table(name = "contract_fact")
public class ContractFact extends ContractSnapshot {

    @Column(nullable = false)
    public boolean cancelled;

    public static ContractFact of(ContractStarted started) {
        ContractFact contract = new ContractFact();
        contract.fill(started.contractId(), started.candidacyId(), started.clusterId(), started.person(),
                started.training(), started.province(), started.startDate());
        return contract;
    }

    /**
     * Write-locks ({@code SELECT ... FOR UPDATE}, in id order against deadlocks) every contract of the
     * cluster until the transaction ends: course ends and the cluster's state are written one
     * transaction after the other, so a revision number and the F4 closure are computed on what is
     * committed, never on a twin's half.
     */
    public static List<ContractFact> lockCluster(String clusterId) {
        return find("clusterId = ?1 order by contractId", clusterId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public static List<ContractFact> activeOfCluster(String clusterId) {
        return list("clusterId = ?1 and cancelled = false order by startDate, contractId", clusterId);
    }
}
