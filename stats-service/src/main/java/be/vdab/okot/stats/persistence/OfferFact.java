package be.vdab.okot.stats.persistence;

import be.vdab.okot.events.Province;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.io.Serializable;

/** A training offer: a course recognised in a province in a year (F5). */
@Entity
@Table(name = "offer_fact")
public class OfferFact extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "offer_year") int year,
                      @Column(name = "course_code", length = 100) String courseCode,
                      @Enumerated(EnumType.STRING) @Column(length = 3) Province province) implements Serializable {
    }

    @EmbeddedId
    public Key key;
}
