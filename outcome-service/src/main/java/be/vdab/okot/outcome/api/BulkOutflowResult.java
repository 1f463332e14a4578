package be.vdab.okot.outcome.api;

import be.vdab.okot.outcome.domain.OutcomeService.OutflowOutcome;
import be.vdab.okot.web.bulk.BulkImport;
import be.vdab.okot.web.bulk.BulkImport.Outcome;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The answer of {@code POST /outflow/measurements}: per item accepted, or refused with the reason. */
public record BulkOutflowResult(int accepted, int refused, List<Item> items) {

    /**
     * One item's result, in the order of the request.
     *
     * @param index     the item's place in the request, from 0
     * @param unchanged accepted only: true when the cluster already had exactly this measurement (a repeated import):
     *                  nothing written, no event
     * @param refusal   refused only: the problem the single call would have answered
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, String clusterId, BulkImport.Status status, Boolean unchanged,
                       @JsonUnwrapped @Schema(implementation = BulkImport.Refusal.class) BulkImport.Refusal refusal) {
    }

    static BulkOutflowResult of(List<OutflowRequest> items, List<Outcome<OutflowOutcome>> outcomes) {
        List<Item> results = outcomes.stream().map(outcome -> new Item(outcome.index(),
                items.get(outcome.index()).clusterId(), outcome.status(),
                outcome.value() != null ? !outcome.value().changed() : null, outcome.refusal())).toList();
        return new BulkOutflowResult(BulkImport.accepted(outcomes), outcomes.size() - BulkImport.accepted(outcomes), results);
    }
}
