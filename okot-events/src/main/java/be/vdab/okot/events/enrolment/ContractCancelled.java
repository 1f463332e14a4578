package be.vdab.okot.events.enrolment;

import be.vdab.okot.events.OkotEvent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/** A contract registered by mistake was cancelled; it no longer counts anywhere ({@code okot.contract.cancelled}). */
public record ContractCancelled(
        @NotBlank String contractId,
        @NotBlank String candidacyId,
        @NotBlank String clusterId,
        @NotBlank String personId,
        @NotNull Instant cancelledAt) implements OkotEvent {

    @Override
    public String subject() {
        return personId;
    }
}
