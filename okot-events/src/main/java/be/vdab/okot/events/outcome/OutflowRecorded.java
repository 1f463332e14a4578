package be.vdab.okot.events.outcome;

import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.TrainingYearRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;

/**
 * Whether the person was at work 3 months after the end of a closed cluster
 * ({@code okot.outflow.recorded}); a later measurement of the same cluster replaces it.
 */
public record OutflowRecorded(
        @NotBlank String clusterId,
        @NotBlank String candidacyId,
        @NotNull @Valid PersonProfile person,
        @NotNull @Valid TrainingYearRef lastTraining,
        @NotNull Province province,
        @NotNull LocalDate clusterEnd,
        @NotNull CourseEnded.Ending ending,
        @NotNull LocalDate measurementDate,
        @NotNull LocalDate measuredOn,
        boolean atWork) implements OkotEvent {

    @Override
    public String subject() {
        return person.personId();
    }
}
