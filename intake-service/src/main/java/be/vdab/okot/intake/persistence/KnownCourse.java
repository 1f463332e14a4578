package be.vdab.okot.intake.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A course of the catalogue, as learnt from enrolment-service's {@code okot.course.published}. */
@Entity
@Table(name = "known_course")
public class KnownCourse extends PanacheEntityBase {

    @Id
    @Column(length = 100)
    public String code;

    @Column(nullable = false, length = 300)
    public String name;

    @Column(nullable = false, length = 20)
    public String type;

    @Column(nullable = false, length = 20)
    public String programme;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
