package be.vdab.okot.outcome.persistence;

import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** One revision of the end of a training year; the highest revision is the current end. */
@Entity
@Table(name = "contract_end")
public class ContractEnd extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "contract_id", length = 36) String contractId, int revision) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    /** {@code revision - 1}, null for the first: the database refuses a revision whose predecessor is missing (V2). */
    @Column(name = "previous_revision")
    public Integer previousRevision;

    @Column(name = "end_date", nullable = false)
    public LocalDate endDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Result result;

    @Enumerated(EnumType.STRING)
    @Column(name = "stop_reason", length = 30)
    public StopReason stopReason;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    public static Optional<ContractEnd> current(String contractId) {
        return find("key.contractId = ?1 order by key.revision desc", contractId).firstResultOptional();
    }

    public static List<ContractEnd> history(String contractId) {
        return list("key.contractId = ?1 order by key.revision", contractId);
    }
}
