package be.vdab.okot.intake.persistence;

import be.vdab.okot.events.Gender;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A candidate; INSZ and contact details stay in this table and never leave intake-service.
 * One person per INSZ: the unique index on {@code insz} (V1), whoever registers concurrently.
 */
@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {

    @Id
    @Column(name = "person_id", length = 36)
    public String personId;

    @Column(nullable = false, unique = true, length = 11)
    public String insz;

    @Column(name = "first_name", nullable = false)
    public String firstName;

    @Column(name = "last_name", nullable = false)
    public String lastName;

    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 1)
    public Gender gender;

    public String email;

    public String phone;

    @Column(name = "registered_as_job_seeker", nullable = false)
    public boolean registeredAsJobSeeker;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<Person> findByInsz(String insz) {
        return find("insz", insz).firstResultOptional();
    }

    /**
     * The person with a write lock on the row ({@code SELECT ... FOR UPDATE}) until the transaction
     * ends: every submission for this person waits here, so what it checks next is still true at commit.
     */
    public static Optional<Person> lockByInsz(String insz) {
        return find("insz", insz).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
