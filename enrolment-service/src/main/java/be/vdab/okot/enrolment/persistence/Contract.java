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
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A VDAB training contract for one training year. Its cancellation (this service's API) and its
 * actual end (outcome-service's events) change different columns in different transactions that can
 * run at the same moment: an update writes only the columns it changed ({@code @DynamicUpdate}), so
 * neither overwrites the other with what it read before.
 */
@Entity
@DynamicUpdate
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

    /**
     * The candidacy of a module 4a/4b contract that is not cancelled, else null: the column of the unique index that
     * keeps one live contract per module candidacy (V3; a module has one training year, api.md).
     */
    @Column(name = "module_candidacy_id", length = 36)
    public String moduleCandidacyId;

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

    /**
     * Records the end outcome-service reported with this revision, unless the contract already has it
     * or a higher one (events of another topic arrive in any order). One conditional update, so it
     * neither reads nor writes the cancellation.
     *
     * @return whether it became the contract's current end
     */
    public static boolean applyEnd(String contractId, int revision, LocalDate endDate) {
        return update("actualEndDate = ?1, endRevision = ?2 where id = ?3 and endRevision < ?2", endDate, revision,
                contractId) > 0;
    }

    public static List<Contract> activeOfPerson(String personId) {
        return list("personId = ?1 and cancelled = false", personId);
    }

    /** Every contract of the candidacy, cancelled ones included, by start date. */
    public static List<Contract> ofCandidacy(String candidacyId) {
        return list("candidacyId = ?1 order by startDate", candidacyId);
    }

    public static List<Contract> activeOfCandidacy(String candidacyId) {
        return list("candidacyId = ?1 and cancelled = false order by startDate", candidacyId);
    }
}
