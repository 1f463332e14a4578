package be.vdab.okot.outcome.api;

import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.outcome.persistence.ContractEnd;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The current end of a contract (api.md), with its earlier revisions when asked for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndView(
        String contractId,
        String clusterId,
        int revision,
        LocalDate endDate,
        Result result,
        StopReason stopReason,
        Instant recordedAt,
        String recordedBy,
        List<EndView> history) {

    public static EndView of(ContractEnd end, String clusterId) {
        return new EndView(end.key.contractId(), clusterId, end.key.revision(), end.endDate, end.result, end.stopReason,
                end.recordedAt, end.recordedBy, null);
    }

    public EndView withHistory(List<EndView> history) {
        return new EndView(contractId, clusterId, revision, endDate, result, stopReason, recordedAt, recordedBy, history);
    }
}
