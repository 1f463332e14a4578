package be.vdab.okot.intake.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A training contract of a candidacy, as enrolment-service reports it. */
@Entity
@Table(name = "candidacy_contract")
public class CandidacyContract extends PanacheEntityBase {

    @Id
    @Column(name = "contract_id", length = 36)
    public String contractId;

    @Column(name = "candidacy_id", nullable = false, length = 36)
    public String candidacyId;

    @Column(name = "cluster_id", nullable = false, length = 36)
    public String clusterId;

    @Column(nullable = false)
    public boolean cancelled;

    public static long activeOf(String candidacyId) {
        return count("candidacyId = ?1 and cancelled = false", candidacyId);
    }
}
