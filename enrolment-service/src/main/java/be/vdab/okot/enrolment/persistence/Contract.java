package be.vdab.okot.enrolment.persistence;

import be.vdab.okot.events.Province;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A VDAB training contract for one training year. */
@Entity
@Table(name = "contract")
public class Contract extends PanacheEntityBase {

    @Id
    @Column(length = 36)
    public String id;

    @Column(name = "candidacy_id", nullable = false, length = 36)
    public String candidacyId;

    @Column(name = "person_id", nullable = false, length = 36)
    public String personId;

    /** The chain of training years of this candidacy's course. */
    @Column(name = "cluster_id", nullable = false, length = 36)
    public String clusterId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "training_code")
    public TrainingYear trainingYear;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 3)
    public Province province;

    public String school;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    @Column(name = "planned_end_date", nullable = false)
    public LocalDate plannedEndDate;

    /** The end outcome-service reported last (highest revision); null while the year runs. */
    @Column(name = "actual_end_date")
    public LocalDate actualEndDate;

    @Column(name = "end_revision", nullable = false)
    public int endRevision;

    @Column(nullable = false)
    public boolean cancelled;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    /** The last day the contract occupies the person: its actual end once known, else the planned end. */
    public LocalDate occupiedUntil() {
        return actualEndDate != null ? actualEndDate : plannedEndDate;
    }

    public static List<Contract> activeOfPerson(String personId) {
        return list("personId = ?1 and cancelled = false", personId);
    }

    public static List<Contract> activeOfCandidacy(String candidacyId) {
        return list("candidacyId = ?1 and cancelled = false order by startDate", candidacyId);
    }
}
