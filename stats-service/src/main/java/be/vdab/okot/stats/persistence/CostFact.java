package be.vdab.okot.stats.persistence;

import be.vdab.okot.events.Gender;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.enrolment.CostKind;
import be.vdab.okot.events.enrolment.CostRecorded;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A cost entry of a contract (F9), as {@code okot.cost.recorded} carries it: euro with two decimals, negative for a
 * correction, with the contract's training, province and person. Keyed by the entry's id.
 */
@Entity
@Table(name = "cost_fact")
public class CostFact extends PanacheEntityBase {

    @Id
    @Column(name = "cost_id", length = 36)
    public String costId;

    @Column(name = "contract_id", nullable = false, length = 36)
    public String contractId;

    @Column(name = "person_id", nullable = false, length = 36)
    public String personId;

    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 1)
    public Gender gender;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public CostKind kind;

    @Column(nullable = false, precision = 12, scale = 2)
    public BigDecimal amount;

    @Column(name = "booked_on", nullable = false)
    public LocalDate bookedOn;

    public String corrects;

    @Column(name = "course_code", nullable = false, length = 100)
    public String courseCode;

    @Column(name = "training_code", nullable = false, length = 100)
    public String trainingCode;

    @Column(name = "training_name", length = 300)
    public String trainingName;

    @Column(name = "okot_type", nullable = false, length = 20)
    public String type;

    @Column(length = 40)
    public String sector;

    @Column(nullable = false, length = 20)
    public String programme;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 3)
    public Province province;

    /** Adds the entry unless it is known: entries are never changed, so a repeated event changes nothing. */
    public static void recorded(FactStore facts, CostRecorded cost) {
        if (facts.find(CostFact.class, cost.costId()) != null) {
            return;
        }
        CostFact fact = new CostFact();
        fact.costId = cost.costId();
        fact.contractId = cost.contractId();
        fact.personId = cost.person().personId();
        fact.birthDate = cost.person().birthDate();
        fact.gender = cost.person().gender();
        fact.kind = cost.kind();
        fact.amount = cost.amount();
        fact.bookedOn = cost.bookedOn();
        fact.corrects = cost.corrects();
        fact.courseCode = cost.training().courseCode();
        fact.trainingCode = cost.training().trainingCode();
        fact.trainingName = cost.training().trainingName();
        fact.type = cost.training().type();
        fact.sector = cost.training().sector();
        fact.programme = cost.training().programme();
        fact.province = cost.province();
        facts.add(fact);
    }
}
