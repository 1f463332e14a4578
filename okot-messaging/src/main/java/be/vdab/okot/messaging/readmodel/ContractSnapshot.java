package be.vdab.okot.messaging.readmodel;

import be.vdab.okot.events.Gender;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.TrainingYearRef;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.LocalDate;

/**
 * A training contract as enrolment-service's events carry it (event-carried state), kept by each
 * consuming service in a {@code contract_fact} table of its own database.
 */
@MappedSuperclass
public abstract class ContractSnapshot extends PanacheEntityBase {

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

    /** Takes every field from an event; call it before persist (Hibernate takes the insert's values there). */
    protected void fill(String contractId, String candidacyId, String clusterId, PersonProfile person,
                        TrainingYearRef training, Province province, LocalDate startDate) {
        this.contractId = contractId;
        this.candidacyId = candidacyId;
        this.clusterId = clusterId;
        this.personId = person.personId();
        this.birthDate = person.birthDate();
        this.gender = person.gender();
        this.courseCode = training.courseCode();
        this.trainingCode = training.trainingCode();
        this.trainingName = training.trainingName();
        this.trainingYear = training.year();
        this.finalYear = training.finalYear();
        this.type = training.type();
        this.sector = training.sector();
        this.programme = training.programme();
        this.province = province;
        this.startDate = startDate;
    }

    public PersonProfile person() {
        return new PersonProfile(personId, birthDate, gender);
    }

    public TrainingYearRef training() {
        return new TrainingYearRef(courseCode, trainingCode, trainingName, trainingYear, finalYear, type, sector, programme);
    }
}
