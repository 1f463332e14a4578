package be.vdab.okot.events.enrolment;

import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.TrainingYearRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A cost entry of a contract was recorded ({@code okot.cost.recorded}, topic {@code okot.enrolment.v1}, keyed by
 * personId): money VDAB spent for it, in euro with at most two decimals. A correction is an entry of its own with a
 * negative {@code amount} and {@code corrects} the id of the entry it corrects (same contract and kind); entries
 * are never changed. Carries the contract's training, province and person, so F9 ({@link SpendingRule}) needs no
 * other event.
 *
 * @param costId    the entry's id
 * @param amount    euro, two decimals at most; positive for an entry, negative for a correction
 * @param bookedOn  the booking date: the day F9 counts the entry on
 * @param corrects  the corrected entry's id, null for a new entry
 */
public record CostRecorded(
        @NotBlank String costId,
        @NotBlank String contractId,
        @NotBlank String candidacyId,
        @NotNull CostKind kind,
        @NotNull BigDecimal amount,
        @NotNull LocalDate bookedOn,
        String corrects,
        @NotNull @Valid TrainingYearRef training,
        @NotNull Province province,
        @NotNull @Valid PersonProfile person) implements OkotEvent {

    @Override
    public String subject() {
        return person.personId();
    }
}
