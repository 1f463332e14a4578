package be.vdab.okot.stats.domain;

import be.vdab.okot.events.enrolment.OfferRule;
import be.vdab.okot.events.outcome.ClusterRule;
import be.vdab.okot.stats.persistence.CourseFact;
import be.vdab.okot.stats.persistence.OfferFact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recounts what a figure counts in a period from the stored facts: for a period that is not a run of whole
 * months (the live aggregate has months) and for the offers of F5. It finds the persons who may count in the
 * period by an indexed date of their facts and asks {@link PersonFigures} — the same rules, in the same home,
 * as the live aggregate — what each of them contributes.
 */
@ApplicationScoped
public class FactSource {

    public List<Fact> facts(FigureKind figure, Period period) {
        if (figure == FigureKind.OFFERS) {
            return offers(period);
        }
        return PersonFacts.load(personsIn(figure, period)).values().stream()
                .flatMap(person -> PersonFigures.of(person).stream())
                .filter(contribution -> contribution.figure() == figure && period.contains(contribution.countedOn()))
                .map(Contribution::fact).toList();
    }

    /** Everyone who may count in the figure in the period: a superset, found by the indexed dates. */
    private static Set<String> personsIn(FigureKind figure, Period period) {
        Set<String> persons = new HashSet<>();
        switch (figure) {
            case STARTS -> persons.addAll(startedIn(period));
            case DIPLOMAS, DROPOUTS -> persons.addAll(endedIn(period));
            // a measurement date in the period means a cluster end in about the 3 months before it
            case OUTFLOW -> persons.addAll(endedIn(new Period(
                    period.from().minusMonths(ClusterRule.MONTHS_TO_MEASUREMENT).minusDays(4),
                    period.to().minusMonths(ClusterRule.MONTHS_TO_MEASUREMENT).plusDays(4))));
            case KNELPUNT -> {
                persons.addAll(startedIn(period));
                persons.addAll(endedIn(period));
            }
            case FUNNEL -> {
                for (String step : List.of("submittedOn", "agreedOn", "screenedOn")) {
                    persons.addAll(query("select distinct c.personId from CandidacyFact c where c." + step
                            + " between ?1 and ?2", period));
                }
                persons.addAll(startedIn(period));
            }
            case OFFERS -> throw new IllegalArgumentException("offers belong to no person");
        }
        return persons;
    }

    private static List<String> startedIn(Period period) {
        return query("select distinct c.personId from ContractFact c where c.startDate between ?1 and ?2", period);
    }

    private static List<String> endedIn(Period period) {
        return query("select distinct c.personId from ContractFact c, ContractEndFact e where e.contractId = c.contractId "
                + "and e.endDate between ?1 and ?2", period);
    }

    private static List<String> query(String hql, Period period) {
        EntityManager entityManager = CourseFact.getEntityManager();
        return entityManager.createQuery(hql, String.class).setParameter(1, period.from()).setParameter(2, period.to())
                .getResultList();
    }

    /** F5: the offers of the years the period covers. */
    private List<Fact> offers(Period period) {
        Map<String, CourseFact> courses = CourseFact.<CourseFact>listAll().stream()
                .collect(Collectors.toMap(course -> course.code, course -> course));
        return OfferFact.<OfferFact>list("key.year between ?1 and ?2", period.from().getYear(), period.to().getYear())
                .stream().filter(offer -> OfferRule.countsIn(offer.key.year(), period.from(), period.to())).map(offer -> {
                    CourseFact course = courses.get(offer.key.courseCode());
                    return new Fact(OfferRule.unit(offer.key.year(), offer.key.courseCode(), offer.key.province()),
                            OfferRule.referenceDate(offer.key.year()), null, null, course == null ? "UNKNOWN" : course.type,
                            offer.key.province(), null, null, offer.key.courseCode(), course == null ? null : course.sector,
                            null, null, null, null, null, course == null ? null : course.programme);
                }).toList();
    }

}
