package be.vdab.okot.stats.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** The latest outflow measurement of a cluster. */
@Entity
@Table(name = "outflow_fact")
public class OutflowFact extends PanacheEntityBase {

    @Id
    @Column(name = "cluster_id", length = 36)
    public String clusterId;

    @Column(name = "measured_on", nullable = false)
    public LocalDate measuredOn;

    @Column(name = "at_work", nullable = false)
    public boolean atWork;
}
