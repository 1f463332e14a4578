package be.vdab.okot.intake.api;

import be.vdab.okot.events.intake.ScreeningCompleted.Decision;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.Map;

/** The body of {@code POST /candidacies/{id}/screening}: the four dimensions of seed 003 and the decision. */
public record ScreeningRequest(
        @NotNull @Schema(example = "SUFFICIENT") Assessment motivation,
        @NotEmpty @Size(max = 10) @Schema(description = "financial, mobility, childcare, ... → OK, ATTENTION or BLOCKING",
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
