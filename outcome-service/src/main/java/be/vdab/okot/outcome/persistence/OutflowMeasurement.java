package be.vdab.okot.outcome.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** Whether the person was at work 3 months after the cluster ended; a new measurement replaces it. */
@Entity
@Table(name = "outflow_measurement")
public class OutflowMeasurement extends PanacheEntityBase {

    @Id
    @Column(name = "cluster_id", length = 36)
    public String clusterId;

    @Column(name = "measured_on", nullable = false)
    public LocalDate measuredOn;

    @Column(name = "at_work", nullable = false)
    public boolean atWork;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;
}
