package be.vdab.okot.outcome.persistence;

import be.vdab.okot.events.outcome.CourseEnded.Ending;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** A person's chain of training years on one course, closed or not by the rule of F4. */
@Entity
@Table(name = "cluster_state")
public class ClusterState extends PanacheEntityBase {

    @Id
    @Column(name = "cluster_id", length = 36)
    public String clusterId;

    @Column(name = "candidacy_id", nullable = false, length = 36)
    public String candidacyId;

    @Column(name = "person_id", nullable = false, length = 36)
    public String personId;

    @Column(name = "last_contract_id", length = 36)
    public String lastContractId;

    @Column(nullable = false)
    public boolean closed;

    @Column(name = "cluster_end")
    public LocalDate clusterEnd;

    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    public Ending ending;

    @Column(name = "measurement_date")
    public LocalDate measurementDate;
}
