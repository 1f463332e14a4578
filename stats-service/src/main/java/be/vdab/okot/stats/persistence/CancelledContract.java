package be.vdab.okot.stats.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A contract registered by mistake: it counts nowhere. */
@Entity
@Table(name = "cancelled_contract")
public class CancelledContract extends PanacheEntityBase {

    @Id
    @Column(name = "contract_id", length = 36)
    public String contractId;
}
