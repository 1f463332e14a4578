package be.vdab.okot.outcome.api;

import be.vdab.okot.outcome.domain.OutcomeService.EndOutcome;
import be.vdab.okot.web.bulk.BulkImport;
import be.vdab.okot.web.bulk.BulkImport.Outcome;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The answer of {@code POST /contracts/ends}: how many items were accepted and refused, and each item's result. */
public record BulkEndResult(int accepted, int refused, List<Item> items) {

    /**
     * One item's result, in the order of the request.
     *
     * @param index     the item's place in the request, from 0
     * @param unchanged accepted only: true when the contract's current end was already exactly this one (a repeated
     *                  import): no new revision, no event
     * @param clusterId accepted only: the contract's cluster
     * @param revision  accepted only: the revision of the contract's end that the item is (as {@code PUT
     *                  /contracts/{id}/end} answers it): 1 for a first end, one more for a correction
     * @param refusal   refused only: the problem the single call would have answered
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, String contractId, BulkImport.Status status, Boolean unchanged, String clusterId,
                       Integer revision,
                       @JsonUnwrapped @Schema(implementation = BulkImport.Refusal.class) BulkImport.Refusal refusal) {
    }

    static BulkEndResult of(List<EndRequest> items, List<Outcome<EndOutcome>> outcomes) {
        List<Item> results = outcomes.stream().map(outcome -> {
            EndOutcome end = outcome.value();
            return new Item(outcome.index(), items.get(outcome.index()).contractId(), outcome.status(),
                    end != null ? !end.changed() : null, end != null ? end.contract().clusterId : null,
                    end != null ? end.end().key.revision() : null, outcome.refusal());
        }).toList();
        return new BulkEndResult(BulkImport.accepted(outcomes), outcomes.size() - BulkImport.accepted(outcomes), results);
    }
}
