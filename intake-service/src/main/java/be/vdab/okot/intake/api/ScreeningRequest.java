package be.vdab.okot.intake.api;

import be.vdab.okot.events.intake.ScreeningCompleted.Decision;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.Map;

/**
 * The body of {@code POST /candidacies/{id}/screening}: the four dimensions of seed 003 and the decision; with the
 * candidacy's id, an item of {@code POST /screenings}.
 */
public record ScreeningRequest(
        @JsonInclude(JsonInclude.Include.NON_NULL) // absent from a single call's body, and from its Idempotency-Key's hash
        @Size(max = 36) @Schema(description = "only in POST /screenings (the single call names it in its path)",
                example = "5b1d8c1e-6f8a-4a43-9a57-1c2b3d4e5f60") String candidacyId,
        @NotNull @Schema(example = "SUFFICIENT") Assessment motivation,
        @NotEmpty @Size(max = 10) @Schema(required = true, description = "financial, mobility, childcare, ... → OK, ATTENTION or BLOCKING",
                example = "{\"financial\": \"OK\", \"mobility\": \"OK\", \"childcare\": \"ATTENTION\"}")
        Map<@NotNull @Size(min = 1, max = 40) String, @NotNull PreconditionAssessment> preconditions,
        @NotNull @Schema(example = "true") Boolean fitsPathToWork,
        @NotNull @Schema(example = "SUFFICIENT") Assessment learningAbility,
        @NotNull @Schema(example = "APPROVED") Decision decision,
        @Schema(description = "required when approved", example = "2020-09-14") LocalDate probableStartDate,
        @Size(max = 200) @Schema(description = "required when approved", example = "HOGENT Campus Schoonmeersen")
        String probableLocation,
        @Size(max = 4000) String remarks,
        @PastOrPresent @Schema(description = "the day of the interview when registered late; default today",
                example = "2020-06-10") LocalDate screenedOn) {

    public enum Assessment {
        SUFFICIENT, INSUFFICIENT
    }

    public enum PreconditionAssessment {
        OK, ATTENTION, BLOCKING
    }
}
