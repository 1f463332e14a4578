package be.vdab.okot.runner.demo;

/**
 * Plans the demo's synthetic population: one population whose live figures, counted by stats-service by the rules
 * of figures.md, equal what was published. Each published answer has its own planner with the rule it meets at its
 * top; they add their persons to one {@link PopulationBuilder}, in an order where a later one can see what an earlier
 * one planned:
 * <ol>
 *   <li>{@link Question562Planner}: question 562 (2013–2020: starts, diplomas, drop-outs, outflow, their 2020
 *       breakdowns).</li>
 *   <li>{@link CareSectorPlanner}: the care sector of seed 001 (starters, diplomas and drop-outs of
 *       January–September 2023 and 2022; contracts from September 2021), when the years include 2023.</li>
 *   <li>{@link SpendingPlanner}: F9, the money spent in 2020 (question 562, answer 3), over the contracts planned.</li>
 * </ol>
 * Seeded: the same seed, years and catalogue give the same population.
 */
public final class PopulationPlanner {

    public static final int FIRST_YEAR = Question562Planner.FIRST_YEAR;
    public static final int LAST_YEAR = CareSectorPlanner.LAST_YEAR;
    /** The year {@code ./okot demo} loads when given none: question 562's detail year. */
    public static final int DEFAULT_YEAR = Question562Planner.LAST_YEAR;
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
        if (fromYear <= Question562Planner.LAST_YEAR) {
            new Question562Planner(builder).plan(fromYear, Math.min(toYear, Question562Planner.LAST_YEAR));
        }
        new CareSectorPlanner(builder).plan(fromYear, toYear);
        return new DemoPlan(seed, fromYear, toYear, java.util.List.copyOf(builder.persons()),
                SpendingPlanner.costs(builder.persons(), fromYear, toYear, SpendingPlanner.PUBLISHED));
    }
}
