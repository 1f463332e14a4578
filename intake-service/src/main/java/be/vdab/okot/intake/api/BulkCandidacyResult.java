package be.vdab.okot.intake.api;

import be.vdab.okot.intake.domain.CandidacyService.SubmissionOutcome;
import be.vdab.okot.intake.domain.CandidacyStatus;
import be.vdab.okot.web.bulk.BulkImport;
import be.vdab.okot.web.bulk.BulkImport.Outcome;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The answer of {@code POST /candidacies/submissions}: how many items were accepted and refused, and each item's
 * result. An item is never echoed: it names a person by INSZ, which leaves intake-service in no answer.
 */
public record BulkCandidacyResult(int accepted, int refused, List<Item> items) {

    /**
     * One item's result, in the order of the request.
     *
     * @param index           the item's place in the request, from 0
     * @param unchanged       accepted only: true when the person already had exactly this open candidacy (a repeated
     *                        import), which was left as it was, without a new event
     * @param candidacyId     accepted only: the candidacy registered (or found, when unchanged), as the single call's
     *                        {@code id}; what an item of {@code POST /screenings} names
     * @param personId        accepted only: the person's pseudonymous id
     * @param candidacyStatus accepted only: the candidacy's status ({@code AWAITING_FORMAL_AGREEMENT} for an OCMW
     *                        referral, else {@code AWAITING_SCREENING}; a repeated import's may have moved on)
     * @param refusal         refused only: the problem the single call would have answered
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, BulkImport.Status status, Boolean unchanged, String candidacyId, String personId,
                       CandidacyStatus candidacyStatus,
                       @JsonUnwrapped @Schema(implementation = BulkImport.Refusal.class) BulkImport.Refusal refusal) {
    }

    /**
     * What an accepted item answers, taken from the candidacy inside the item's transaction (its person is loaded
     * lazily).
     */
    record Registered(String candidacyId, String personId, CandidacyStatus status, boolean changed) {

        static Registered of(SubmissionOutcome submission) {
            return new Registered(submission.candidacy().id, submission.candidacy().person.personId,
                    submission.candidacy().status, submission.changed());
        }
    }

    static BulkCandidacyResult of(List<Outcome<Registered>> outcomes) {
        List<Item> results = outcomes.stream().map(outcome -> {
            Registered registered = outcome.value();
            return registered == null
                    ? new Item(outcome.index(), outcome.status(), null, null, null, null, outcome.refusal())
                    : new Item(outcome.index(), outcome.status(), !registered.changed(), registered.candidacyId(),
                            registered.personId(), registered.status(), null);
        }).toList();
        return new BulkCandidacyResult(BulkImport.accepted(outcomes), outcomes.size() - BulkImport.accepted(outcomes),
                results);
    }
}
