package be.vdab.okot.runner.demo;

import be.vdab.okot.events.AgeBandRule;
import be.vdab.okot.events.enrolment.StartRule;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.events.outcome.DiplomaRule;
import be.vdab.okot.events.outcome.DropOutRule;
import be.vdab.okot.runner.demo.DemoPlan.Candidacy;
import be.vdab.okot.runner.demo.DemoPlan.Contract;
import be.vdab.okot.runner.demo.DemoPlan.End;
import be.vdab.okot.runner.demo.DemoPlan.Person;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A plan counted as stats-service counts it (figures.md F1–F3, by the rules of okot-events), without services: the
 * planners' tests compare these counts with the published cells.
 */
final class PlanFigures {

    /** One OKOT contract of the plan with what the figures need. */
    record Fact(Person person, Contract contract, Catalogue.Course course, boolean finalYear) {

        End end() {
            return contract.ends().isEmpty() ? null : contract.ends().get(contract.ends().size() - 1);
        }

        boolean isDiploma() {
            return end() != null && DiplomaRule.isDiploma(finalYear, Result.valueOf(end().result()));
        }

        boolean isDropOut() {
            return end() != null && DropOutRule.isDropOut(Result.valueOf(end().result()),
                    end().stopReason() == null ? null : StopReason.valueOf(end().stopReason()));
        }

        /** The {@code by=reason} key of a drop-out. */
        String reason() {
            return DropOutRule.reason(Result.valueOf(end().result()),
                    end().stopReason() == null ? null : StopReason.valueOf(end().stopReason())).orElseThrow();
        }

        String age5(LocalDate on) {
            return AgeBandRule.Scale.AGE5.band(person.birthDate(), on).label();
        }
    }

    private final List<Fact> facts = new ArrayList<>();

    PlanFigures(DemoPlan plan, Catalogue catalogue) {
        Map<String, Catalogue.Course> courses = new HashMap<>();
        Set<String> finalYears = new HashSet<>();
        catalogue.courses().forEach(course -> course.trainingYears().forEach(year -> {
            courses.put(year.code(), course);
            if (year.finalYear()) {
                finalYears.add(year.code());
            }
        }));
        for (Person person : plan.persons()) {
            for (Candidacy candidacy : person.candidacies()) {
                for (Contract contract : candidacy.contracts()) {
                    Catalogue.Course course = courses.get(contract.trainingCode());
                    if (StartRule.isOkotContract(course.programme(), contract.cancelled())) {
                        facts.add(new Fact(person, contract, course, finalYears.contains(contract.trainingCode())));
                    }
                }
            }
        }
    }

    /** F1: value → distinct persons with a start in the period and that value (the value taken on the start). */
    Map<String, Integer> starts(LocalDate from, LocalDate to, Predicate<Fact> filter, Function<Fact, String> by) {
        Map<String, Set<Integer>> persons = new TreeMap<>();
        facts.stream().filter(filter).filter(fact -> within(fact.contract().startDate(), from, to))
                .forEach(fact -> persons.computeIfAbsent(by.apply(fact), v -> new HashSet<>()).add(fact.person().index()));
        Map<String, Integer> counts = new TreeMap<>();
        persons.forEach((value, ids) -> counts.put(value, ids.size()));
        return counts;
    }

    /** F1's total: distinct persons with a start in the period. */
    int startingPersons(LocalDate from, LocalDate to, Predicate<Fact> filter) {
        return (int) facts.stream().filter(filter).filter(fact -> within(fact.contract().startDate(), from, to))
                .map(fact -> fact.person().index()).distinct().count();
    }

    /** F2: value → diplomas (contracts) with their current end in the period. */
    Map<String, Integer> diplomas(LocalDate from, LocalDate to, Predicate<Fact> filter, Function<Fact, String> by) {
        return ends(from, to, filter.and(Fact::isDiploma), by);
    }

    /** F3: value → drop-outs (contracts) with their current end in the period. */
    Map<String, Integer> dropouts(LocalDate from, LocalDate to, Predicate<Fact> filter, Function<Fact, String> by) {
        return ends(from, to, filter.and(Fact::isDropOut), by);
    }

    /** The distinct persons among the drop-outs of the period. */
    int droppingOutPersons(LocalDate from, LocalDate to, Predicate<Fact> filter) {
        return (int) facts.stream().filter(filter.and(Fact::isDropOut)).filter(fact -> within(fact.end().endDate(), from, to))
                .map(fact -> fact.person().index()).distinct().count();
    }

    private Map<String, Integer> ends(LocalDate from, LocalDate to, Predicate<Fact> filter, Function<Fact, String> by) {
        Map<String, Integer> counts = new TreeMap<>();
        facts.stream().filter(filter).filter(fact -> within(fact.end().endDate(), from, to))
                .forEach(fact -> counts.merge(by.apply(fact), 1, Integer::sum));
        return counts;
    }

    private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    static LocalDate firstDay(int year) {
        return LocalDate.of(year, 1, 1);
    }

    static LocalDate lastDay(int year) {
        return LocalDate.of(year, 12, 31);
    }
}
