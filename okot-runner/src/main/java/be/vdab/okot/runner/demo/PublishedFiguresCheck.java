package be.vdab.okot.runner.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * Compares every published cell and figure the demo's years cover with what stats-service answers now, one
 * {@link QuestionCheck} per published answer: question 562 ({@link Question562Check}), question 74
 * ({@link Question74Check}), question 315 ({@link Question315Check}), the care sector of seed 001
 * ({@link CareSectorCheck}). Each difference names the table, the row, the column and both values.
 */
public final class PublishedFiguresCheck {

    /**
     * The outcome: how many cells of the published tables were compared, how many published figures outside a table
     * (the euro spent in 2020, the care sector's numbers), which differ, and which differ because two published
     * answers contradict each other there (declared with {@link CellCheck#contradiction}: no population gives both).
     */
    public record Result(int cellsChecked, int figuresChecked, List<String> differences, List<String> contradictions) {
        public boolean matches() {
            return differences.isEmpty();
        }
    }

    private static final List<QuestionCheck> QUESTIONS = List.of(new Question562Check(), new Question74Check(),
            new Question315Check(), new CareSectorCheck());

    private final String statsUrl;
    private final String analystToken;
    private final Path referenceDir;

    /** @param referenceDir a copy of {@code shared/reference}; {@code null} for the tables shipped in okot-reference */
    public PublishedFiguresCheck(String statsUrl, String analystToken, Path referenceDir) {
        this.statsUrl = statsUrl;
        this.analystToken = analystToken;
        this.referenceDir = referenceDir;
    }

    /** Every published cell and figure of the years {@code fromYear}..{@code toYear}. */
    public Result check(int fromYear, int toYear) {
        CellCheck cells = new CellCheck(statsUrl, analystToken, referenceDir, fromYear, toYear);
        QUESTIONS.forEach(question -> question.check(cells));
        return cells.result();
    }
}
