package be.vdab.okot.runner.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed 001, the care sector (<i>OKOT's – Zorgsector</i>, INDEX.md §7): the figures its answer gives in its text (the
 * annexes with the tables are not in the seed), against
 * {@code GET /stats/{starts|diplomas|dropouts}?from=2023-01-01&to=2023-09-30&sector=ZORG&compare=previous-year}:
 * <ul>
 *   <li>starters: 2,702 in January–September 2023 ({@code total}), the same months of 2022 ({@code compare.total},
 *       2,938 = 2,702 + 236, implied) and the difference ({@code compare.difference}, −236);</li>
 *   <li>diplomas: 810, 853 (810 + 43, implied) and −43;</li>
 *   <li>drop-outs: 744 in 2023 only (2022 is not published, only "a provisional fall").</li>
 * </ul>
 * Seven figures, each counted by {@link CellCheck#compareFigure}. Whether the answer is {@code provisional} is not
 * compared: it was when published, it is no longer today (the grace period is months, not years). Planned by
 * {@link CareSectorPlanner}; checked when the demo's years include 2023.
 */
public final class CareSectorCheck implements QuestionCheck {

    /** How a difference names the source: the seed's answer text, there is no table. */
    static final String SOURCE = "seed 001 (care sector, text)";
    /** How many figures the check compares: starters and diplomas 2023, 2022 and the difference; drop-outs 2023. */
    public static final int FIGURES = 7;

    @Override
    public void check(CellCheck cells) {
        CareSectorPlanner.Period published = CareSectorPlanner.PUBLISHED;
        CareSectorPlanner.Period previous = CareSectorPlanner.PREVIOUS;
        if (!cells.covers(published.year(), published.year())) {
            return;
        }
        compare(cells, "starts", "starters", published.starters(), previous.starters());
        compare(cells, "diplomas", "diplomas", published.diplomas(), previous.diplomas());
        compare(cells, "dropouts", "drop-outs", published.dropouts(), null);
    }

    /** One figure of January–September 2023; with {@code previous}, also 2022 and the difference. */
    private static void compare(CellCheck cells, String figure, String what, int published, Integer previous) {
        CareSectorPlanner.Period period = CareSectorPlanner.PUBLISHED;
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from", period.from().toString());
        query.put("to", period.to().toString());
        query.put("sector", CareSectorPlanner.SECTOR);
        query.put("compare", "previous-year");
        JsonNode answer = cells.get("/stats/" + figure, query);
        String months = "January–September ";
        cells.compareFigure(SOURCE, what, months + period.year(), Integer.toString(published), answer.path("total"));
        if (previous != null) {
            JsonNode compared = answer.path("compare");
            cells.compareFigure(SOURCE, what, months + (period.year() - 1), Integer.toString(previous),
                    compared.path("total"));
            cells.compareFigure(SOURCE, what, "difference", Integer.toString(published - previous),
                    compared.path("difference"));
        }
    }
}
