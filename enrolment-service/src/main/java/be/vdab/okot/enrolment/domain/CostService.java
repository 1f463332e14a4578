package be.vdab.okot.enrolment.domain;

import be.vdab.okot.enrolment.persistence.Contract;
import be.vdab.okot.enrolment.persistence.CostEntry;
import be.vdab.okot.enrolment.persistence.KnownCandidacy;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.enrolment.CostKind;
import be.vdab.okot.events.enrolment.CostRecorded;
import be.vdab.okot.events.enrolment.SpendingRule;
import be.vdab.okot.messaging.outbox.Outbox;
import be.vdab.okot.messaging.persistence.TimeOrderedIds;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem.Violation;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The money spent for a contract (api.md {@code POST /contracts/{id}/costs}, figures.md F9): cost entries, never
 * changed, corrected by negative entries; each entry is published as {@code okot.cost.recorded} through the outbox
 * in the transaction that records it.
 */
@ApplicationScoped
public class CostService {

    @Inject
    Outbox outbox;

    /**
     * Records a cost entry of a contract, or a correction of one, and publishes it.
     *
     * <p>The contract's row is write-locked first, so the entries of one contract are recorded one after another:
     * corrections posted together cannot each see room the others then take, and a cancellation cannot slip in
     * between the check and the new entry.
     *
     * @param amount   euro, at most two decimals: positive for a new entry, negative with {@code corrects}
     *                 ({@link SpendingRule#validAmount})
     * @param bookedOn the booking date (the caller checked it is not in the future and within the history)
     * @param corrects the id of the corrected entry of this contract, or null for a new entry
     * @throws ApiProblemException 404 unknown contract; 400 an amount of the wrong sign or with more than two
     *         decimals; 409 {@code contract-cancelled} (a new entry; corrections stay possible) or
     *         {@code correction-exceeds-entry} (the entry and its corrections would go below zero); 422
     *         {@code corrected-entry-unknown} (no entry with that id on this contract, or a correction),
     *         {@code correction-kind-differs} or {@code correction-before-entry} (booked before the corrected entry: it
     *         would make an earlier period's spending negative)
     */
    @Transactional
    public CostEntry record(String contractId, CostKind kind, BigDecimal amount, LocalDate bookedOn, String corrects,
                            String note, String actor) {
        boolean correction = corrects != null;
        if (!SpendingRule.validAmount(amount, correction)) {
            throw ApiProblemException.invalid(List.of(new Violation("amount", correction
                    ? "a correction is negative, in euro with at most two decimals"
                    : "must be positive, in euro with at most two decimals (a correction is negative and gives corrects)")));
        }
        Contract contract = Contract.findById(contractId, LockModeType.PESSIMISTIC_WRITE);
        if (contract == null) {
            throw ApiProblemException.notFound("Contract", contractId);
        }
        if (correction) {
            CostEntry corrected = CostEntry.findById(corrects);
            if (corrected == null || !corrected.contractId.equals(contractId) || corrected.corrects != null) {
                throw ApiProblemException.businessRule("corrected-entry-unknown", "Corrected entry unknown",
                        List.of(new Violation("corrects", "'" + corrects + "' is no cost entry of contract " + contractId
                                + " (a correction corrects an entry, not another correction)")));
            }
            if (corrected.kind != kind) {
                throw ApiProblemException.businessRule("correction-kind-differs", "Correction of another kind",
                        List.of(new Violation("kind", "the corrected entry is " + corrected.kind + ", not " + kind)));
            }
            if (bookedOn.isBefore(corrected.bookedOn)) {
                // booked before what it corrects, it would make the spending of an earlier period negative (F9)
                throw ApiProblemException.businessRule("correction-before-entry", "Correction booked before its entry",
                        List.of(new Violation("bookedOn", "must not be before the corrected entry's booking date ("
                                + corrected.bookedOn + ")")));
            }
            List<BigDecimal> earlier = CostEntry.correctionsOf(corrects).stream().map(entry -> entry.amount).toList();
            if (!SpendingRule.correctionFits(corrected.amount, earlier, amount)) {
                throw ApiProblemException.conflict("correction-exceeds-entry", "Entry " + corrects + " of "
                        + corrected.amount + " euro has " + SpendingRule.sum(earlier).negate()
                        + " euro of corrections already; " + amount.negate() + " more would take it below zero");
            }
        } else if (contract.cancelled) {
            throw ApiProblemException.conflict("contract-cancelled", "Contract " + contractId
                    + " is cancelled: it takes no new costs (corrections of its entries remain possible)");
        }

        CostEntry entry = new CostEntry();
        entry.id = TimeOrderedIds.next();
        entry.contractId = contractId;
        entry.kind = kind;
        entry.amount = amount.setScale(SpendingRule.SCALE, RoundingMode.UNNECESSARY);
        entry.bookedOn = bookedOn;
        entry.corrects = corrects;
        entry.note = note;
        entry.recordedAt = Instant.now();
        entry.recordedBy = actor;
        entry.persist();

        KnownCandidacy candidacy = KnownCandidacy.findById(contract.candidacyId);
        outbox.publish(new CostRecorded(entry.id, contractId, contract.candidacyId, kind, entry.amount, bookedOn,
                corrects, ContractService.trainingOf(contract.trainingYear), contract.province,
                new PersonProfile(contract.personId, candidacy.birthDate, candidacy.gender)));
        return entry;
    }

    /** The entries of a contract, booking date first. @throws ApiProblemException 404 unknown contract */
    public PanacheQuery<CostEntry> ofContract(String contractId) {
        if (Contract.findById(contractId) == null) {
            throw ApiProblemException.notFound("Contract", contractId);
        }
        return CostEntry.ofContract(contractId);
    }

    /** One entry of a contract. */
    public Optional<CostEntry> find(String contractId, String costId) {
        return CostEntry.<CostEntry>findByIdOptional(costId).filter(entry -> entry.contractId.equals(contractId));
    }
}
