package be.vdab.okot.stats.persistence;

import be.vdab.okot.events.Gender;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.ReferralKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** A candidacy as the intake events describe it; the unit of the funnel (F8). */
@Entity
@Table(name = "candidacy_fact")
public class CandidacyFact extends PanacheEntityBase {

    @Id
    @Column(name = "candidacy_id", length = 36)
    public String candidacyId;

    @Column(name = "person_id", nullable = false)
    public String personId;

    @Column(name = "submitted_on", nullable = false)
    public LocalDate submittedOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "referral_kind", nullable = false)
    public ReferralKind referralKind;

    @Column(name = "course_code", nullable = false)
    public String courseCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Province province;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Gender gender;

    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;

    @Column(name = "agreed_on")
    public LocalDate agreedOn;

    @Column(name = "screened_on")
    public LocalDate screenedOn;

    /** APPROVED or REJECTED once screened. */
    @Column(length = 10)
    public String decision;
}
