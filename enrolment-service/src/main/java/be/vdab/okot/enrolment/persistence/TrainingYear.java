package be.vdab.okot.enrolment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A training year of a course, each with its own code (e.g. 908001); passing a final year gives the diploma. */
@Entity
@Table(name = "training_year")
public class TrainingYear extends PanacheEntityBase {

    @Id
    @Column(length = 100)
    public String code;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "course_code")
    public Course course;

    @Column(nullable = false, length = 300)
    public String name;

    @Column(name = "year_number", nullable = false)
    public int year;

    @Column(name = "final_year", nullable = false)
    public boolean finalYear;
}
