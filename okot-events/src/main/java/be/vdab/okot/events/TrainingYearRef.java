package be.vdab.okot.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** A training year of a course, with the course attributes the figures need. */
public record TrainingYearRef(
        @NotBlank String courseCode,
        @NotBlank String trainingCode,
        String trainingName,
        int year,
        boolean finalYear,
        @NotBlank String type,
        String sector,
        @NotBlank String programme) {
}
