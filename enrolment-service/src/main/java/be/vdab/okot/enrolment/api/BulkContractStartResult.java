package be.vdab.okot.enrolment.api;

import be.vdab.okot.enrolment.domain.ContractService.StartOutcome;
import be.vdab.okot.web.bulk.BulkImport;
import be.vdab.okot.web.bulk.BulkImport.Outcome;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The answer of {@code POST /contracts/starts}: how many items were accepted and refused, and each item's result. */
public record BulkContractStartResult(int accepted, int refused, List<Item> items) {

    /**
     * One item's result, in the order of the request.
     *
     * @param index       the item's place in the request, from 0
     * @param candidacyId the item's candidacy
     * @param unchanged   accepted only: true when the candidacy already had exactly this contract (a repeated
     *                    import), which was left as it was: no new contract, no event
     * @param id          accepted only: the contract's id (as {@code POST /contracts} answers it)
     * @param clusterId   accepted only: the contract's cluster (the candidacy's first contract opened it)
     * @param cancelled   accepted only: true when that contract was cancelled since (a repeated import leaves it so)
     * @param refusal     refused only: the problem the single call would have answered
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, String candidacyId, BulkImport.Status status, Boolean unchanged, String id,
                       String clusterId, Boolean cancelled,
                       @JsonUnwrapped @Schema(implementation = BulkImport.Refusal.class) BulkImport.Refusal refusal) {
    }

    static BulkContractStartResult of(List<ContractRequest> items, List<Outcome<StartOutcome>> outcomes) {
        List<Item> results = outcomes.stream().map(outcome -> {
            StartOutcome start = outcome.value();
            return new Item(outcome.index(), items.get(outcome.index()).candidacyId(), outcome.status(),
                    start != null ? !start.changed() : null, start != null ? start.contract().id : null,
                    start != null ? start.contract().clusterId : null, start != null ? start.contract().cancelled : null,
                    outcome.refusal());
        }).toList();
        return new BulkContractStartResult(BulkImport.accepted(outcomes), outcomes.size() - BulkImport.accepted(outcomes),
                results);
    }
}
