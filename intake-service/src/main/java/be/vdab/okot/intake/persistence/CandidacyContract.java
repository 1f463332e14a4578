package be.vdab.okot.intake.persistence;

import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.intake.domain.TrajectoryStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.List;

/**
 * A training contract of a candidacy, as enrolment-service (start, cancellation) and outcome-service
 * (current end) report it; each fact is kept order-safely, so the candidacy's status can be derived
 * from them ({@link TrajectoryStatus}).
 */
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

    /** Null only for a contract recorded before these facts were kept (migration V5) without a start entry. */
    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "final_year", nullable = false)
    public boolean finalYear;

    /** Whether its {@code okot.contract.started} was applied (false while only a course end told about it). */
    @Column(name = "start_reported", nullable = false)
    public boolean startReported;

    @Column(nullable = false)
    public boolean cancelled;

    /** The highest end revision applied; 0 while no end is known. */
    @Column(name = "end_revision", nullable = false)
    public int endRevision;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "end_result", length = 10)
    public Result endResult;

    @Enumerated(EnumType.STRING)
    @Column(name = "stop_reason", length = 30)
    public StopReason stopReason;

    /** Applies an end unless a revision at least as high is already known; true when it became the current end. */
    public boolean applyEnd(int revision, LocalDate endDate, Result result, StopReason stopReason) {
        if (revision <= endRevision) {
            return false;
        }
        this.endRevision = revision;
        this.endDate = endDate;
        this.endResult = result;
        this.stopReason = stopReason;
        return true;
    }

    public TrajectoryStatus.ContractFacts facts() {
        return new TrajectoryStatus.ContractFacts(contractId, clusterId, startDate, finalYear, cancelled,
                endRevision == 0 ? null : new TrajectoryStatus.CurrentEnd(endRevision, endDate, endResult, stopReason));
    }

    public static List<CandidacyContract> ofCandidacy(String candidacyId) {
        return list("candidacyId", candidacyId);
    }
}
