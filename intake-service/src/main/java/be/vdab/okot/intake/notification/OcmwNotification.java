package be.vdab.okot.intake.notification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** A status notification for the social worker of an OCMW client: which candidacy and what happened. */
@Entity
@Table(name = "ocmw_notification")
public class OcmwNotification extends PanacheEntityBase {

    public enum Kind { FORMAL_AGREEMENT_REQUESTED, SCREENING_RESULT, TRAINING_STARTED, TRAINING_ENDED }

    @Id
    @Column(length = 36)
    public String id;

    /** Position in the OCMW's inbox; null until the sequencer numbered it. */
    @Column(name = "cursor_value", unique = true)
    public Long cursor;

    @Column(name = "ocmw_id", nullable = false)
    public String ocmwId;

    @Column(name = "candidacy_id", nullable = false, length = 36)
    public String candidacyId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    public Kind kind;

    @Column(name = "occurred_on", nullable = false)
    public LocalDate occurredOn;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(length = 10)
    public String decision;

    @Column(name = "probable_start_date")
    public LocalDate probableStartDate;

    @Column(name = "probable_location")
    public String probableLocation;

    @Column(name = "training_code")
    public String trainingCode;

    @Column(name = "training_name")
    public String trainingName;

    /** TRAINING_ENDED: PASSED, FAILED or STOPPED_EARLY. */
    @Column(length = 20)
    public String result;

    /** TRAINING_ENDED: the revision of the end it reports; a correction sends a new notification. */
    public Integer revision;
}
