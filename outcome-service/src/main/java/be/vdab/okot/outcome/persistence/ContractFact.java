package be.vdab.okot.outcome.persistence;

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
import java.util.List;

/** A training contract as enrolment-service reports it. */
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

    @Column(nullable = false)
    public boolean cancelled;

    public PersonProfile person() {
        return new PersonProfile(personId, birthDate, gender);
    }

    public TrainingYearRef training() {
        return new TrainingYearRef(courseCode, trainingCode, trainingName, trainingYear, finalYear, type, sector, programme);
    }

    public static List<ContractFact> activeOfCluster(String clusterId) {
        return list("clusterId = ?1 and cancelled = false order by startDate, contractId", clusterId);
    }
}
