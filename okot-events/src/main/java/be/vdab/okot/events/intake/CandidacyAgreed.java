package be.vdab.okot.events.intake;

import be.vdab.okot.events.OkotEvent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;

/** The OCMW social worker gave formal agreement for a client ({@code okot.candidacy.agreed}). */
public record CandidacyAgreed(
        @NotBlank String candidacyId,
        @NotBlank String personId,
        @NotBlank String ocmwId,
        @NotNull LocalDate agreedOn) implements OkotEvent {

    @Override
    public String subject() {
        return personId;
    }
}
