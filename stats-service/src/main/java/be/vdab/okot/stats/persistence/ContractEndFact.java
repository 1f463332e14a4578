package be.vdab.okot.stats.persistence;

import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** The current end of a contract: the highest revision seen. */
@Entity
@Table(name = "contract_end_fact")
public class ContractEndFact extends PanacheEntityBase {

    @Id
    @Column(name = "contract_id", length = 36)
    public String contractId;

    @Column(nullable = false)
    public int revision;

    @Column(name = "end_date", nullable = false)
    public LocalDate endDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Result result;

    @Enumerated(EnumType.STRING)
    @Column(name = "stop_reason", length = 30)
    public StopReason stopReason;
}
