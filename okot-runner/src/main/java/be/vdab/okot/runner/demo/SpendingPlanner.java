package be.vdab.okot.runner.demo;

import be.vdab.okot.runner.demo.DemoPlan.Candidacy;
import be.vdab.okot.runner.demo.DemoPlan.Contract;
import be.vdab.okot.runner.demo.DemoPlan.Cost;
import be.vdab.okot.runner.demo.DemoPlan.Person;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Plans the cost entries of the demo's contracts so that F9 (figures.md: the euro of the cost entries of OKOT
 * contracts booked in the period) comes out as published: question 562, answer 3, "€ 4.535.522" spent on OKOT
 * trajectories in 2020. Every contract that starts in a year with a published amount gets its share of it as
 * study costs, booked two weeks after its start (within the year); the first contracts take one cent more, so the
 * shares add up to the cent. Every 25th of them also gets learning materials of € 120 that a correction of
 * − € 120 takes back (booked the same day): the corrections path is driven too, and changes no total.
 * Years without a published amount get no costs. Only OKOT contracts carry costs: F9 never counts a module 4a/4b
 * contract (api.md), so the planner is told which contracts are OKOT ones.
 */
public final class SpendingPlanner {

    /** Spent per year as published (euro): question 562, answer 3 (2020). */
    public static final Map<Integer, BigDecimal> PUBLISHED = Map.of(2020, new BigDecimal("4535522.00"));
    static final int CORRECTED_EVERY = 25;
    static final BigDecimal LEARNING_MATERIALS = new BigDecimal("120.00");
    private static final int BOOKED_AFTER_DAYS = 14;

    private SpendingPlanner() {
    }

    /**
     * @param spentByYear euro per calendar year, two decimals
     * @return the entries in the order they are recorded (a correction after the entry it corrects)
     */
    public static List<Cost> costs(List<Person> persons, int fromYear, int toYear, Map<Integer, BigDecimal> spentByYear) {
        return costs(persons, fromYear, toYear, spentByYear, contract -> true);
    }

    /**
     * As {@link #costs(List, int, int, Map)}, over the contracts {@code okot} accepts only (F9 counts OKOT contracts).
     */
    public static List<Cost> costs(List<Person> persons, int fromYear, int toYear, Map<Integer, BigDecimal> spentByYear,
                                   Predicate<Contract> okot) {
        List<Cost> costs = new ArrayList<>();
        for (int year = fromYear; year <= toYear; year++) {
            BigDecimal spent = spentByYear.get(year);
            if (spent == null) {
                continue;
            }
            List<int[]> starting = startingIn(persons, year, okot);
            if (starting.isEmpty()) {
                throw new IllegalStateException("No contract starts in " + year + " to carry its spending of € " + spent);
            }
            long cents = spent.movePointRight(2).longValueExact();
            long share = cents / starting.size();
            long remainder = cents % starting.size();
            for (int i = 0; i < starting.size(); i++) {
                int[] at = starting.get(i);
                Contract contract = persons.get(at[0]).candidacies().get(at[1]).contracts().get(at[2]);
                LocalDate bookedOn = contract.startDate().plusDays(BOOKED_AFTER_DAYS);
                if (bookedOn.getYear() != year) {
                    bookedOn = LocalDate.of(year, 12, 31);
                }
                costs.add(new Cost(at[0], at[1], at[2], "STUDY_COSTS",
                        BigDecimal.valueOf(share + (i < remainder ? 1 : 0), 2), bookedOn, null));
                if (i % CORRECTED_EVERY == 0) {
                    costs.add(new Cost(at[0], at[1], at[2], "LEARNING_MATERIALS", LEARNING_MATERIALS, bookedOn, null));
                    costs.add(new Cost(at[0], at[1], at[2], "LEARNING_MATERIALS", LEARNING_MATERIALS.negate(), bookedOn,
                            costs.size() - 1));
                }
            }
        }
        return List.copyOf(costs);
    }

    /** {person, candidacy, contract} of every contract that starts in the year, in plan order. */
    private static List<int[]> startingIn(List<Person> persons, int year, Predicate<Contract> okot) {
        List<int[]> starting = new ArrayList<>();
        for (int p = 0; p < persons.size(); p++) {
            List<Candidacy> candidacies = persons.get(p).candidacies();
            for (int c = 0; c < candidacies.size(); c++) {
                List<Contract> contracts = candidacies.get(c).contracts();
                for (int k = 0; k < contracts.size(); k++) {
                    if (contracts.get(k).startDate().getYear() == year && okot.test(contracts.get(k))) {
                        starting.add(new int[]{p, c, k});
                    }
                }
            }
        }
        return starting;
    }
}
