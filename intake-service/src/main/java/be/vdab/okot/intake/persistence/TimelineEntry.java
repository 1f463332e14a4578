package be.vdab.okot.intake.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One step in the life of a candidacy: its own steps and what enrolment and outcome report. */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "timeline_entry_seq")
    @SequenceGenerator(name = "timeline_entry_seq", sequenceName = "timeline_entry_seq", allocationSize = 50)
    public Long id;

    @Column(name = "candidacy_id", nullable = false, length = 36)
    public String candidacyId;

    @Column(nullable = false, length = 40)
    public String step;

    @Column(name = "occurred_on", nullable = false)
    public LocalDate occurredOn;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** Who did it (token subject), for the steps of this service. */
    public String actor;

    /** What a person reading the timeline needs: decision, result, training year, ... */
    @Column(length = 2000)
    public String detail;

    /** The contract or cluster the step is about. */
    @Column(length = 100)
    public String reference;

    public static void record(String candidacyId, String step, LocalDate occurredOn, String actor, String detail,
                              String reference) {
        TimelineEntry entry = new TimelineEntry();
        entry.candidacyId = candidacyId;
        entry.step = step;
        entry.occurredOn = occurredOn;
        entry.recordedAt = Instant.now();
        entry.actor = actor;
        entry.detail = detail;
        entry.reference = reference;
        entry.persist();
    }

    public static List<TimelineEntry> of(String candidacyId) {
        return list("candidacyId = ?1 order by occurredOn, id", candidacyId);
    }
}
