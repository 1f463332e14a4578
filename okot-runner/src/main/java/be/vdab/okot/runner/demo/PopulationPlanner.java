package be.vdab.okot.runner.demo;

import be.vdab.okot.events.enrolment.StartRule;

/**
 * Plans the demo's synthetic population: one population whose live figures, counted by stats-service by the rules
 * of figures.md, equal what was published. Each published answer has its own planner with the rule it meets at its
 * top; they add their persons to one {@link PopulationBuilder}, in an order where a later one can see what an earlier
 * one planned:
 * <ol>
 *   <li>{@link Question74Planner}: question 74 (the teacher trainings by training-year code: starts 2018–2021,
 *       diplomas and drop-outs 2018 to the first half of 2022); its persons of 2020 take their values from question
 *       562's 2020 breakdowns.</li>
 *   <li>{@link Question562Planner}: question 562 (2013–2020: starts, diplomas, drop-outs, outflow, their 2020
 *       breakdowns), filled up from what question 74 planned.</li>
 *   <li>{@link Question315Planner}: question 315 (2019–2020: the module 4a/4b trainings of F7 and their outflow), one
 *       person per training, never an OKOT contract.</li>
 *   <li>{@link CareSectorPlanner}: the care sector of seed 001 (starters, diplomas and drop-outs of
 *       January–September 2023 and 2022; contracts from September 2021), when the years include 2023.</li>
 *   <li>{@link SpendingPlanner}: F9, the money spent in 2020 (question 562, answer 3), over the OKOT contracts planned
 *       (F9 never counts a module 4a/4b contract).</li>
 * </ol>
 * Seeded: the same seed, years and catalogue give the same population.
 */
public final class PopulationPlanner {

    public static final int FIRST_YEAR = Question562Planner.FIRST_YEAR;
    /** The last year with published figures: seed 001's January–September 2023. */
    public static final int LAST_YEAR = CareSectorPlanner.LAST_YEAR;
    /** The year of the published breakdowns, the demo's year when none is asked. */
    public static final int DEFAULT_YEAR = Question562Planner.DETAIL_YEAR;
    /** The year whose offers the catalogue gives (see {@link PopulationBuilder#OFFERS_YEAR}). */
    static final int DETAIL_YEAR = PopulationBuilder.OFFERS_YEAR;

    private final Catalogue catalogue;
    private final long seed;

    public PopulationPlanner(Catalogue catalogue, long seed) {
        this.catalogue = catalogue;
        this.seed = seed;
    }

    /**
     * The population whose published figures of {@code fromYear}..{@code toYear} it reproduces.
     *
     * @throws IllegalArgumentException for years outside {@link #FIRST_YEAR}..{@link #LAST_YEAR}
     */
    public DemoPlan plan(int fromYear, int toYear) {
        if (fromYear < FIRST_YEAR || toYear > LAST_YEAR || fromYear > toYear) {
            throw new IllegalArgumentException("The published figures cover " + FIRST_YEAR + "–" + LAST_YEAR
                    + "; asked " + fromYear + "–" + toYear);
        }
        PopulationBuilder builder = new PopulationBuilder(catalogue, seed);
        // question 562's 2020 breakdowns, shared when 2020 is planned: question 74's persons of 2020 take their part
        Question562Breakdowns breakdowns = Question562Breakdowns.published();
        boolean detailYear = fromYear <= Question562Planner.DETAIL_YEAR && Question562Planner.DETAIL_YEAR <= toYear;
        new Question74Planner(builder, detailYear ? breakdowns : null).plan(fromYear, toYear);
        if (fromYear <= Question562Planner.LAST_YEAR) {
            new Question562Planner(builder, breakdowns).plan(fromYear, Math.min(toYear, Question562Planner.LAST_YEAR));
        }
        new Question315Planner(builder).plan(fromYear, toYear);
        new CareSectorPlanner(builder).plan(fromYear, toYear);
        return new DemoPlan(seed, fromYear, toYear, java.util.List.copyOf(builder.persons()),
                SpendingPlanner.costs(builder.persons(), fromYear, toYear, SpendingPlanner.PUBLISHED,
                        contract -> StartRule.OKOT.equals(builder.courseOf(contract.trainingCode()).programme())));
    }
}
