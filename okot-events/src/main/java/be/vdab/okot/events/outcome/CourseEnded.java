package be.vdab.okot.events.outcome;

import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.TrainingYearRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import java.time.LocalDate;

/**
 * A training year ended, or its end was corrected ({@code okot.course.ended}); the highest
 * {@code revision} of a contract is its current end. Carries the cluster state after the end.
 */
public record CourseEnded(
        @NotBlank String contractId,
        @NotBlank String candidacyId,
        @NotBlank String clusterId,
        @Positive int revision,
        @NotNull @Valid PersonProfile person,
        @NotNull @Valid TrainingYearRef training,
        @NotNull Province province,
        @NotNull LocalDate startDate,
        @NotNull LocalDate endDate,
        @NotNull Result result,
        StopReason stopReason,
        boolean clusterClosed,
        Ending ending,
        LocalDate measurementDate) implements OkotEvent {

    public enum Result {
        PASSED, FAILED, STOPPED
    }

    public enum StopReason {
        BY_CLIENT, LONG_TERM_ILLNESS, UNSUITABILITY, EMPLOYMENT, REORIENTATION, REGISTRATION_TECHNICAL, BY_VDAB, OTHER
    }

    public enum Ending {
        POSITIVE, NON_POSITIVE
    }

    @Override
    public String subject() {
        return person.personId();
    }
}
