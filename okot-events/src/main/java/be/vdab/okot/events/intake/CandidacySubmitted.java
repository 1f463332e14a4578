package be.vdab.okot.events.intake;

import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.ReferralKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.time.LocalDate;

/** A counsellor registered a candidacy for a course ({@code okot.candidacy.submitted}). */
public record CandidacySubmitted(
        @NotBlank String candidacyId,
        @NotNull @Valid PersonProfile person,
        @NotNull LocalDate submittedOn,
        @NotNull Instant submittedAt,
        @NotBlank String courseCode,
        @NotNull Province province,
        @NotNull ReferralKind referralKind,
        String ocmwId,
        @NotBlank String status) implements OkotEvent {

    @Override
    public String subject() {
        return person.personId();
    }
}
