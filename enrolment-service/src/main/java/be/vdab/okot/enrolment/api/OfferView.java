package be.vdab.okot.enrolment.api;

import be.vdab.okot.events.Province;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An offer as api.md shows it; also the body of {@code POST /offers}. */
public record OfferView(
        @NotNull @Schema(example = "2020", description = "a year of the platform's history (okot.history.start)") Integer year,
        @NotBlank @Schema(example = "pba-verpleegkunde") String courseCode,
        @NotNull @Schema(example = "ANT") Province province,
        @Size(max = 20) List<@NotBlank @Size(max = 190) String> schools) {
}
