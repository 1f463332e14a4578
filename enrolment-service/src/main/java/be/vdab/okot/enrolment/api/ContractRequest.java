package be.vdab.okot.enrolment.api;

import be.vdab.okot.events.Province;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** The body of {@code POST /contracts}. */
public record ContractRequest(
        @NotBlank @Size(max = 36) @Schema(example = "5b0d6f9e-8c1a-4d7e-9a57-3f0c2b1e4d21") String candidacyId,
        @NotBlank @Size(max = 100) @Schema(example = "908001") String trainingCode,
        @NotNull @Schema(example = "ANT") Province province,
        @Size(max = 200) @Schema(example = "Karel de Grote Hogeschool") String school,
        @NotNull @Schema(example = "2020-09-21") LocalDate startDate,
        @NotNull @Schema(example = "2021-06-30") LocalDate plannedEndDate) {
}
