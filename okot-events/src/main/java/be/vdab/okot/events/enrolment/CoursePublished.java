package be.vdab.okot.events.enrolment;

import be.vdab.okot.events.OkotEvent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import java.util.List;

/** A course of the catalogue was published or changed ({@code okot.course.published}); keyed by course code. */
public record CoursePublished(
        @NotBlank String code,
        @NotBlank String name,
        @NotBlank String type,
        String sector,
        @NotBlank String programme,
        @NotEmpty List<@Valid TrainingYear> trainingYears) implements OkotEvent {

    public record TrainingYear(@NotBlank String code, String name, int year, boolean finalYear) {
    }

    @Override
    public String subject() {
        return code;
    }
}
