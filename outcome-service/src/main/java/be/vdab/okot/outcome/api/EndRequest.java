package be.vdab.okot.outcome.api;

import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** The body of {@code PUT /contracts/{id}/end}. */
public record EndRequest(
        @NotNull @Schema(example = "2021-06-30") LocalDate endDate,
        @NotNull @Schema(example = "STOPPED") Result result,
        @Schema(description = "only with STOPPED, and then required", example = "LONG_TERM_ILLNESS") StopReason stopReason) {
}
