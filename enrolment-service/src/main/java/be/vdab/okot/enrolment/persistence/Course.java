package be.vdab.okot.enrolment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A course of the catalogue with its training years. */
@Entity
@Table(name = "course")
public class Course extends PanacheEntityBase {

    @Id
    @Column(length = 100)
    public String code;

    @Column(nullable = false, length = 300)
    public String name;

    @Column(nullable = false, length = 20)
    public String type;

    @Column(length = 40)
    public String sector;

    @Column(nullable = false, length = 20)
    public String programme;

    @OneToMany(mappedBy = "course", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("year, code")
    public List<TrainingYear> trainingYears = new ArrayList<>();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
