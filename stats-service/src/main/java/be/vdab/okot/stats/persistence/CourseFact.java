package be.vdab.okot.stats.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A course of the catalogue: its name labels the course breakdown, its attributes the offers. */
@Entity
@Table(name = "course_fact")
public class CourseFact extends PanacheEntityBase {

    @Id
    @Column(length = 100)
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(name = "okot_type", nullable = false)
    public String type;

    public String sector;

    @Column(nullable = false)
    public String programme;
}
