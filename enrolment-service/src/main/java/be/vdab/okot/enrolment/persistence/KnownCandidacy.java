package be.vdab.okot.enrolment.persistence;

import be.vdab.okot.events.Gender;
import be.vdab.okot.events.Province;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** A candidacy as intake-service reports it (event-carried state): its person, course and decision. */
@Entity
@Table(name = "known_candidacy")
public class KnownCandidacy extends PanacheEntityBase {

    public enum Status { AWAITING_SCREENING, APPROVED, REJECTED }

    @Id
    @Column(name = "candidacy_id", length = 36)
    public String candidacyId;

    @Column(name = "person_id", nullable = false, length = 36)
    public String personId;

    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 1)
    public Gender gender;

    @Column(name = "course_code", nullable = false)
    public String courseCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 3)
    public Province province;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Status status;

    @Column(name = "screened_on")
    public LocalDate screenedOn;
}
