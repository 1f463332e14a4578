package be.vdab.okot.enrolment.persistence;

import be.vdab.okot.events.enrolment.CostKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A cost entry of a contract (F9): euro with two decimals, booked on a day. Never changed nor deleted; a correction
 * is a negative entry naming the entry it corrects ({@code corrects}). The database keeps the sign rule and that a
 * correction corrects an entry of the same contract and kind (V4__cost_entries.sql).
 */
@Entity
@Table(name = "cost_entry")
public class CostEntry extends PanacheEntityBase {

    @Id
    @Column(length = 36)
    public String id;

    @Column(name = "contract_id", nullable = false, length = 36)
    public String contractId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public CostKind kind;

    /** Euro, two decimals: positive for an entry, negative for a correction. */
    @Column(nullable = false, precision = 12, scale = 2)
    public BigDecimal amount;

    @Column(name = "booked_on", nullable = false)
    public LocalDate bookedOn;

    /** The id of the corrected entry, null for a new entry. */
    @Column(length = 36)
    public String corrects;

    @Column(length = 500)
    public String note;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "recorded_by", nullable = false, length = 200)
    public String recordedBy;

    /** The entries of a contract in the order they were booked and recorded. */
    public static PanacheQuery<CostEntry> ofContract(String contractId) {
        return find("contractId = ?1 order by bookedOn, recordedAt, id", contractId);
    }

    /** The corrections recorded for an entry. */
    public static List<CostEntry> correctionsOf(String entryId) {
        return list("corrects", entryId);
    }
}
