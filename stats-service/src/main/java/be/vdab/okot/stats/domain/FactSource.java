package be.vdab.okot.stats.domain;

import be.vdab.okot.events.enrolment.OfferRule;
import be.vdab.okot.stats.persistence.OfferFact;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Counts the offers of F5 from the stored facts at every read: an offer belongs to no person, so it has no
 * contribution in the live aggregate, and the offers of a year are a few hundred. Every other figure is read
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

}
