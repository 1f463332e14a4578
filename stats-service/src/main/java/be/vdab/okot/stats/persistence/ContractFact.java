package be.vdab.okot.stats.persistence;

import be.vdab.okot.events.Gender;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.TrainingYearRef;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** A training contract with everything the figures break down by. */
@Entity
@Table(name = "contract_fact")
public class ContractFact extends PanacheEntityBase {

    @Id
    @Column(name = "contract_id", length = 36)
    public String contractId;

    @Column(name = "candidacy_id", nullable = false, length = 36)
    public String candidacyId;

    @Column(name = "cluster_id", nullable = false, length = 36)
    public String clusterId;

    @Column(name = "person_id", nullable = false, length = 36)
    public String personId;

    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 1)
    public Gender gender;

    @Column(name = "course_code", nullable = false)
    public String courseCode;

    @Column(name = "training_code", nullable = false)
    public String trainingCode;

    @Column(name = "training_name")
    public String trainingName;

    @Column(name = "training_year", nullable = false)
    public int trainingYear;

    @Column(name = "final_year", nullable = false)
    public boolean finalYear;

    @Column(name = "okot_type", nullable = false)
    public String type;

    public String sector;

    @Column(nullable = false)
    public String programme;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 3)
    public Province province;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    /** Inserts the contract unless known: the start and the end event both carry it. */
    public static void remember(String contractId, String candidacyId, String clusterId, PersonProfile person,
                                TrainingYearRef training, Province province, LocalDate startDate) {
        if (findById(contractId) != null) {
            return;
        }
        ContractFact fact = new ContractFact();
        fact.contractId = contractId;
        fact.candidacyId = candidacyId;
        fact.clusterId = clusterId;
        fact.personId = person.personId();
        fact.birthDate = person.birthDate();
        fact.gender = person.gender();
        fact.courseCode = training.courseCode();
        fact.trainingCode = training.trainingCode();
        fact.trainingName = training.trainingName();
        fact.trainingYear = training.year();
        fact.finalYear = training.finalYear();
        fact.type = training.type();
        fact.sector = training.sector();
        fact.programme = training.programme();
        fact.province = province;
        fact.startDate = startDate;
        fact.persist();
    }
}
