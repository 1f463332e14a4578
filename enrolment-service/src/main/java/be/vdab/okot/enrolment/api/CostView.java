package be.vdab.okot.enrolment.api;

import be.vdab.okot.enrolment.persistence.CostEntry;
import be.vdab.okot.events.enrolment.CostKind;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A cost entry as the API shows it; {@code amount} in euro with two decimals, negative for a correction. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CostView(
        String id,
        String contractId,
        CostKind kind,
        BigDecimal amount,
        LocalDate bookedOn,
        String corrects,
        String note,
        Instant recordedAt,
        String recordedBy) {

    public static CostView of(CostEntry entry) {
        return new CostView(entry.id, entry.contractId, entry.kind, entry.amount, entry.bookedOn, entry.corrects,
                entry.note, entry.recordedAt, entry.recordedBy);
    }
}
