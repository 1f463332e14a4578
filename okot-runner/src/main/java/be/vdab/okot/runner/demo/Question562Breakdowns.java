package be.vdab.okot.runner.demo;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 2020 breakdowns of question 562 still to be planned: starts (answer 5: unique learners by age band, gender and
 * type), diplomas (answer 6) and drop-outs (answer 7: also by reason, the published top 5 plus the other drop-out
 * reasons that make the total). One population answers every question, so a planner that runs before
 * {@link Question562Planner} (question 74's) gives each of its persons with a 2020 fact values {@link #take taken}
 * from these counts; {@link Question562Planner} then plans what is left.
 *
 * <p>Keys: the published {@code age5} label (figures.md), the gender code ({@code M}, {@code V}), the type code of the
 * catalogue ({@code PBA}, …; {@link Question562Planner#TYPE_BY_LABEL}) and the {@code by=reason} key of a drop-out
 * ({@code FAILED} or the stop reason, {@link be.vdab.okot.events.outcome.DropOutRule}). Units as published: persons for
 * starts (a person counts once in each value one of their 2020 starts has), contracts for diplomas and drop-outs.
 */
final class Question562Breakdowns {

    /** The figures of 2020 with published breakdowns. */
    enum Figure { STARTS, DIPLOMAS, DROPOUTS }

    /** The published breakdowns ({@link Dimension#REASON} for drop-outs only). */
    enum Dimension { AGE, GENDER, TYPE, REASON }

    private final Map<Figure, Map<Dimension, Map<String, Integer>>> left = new EnumMap<>(Figure.class);

    private Question562Breakdowns() {
    }

    /** The counts of the shipped tables of question 562 (2020), nothing taken yet. */
    static Question562Breakdowns published() {
        Question562Breakdowns breakdowns = new Question562Breakdowns();
        breakdowns.put(Figure.STARTS, "q562_2020_starts_by_age", "q562_2020_starts_by_gender",
                "q562_2020_starts_by_okot_type", "unique_learners");
        breakdowns.put(Figure.DIPLOMAS, "q562_2020_graduates_by_age", "q562_2020_graduates_by_gender",
                "q562_2020_graduates_by_okot_type", "passed_trajectories");
        breakdowns.put(Figure.DROPOUTS, "q562_2020_dropouts_by_age", "q562_2020_dropouts_by_gender",
                "q562_2020_dropouts_by_okot_type", "dropouts");
        Map<String, Integer> reasons = new LinkedHashMap<>();
        PublishedTables.load("q562_2020_dropouts_by_reason").counts("dropouts")
                .forEach((label, count) -> reasons.put(Question562Planner.DROPOUT_BY_LABEL.get(label), count));
        // the published top 5 leave the rest to other stop reasons that count as drop-out
        int others = breakdowns.total(Figure.DROPOUTS) - reasons.values().stream().mapToInt(Integer::intValue).sum();
        for (int i = 0; i < others; i++) {
            reasons.merge(Question562Planner.OTHER_DROPOUT_REASONS.get(i % Question562Planner.OTHER_DROPOUT_REASONS.size()),
                    1, Integer::sum);
        }
        breakdowns.left.get(Figure.DROPOUTS).put(Dimension.REASON, reasons);
        return breakdowns;
    }

    private void put(Figure figure, String ageTable, String genderTable, String typeTable, String column) {
        Map<Dimension, Map<String, Integer>> dimensions = new EnumMap<>(Dimension.class);
        dimensions.put(Dimension.AGE, new LinkedHashMap<>(PublishedTables.load(ageTable).counts(column)));
        dimensions.put(Dimension.GENDER, new LinkedHashMap<>(PublishedTables.load(genderTable).counts(column)));
        Map<String, Integer> types = new LinkedHashMap<>();
        PublishedTables.load(typeTable).counts(column)
                .forEach((label, count) -> types.put(Question562Planner.TYPE_BY_LABEL.get(label), count));
        dimensions.put(Dimension.TYPE, types);
        left.put(figure, dimensions);
    }

    /** What is left of one breakdown: value → count, in the published order (a copy). */
    Map<String, Integer> left(Figure figure, Dimension dimension) {
        return new LinkedHashMap<>(counts(figure, dimension));
    }

    /** What is left of one value (0 for a value not published). */
    int left(Figure figure, Dimension dimension, String value) {
        return counts(figure, dimension).getOrDefault(value, 0);
    }

    /**
     * What is left of the figure's total: persons for starts (the gender rows add up to the distinct persons),
     * contracts for diplomas and drop-outs.
     */
    int total(Figure figure) {
        return counts(figure, Dimension.GENDER).values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Takes {@code count} of {@code value} from a breakdown.
     *
     * @throws IllegalStateException when fewer are left: the plan would not give the published count
     */
    void take(Figure figure, Dimension dimension, String value, int count) {
        int available = left(figure, dimension, value);
        if (available < count) {
            throw new IllegalStateException("Question 562, 2020 " + figure + " by " + dimension + ": " + count + " × "
                    + value + " wanted, " + available + " left");
        }
        counts(figure, dimension).put(value, available - count);
    }

    private Map<String, Integer> counts(Figure figure, Dimension dimension) {
        Map<String, Integer> counts = left.get(figure).get(dimension);
        if (counts == null) {
            throw new IllegalArgumentException(figure + " has no published breakdown by " + dimension);
        }
        return counts;
    }
}
