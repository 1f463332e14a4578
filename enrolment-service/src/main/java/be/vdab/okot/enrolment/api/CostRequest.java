package be.vdab.okot.enrolment.api;

import be.vdab.okot.events.enrolment.CostKind;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The body of {@code POST /contracts/{id}/costs} (api.md): money VDAB spent for the contract.
 *
 * @param amount   euro, at most two decimals; positive, or negative for a correction (then with {@code corrects})
 * @param bookedOn the booking date, not in the future (Brussels calendar); F9 counts the entry on it
 * @param corrects the id of the entry this one corrects (same contract and kind), absent for a new entry
 */
public record CostRequest(
        @NotNull @Schema(example = "STUDY_COSTS") CostKind kind,
        @NotNull @Digits(integer = 10, fraction = 2) @Schema(example = "1250.00") BigDecimal amount,
        @NotNull @PastOrPresent @Schema(example = "2020-10-05") LocalDate bookedOn,
        @Size(max = 500) String note,
        @Size(min = 1, max = 36) String corrects) {
}
