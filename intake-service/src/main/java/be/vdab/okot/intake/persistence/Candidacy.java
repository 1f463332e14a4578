package be.vdab.okot.intake.persistence;

import be.vdab.okot.events.Province;
import be.vdab.okot.events.ReferralKind;
import be.vdab.okot.intake.domain.CandidacyStatus;
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
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;

/** A candidacy of one person for one course. */
@Entity
@Table(name = "candidacy")
public class Candidacy extends PanacheEntityBase {

    @Id
    @Column(length = 36)
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    @Column(name = "course_code", nullable = false)
    public String courseCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 3)
    public Province province;

    @Enumerated(EnumType.STRING)
    @Column(name = "referral_kind", nullable = false, length = 10)
    public ReferralKind referralKind;

    @Column(name = "ocmw_id")
    public String ocmwId;

    @Column(name = "social_worker_name")
    public String socialWorkerName;

    @Column(name = "social_worker_email")
    public String socialWorkerEmail;

    @Column(name = "social_worker_phone")
    public String socialWorkerPhone;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    public CandidacyStatus status;

    /** The day of the candidacy (may be registered late); {@code submittedAt} is when it was recorded. */
    @Column(name = "submitted_on", nullable = false)
    public LocalDate submittedOn;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    /** The actor who registered it (token subject). */
    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;

    @Column(name = "agreed_on")
    public LocalDate agreedOn;

    @Column(name = "agreed_by")
    public String agreedBy;

    @Version
    public int version;
}
