package be.vdab.okot.events.intake;

import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.ReferralKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;

/** The intake interview ended with a decision ({@code okot.screening.completed}). */
public record ScreeningCompleted(
        @NotBlank String candidacyId,
        @NotNull @Valid PersonProfile person,
        @NotBlank String courseCode,
        @NotNull Province province,
        @NotNull ReferralKind referralKind,
        String ocmwId,
        @NotNull Decision decision,
        @NotNull LocalDate screenedOn,
        LocalDate probableStartDate,
        String probableLocation) implements OkotEvent {

    public enum Decision {
        APPROVED, REJECTED
    }

    @Override
    public String subject() {
        return person.personId();
    }
}
