package be.vdab.okot.intake.api;

import jakarta.validation.constraints.PastOrPresent;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** The body of {@code POST /candidacies/{id}/formal-agreement}; it may be empty. */
public record FormalAgreementRequest(
        @PastOrPresent @Schema(description = "the day the social worker agreed, when registered late; default today",
                example = "2020-03-05") LocalDate agreedOn) {
}
