package be.vdab.okot.enrolment.persistence;

import be.vdab.okot.events.Gender;
import be.vdab.okot.events.Province;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.List;

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

    /**
     * Write-locks ({@code SELECT ... FOR UPDATE}, in id order against deadlocks) every candidacy of
     * the person known here, until the transaction ends. A contract can only be written for one of
     * them, so two contract writes of one person always share a locked row and run one after the
     * other: what one checks (overlaps, the cluster) the other cannot change before it commits.
     * These rows exist before any contract of the person, so no lock row has to be created first.
     *
     * @return the person's candidacies, locked
     */
    public static List<KnownCandidacy> lockPerson(String personId) {
        return find("personId = ?1 order by candidacyId", personId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
