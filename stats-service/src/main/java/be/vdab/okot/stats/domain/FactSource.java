package be.vdab.okot.stats.domain;

import be.vdab.okot.events.enrolment.OfferRule;
import be.vdab.okot.events.enrolment.SpendingRule;
import be.vdab.okot.stats.persistence.CostFact;
import be.vdab.okot.stats.persistence.OfferFact;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Counts the offers of F5 and the spending of F9 from the stored facts at every read: an offer or a cost entry
 * belongs to no person's figures, so it has no contribution in the live aggregate; the offers of a year are a few
 * hundred, its cost entries a few per contract. Every other figure is read
 * from the live aggregate ({@link LiveCells}) for any period.
 */
@ApplicationScoped
public class FactSource {

    /**
     * F5: the offers of the years the period covers, as facts (unit: year, course and province), with the attributes
     * of their course in the catalogue.
     */
    public List<Fact> offers(Period period, CourseCatalogue.Snapshot catalogue) {
        return OfferFact.<OfferFact>list("key.year between ?1 and ?2", period.from().getYear(), period.to().getYear())
                .stream().filter(offer -> OfferRule.countsIn(offer.key.year(), period.from(), period.to())).map(offer -> {
                    CourseCatalogue.Course course = catalogue.courses().get(offer.key.courseCode());
                    return new Fact(OfferRule.unit(offer.key.year(), offer.key.courseCode(), offer.key.province()),
                            OfferRule.referenceDate(offer.key.year()), null, null, course == null ? "UNKNOWN" : course.type(),
                            offer.key.province(), null, null, offer.key.courseCode(), course == null ? null : course.sector(),
                            null, null, null, null, null, course == null ? null : course.programme());
                }).toList();
    }

    /**
     * F9: the cost entries that count in the period ({@link SpendingRule#countsIn}: OKOT contracts, booked in it,
     * cancelled contracts included), as facts on their booking date with their kind in {@link Fact#step()} and
     * their amount in cents beside them.
     */
    public List<Spent> spending(Period period) {
        return CostFact.<CostFact>list("bookedOn between ?1 and ?2", period.from(), period.to()).stream()
                .filter(cost -> SpendingRule.countsIn(cost.programme, false, cost.bookedOn, period.from(), period.to()))
                .map(cost -> new Spent(new Fact(cost.costId, cost.bookedOn, cost.birthDate, cost.gender, cost.type,
                        cost.province, cost.trainingCode, cost.trainingName, cost.courseCode, cost.sector, null, null,
                        null, null, cost.kind.name(), cost.programme),
                        cost.amount.movePointRight(SpendingRule.SCALE).longValueExact())).toList();
    }

    /** A cost entry of F9 and its amount in euro cents (negative for a correction). */
    public record Spent(Fact entry, long cents) {
    }
}
