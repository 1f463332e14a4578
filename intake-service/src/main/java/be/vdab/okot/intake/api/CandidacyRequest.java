package be.vdab.okot.intake.api;

import be.vdab.okot.events.Gender;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.ReferralKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** The body of {@code POST /candidacies}. */
public record CandidacyRequest(
        @NotNull @Valid PersonRequest person,
        @NotBlank @Size(max = 100) @Schema(example = "pba-verpleegkunde") String courseCode,
        @NotNull @Schema(example = "OVL") Province province,
        @NotNull @Valid ReferralRequest referral,
        @PastOrPresent @Schema(description = "the day of the candidacy when it is registered late; default today",
                example = "2020-03-02") LocalDate submittedOn) {

    public record PersonRequest(
            @NotBlank @Pattern(regexp = "\\d{11}", message = "must be 11 digits") @Schema(example = "85073003328") String insz,
            @NotBlank @Size(max = 100) @Schema(example = "An") String firstName,
            @NotBlank @Size(max = 100) @Schema(example = "Peeters") String lastName,
            @NotNull @Past @Schema(example = "1985-07-30") LocalDate birthDate,
            @NotNull @Schema(example = "V") Gender gender,
            @Email @Size(max = 200) @Schema(example = "an.peeters@example.org") String email,
            @Size(max = 50) @Schema(example = "+32470000000") String phone,
            @NotNull Boolean registeredAsJobSeeker,
            @NotNull Boolean working,
            @NotNull Boolean holdsTargetQualification,
            @NotNull Boolean inTemporaryWorkExperience) {
    }

    public record ReferralRequest(
            @NotNull @Schema(example = "OCMW") ReferralKind kind,
            @Size(max = 100) @Schema(example = "ocmw-gent") String ocmwId,
            @Valid SocialWorker socialWorker) {
    }

    public record SocialWorker(
            @NotBlank @Size(max = 200) @Schema(example = "Els De Smet") String name,
            @Email @Size(max = 200) @Schema(example = "els@ocmw-gent.example") String email,
            @Size(max = 50) @Schema(example = "+3292660000") String phone) {
    }
}
