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
import java.util.Comparator;
import java.util.List;

/**
 * One step in the life of a candidacy: its own steps and what enrolment and outcome report. The
 * timeline is ordered by business date, then by the step's place in the flow ({@link #STEPS}), the
 * contract or cluster and the revision: never by arrival, which differs with the order events come in.
 */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry extends PanacheEntityBase {

    /** The steps in the order of the flow: the order of entries on the same day. */
    public static final List<String> STEPS = List.of("CANDIDACY_SUBMITTED", "FORMAL_AGREEMENT", "JOB_SEEKER_REGISTERED",
            "SCREENING", "CONTRACT_STARTED", "COURSE_ENDED", "COURSE_END_CORRECTED", "CONTRACT_CANCELLED",
            "OUTFLOW_MEASURED");

    private static final Comparator<TimelineEntry> BUSINESS_ORDER = Comparator
            .comparing((TimelineEntry entry) -> entry.occurredOn)
            .thenComparing(entry -> STEPS.contains(entry.step) ? STEPS.indexOf(entry.step) : STEPS.size())
            .thenComparing(entry -> entry.reference, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(entry -> entry.revision, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(entry -> entry.id);

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

    /** The revision of a course end (1 the first end, higher a correction); null for other steps. */
    public Integer revision;

    public static void record(String candidacyId, String step, LocalDate occurredOn, String actor, String detail,
                              String reference) {
        record(candidacyId, step, occurredOn, actor, detail, reference, null);
    }

    public static void record(String candidacyId, String step, LocalDate occurredOn, String actor, String detail,
                              String reference, Integer revision) {
        TimelineEntry entry = new TimelineEntry();
        entry.candidacyId = candidacyId;
        entry.step = step;
        entry.occurredOn = occurredOn;
        entry.recordedAt = Instant.now();
        entry.actor = actor;
        entry.detail = detail;
        entry.reference = reference;
        entry.revision = revision;
        entry.persist();
    }

    /** The candidacy's timeline in business order (see the class). */
    public static List<TimelineEntry> of(String candidacyId) {
        return TimelineEntry.<TimelineEntry>list("candidacyId", candidacyId).stream().sorted(BUSINESS_ORDER).toList();
    }

    /** Whether the course end of this contract with this revision is already in the timeline. */
    public static boolean hasEnd(String candidacyId, String contractId, int revision) {
        return count("candidacyId = ?1 and reference = ?2 and revision = ?3", candidacyId, contractId, revision) > 0;
    }
}
