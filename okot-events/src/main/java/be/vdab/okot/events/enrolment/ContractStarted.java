package be.vdab.okot.events.enrolment;

import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.TrainingYearRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;

/** A training contract for one training year started ({@code okot.contract.started}). */
public record ContractStarted(
        @NotBlank String contractId,
        @NotBlank String candidacyId,
        @NotBlank String clusterId,
        @NotNull @Valid PersonProfile person,
        @NotNull @Valid TrainingYearRef training,
        @NotNull Province province,
        String school,
        @NotNull LocalDate startDate,
        LocalDate plannedEndDate) implements OkotEvent {

    @Override
    public String subject() {
        return person.personId();
    }
}
