package be.vdab.okot.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;

/**
 * What consumers may know of a person: the pseudonymous id and the attributes the
 * figures break down by. Never the INSZ, names or contact details.
 */
public record PersonProfile(
        @NotBlank String personId,
        @NotNull LocalDate birthDate,
        @NotNull Gender gender) {
}
