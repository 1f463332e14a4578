package be.vdab.okot.enrolment.persistence;

import be.vdab.okot.events.Province;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** A course recognised in a province in a year, with its partner schools (an opgezet OKOT-traject). */
@Entity
@Table(name = "offer")
public class Offer extends PanacheEntityBase {

    /** year:course:province, the natural key. */
    @Id
    @Column(length = 120)
    public String id;

    @Column(name = "offer_year", nullable = false)
    public int year;

    @Column(name = "course_code", nullable = false)
    public String courseCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 3)
    public Province province;

    /** Partner schools, one per line. */
    @Column(nullable = false, length = 4000)
    public String schools;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    public static String idOf(int year, String courseCode, Province province) {
        return year + ":" + courseCode + ":" + province;
    }

    public List<String> schoolList() {
        return schools.isEmpty() ? List.of() : List.of(schools.split("\n"));
    }
}
