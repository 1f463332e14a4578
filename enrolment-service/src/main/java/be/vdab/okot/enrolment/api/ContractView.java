package be.vdab.okot.enrolment.api;

import be.vdab.okot.enrolment.persistence.Contract;
import be.vdab.okot.events.Province;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;

/** A contract as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContractView(
        String id,
        String clusterId,
        String candidacyId,
        String personId,
        String courseCode,
        String trainingCode,
        String trainingName,
        int trainingYear,
        boolean finalYear,
        Province province,
        String school,
        LocalDate startDate,
        LocalDate plannedEndDate,
        LocalDate endDate,
        boolean cancelled,
        Instant createdAt,
        String createdBy) {

    public static ContractView of(Contract contract) {
        return new ContractView(contract.id, contract.clusterId, contract.candidacyId, contract.personId,
                contract.trainingYear.course.code, contract.trainingYear.code, contract.trainingYear.name,
                contract.trainingYear.year, contract.trainingYear.finalYear, contract.province, contract.school,
                contract.startDate, contract.plannedEndDate, contract.actualEndDate, contract.cancelled,
                contract.createdAt, contract.createdBy);
    }
}
