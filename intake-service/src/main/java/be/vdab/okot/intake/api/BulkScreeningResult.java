package be.vdab.okot.intake.api;

import be.vdab.okot.intake.domain.CandidacyService.ScreeningOutcome;
import be.vdab.okot.intake.domain.CandidacyStatus;
import be.vdab.okot.web.bulk.BulkImport;
import be.vdab.okot.web.bulk.BulkImport.Outcome;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The answer of {@code POST /screenings}: how many items were accepted and refused, and each item's result. */
public record BulkScreeningResult(int accepted, int refused, List<Item> items) {

    /**
     * One item's result, in the order of the request.
     *
     * @param index           the item's place in the request, from 0
     * @param unchanged       accepted only: true when the candidacy already had exactly this screening (a repeated
     *                        import), which was left as it was, without a new event
     * @param candidacyStatus accepted only: the candidacy's status after the screening
     * @param refusal         refused only: the problem the single call would have answered
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, String candidacyId, BulkImport.Status status, Boolean unchanged,
                       CandidacyStatus candidacyStatus,
                       @JsonUnwrapped @Schema(implementation = BulkImport.Refusal.class) BulkImport.Refusal refusal) {
    }

    static BulkScreeningResult of(List<ScreeningRequest> items, List<Outcome<ScreeningOutcome>> outcomes) {
        List<Item> results = outcomes.stream().map(outcome -> new Item(outcome.index(),
                items.get(outcome.index()).candidacyId(), outcome.status(),
                outcome.accepted() ? !outcome.value().changed() : null,
                outcome.accepted() ? outcome.value().candidacy().status : null, outcome.refusal())).toList();
        return new BulkScreeningResult(BulkImport.accepted(outcomes), outcomes.size() - BulkImport.accepted(outcomes), results);
    }
}
