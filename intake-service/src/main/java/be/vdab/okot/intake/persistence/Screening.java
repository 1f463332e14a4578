package be.vdab.okot.intake.persistence;

import be.vdab.okot.events.intake.ScreeningCompleted.Decision;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** The intake interview of a candidacy (seed 003): four dimensions and the decision. */
@Entity
@Table(name = "screening")
public class Screening extends PanacheEntityBase {

    @Id
    @Column(name = "candidacy_id", length = 36)
    public String candidacyId;

    @Column(nullable = false, length = 20)
    public String motivation;

    /** The preconditions (financial, mobility, childcare, ...) as a JSON object of name → assessment. */
    @Column(nullable = false, length = 2000)
    public String preconditions;

    @Column(name = "fits_path_to_work", nullable = false)
    public boolean fitsPathToWork;

    @Column(name = "learning_ability", nullable = false, length = 20)
    public String learningAbility;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Decision decision;

    @Column(name = "probable_start_date")
    public LocalDate probableStartDate;

    @Column(name = "probable_location")
    public String probableLocation;

    @Column(length = 4000)
    public String remarks;

    @Column(name = "screened_on", nullable = false)
    public LocalDate screenedOn;

    @Column(name = "screened_at", nullable = false)
    public Instant screenedAt;

    @Column(name = "screened_by", nullable = false)
    public String screenedBy;
}
