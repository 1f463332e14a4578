package be.vdab.okot.enrolment.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A course as api.md shows it; also the body of {@code PUT /courses/{code}}. */
public record CourseView(
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,99}", message = "must be a lowercase code of letters, digits and dashes")
        @Schema(example = "pba-verpleegkunde") String code,
        @NotBlank @Size(max = 300) @Schema(example = "PBA Verpleegkunde") String name,
        @NotNull @Schema(example = "PBA") CourseType type,
        @Size(max = 40) @Schema(example = "ZORG") String sector,
        @NotNull @Schema(example = "OKOT") Programme programme,
        @NotEmpty @Size(max = 12) List<@NotNull @Valid TrainingYearView> trainingYears) {

    public record TrainingYearView(
            @NotBlank @Size(max = 100) @Schema(example = "908001") String code,
            @NotBlank @Size(max = 300) @Schema(example = "Educatieve bachelor voor kleuteronderwijs - 1ste jaar") String name,
            @Min(1) @Max(6) @Schema(example = "1") int year,
            @Schema(example = "false") boolean finalYear) {
    }

    /** OKOT types (figures.md gives their published labels); MODULE is a module 4a/4b training, not OKOT. */
    public enum CourseType {
        BSO7, TKO, SENSE, HBO, PBA, MASTER, MODULE
    }

    public enum Programme {
        OKOT, KNELPUNT_4A, KNELPUNT_4B
    }
}
