package be.vdab.okot.outcome.api;

import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** The body of {@code PUT /contracts/{id}/end}; with the contract's id, an item of {@code POST /contracts/ends}. */
public record EndRequest(
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "only in POST /contracts/ends (the single call names it in its path)",
                example = "0e7c5a9e-2b4f-4d1a-8c3e-5f6a7b8c9d0e") String contractId,
        @NotNull @Schema(example = "2021-06-30") LocalDate endDate,
        @NotNull @Schema(example = "STOPPED") Result result,
        @Schema(description = "only with STOPPED, and then required", example = "LONG_TERM_ILLNESS") StopReason stopReason) {
}
