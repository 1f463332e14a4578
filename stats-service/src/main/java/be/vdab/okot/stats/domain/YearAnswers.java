package be.vdab.okot.stats.domain;

import be.vdab.okot.stats.domain.FigureAnswer.Row;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The counted part of the answers of whole calendar years (rows and total, figures.md F1–F4, F7, F8; F6's evolution
 * reads one per year), kept while the live cells of that figure and year and the course catalogue are unchanged: a
 * past year's answer is counted once, not at every read, and is as exact as a recount — any change of a cell of the
 * year, an addition or a retraction, gives the year a new stamp ({@link LiveCells#changedAt}), and an answer is only
 * given back under the stamp and catalogue version it was counted at.
 *
 * <p>Bounded: at most {@code maxRows} rows in all (each answer weighs its rows plus one), the least recently read
 * answers leave first; an answer of more than a quarter of that is not kept. A row is a few hundred bytes, so the
 * default of {@link #DEFAULT_ROWS} keeps the heap under ~6 MB.
 *
 * <p>Thread-safe: the map is locked only to look up or file an answer, never while counting one.
 */
public final class YearAnswers {

    /** The default bound, in rows (~200–300 bytes each). */
    public static final int DEFAULT_ROWS = 20_000;

    /**
     * What an answer within one calendar year depends on besides the cells and the catalogue: the figure, the year,
     * the days of the period in it (the whole year, whole months as seed 001's January–September, any days),
     * breakdowns and filters as given.
     */
    public record Question(FigureKind figure, int year, LocalDate from, LocalDate to, List<Dimension> by,
                           Map<String, String> filters) {

        public Question {
            if (from.getYear() != year || to.getYear() != year) {
                throw new IllegalArgumentException(from + " – " + to + " is not within " + year);
            }
            by = List.copyOf(by);
            filters = Map.copyOf(filters);
        }

        /** The question of the whole calendar year. */
        public Question(FigureKind figure, int year, List<Dimension> by, Map<String, String> filters) {
            this(figure, year, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), by, filters);
        }
    }

    /**
     * The counted part of an answer: its rows (immutable), its total by the figure's unit and, for F2 and F3, the
     * distinct persons among the contracts counted (else null).
     */
    public record Counted(List<Row> rows, Object total, Long persons) {

        public Counted {
            rows = List.copyOf(rows);
        }
    }

    private record Answer(long stamp, long catalogue, Counted counted) {
    }

    private final int maxRows;
    private final LinkedHashMap<Question, Answer> answers = new LinkedHashMap<>(64, 0.75f, true);
    private long rows;
    private long hits;
    private long misses;

    /** @param maxRows the bound, in rows of all kept answers */
    public YearAnswers(int maxRows) {
        this.maxRows = maxRows;
    }

    /**
     * The answer of a whole year from these cells: the kept one if neither the cells of the figure in that year nor the
     * catalogue changed since it was counted, else {@code count}'s (which must read these cells), kept for next time.
     *
     * @param catalogue the version of the course catalogue {@code count} labels with ({@link CourseCatalogue.Snapshot#version})
     */
    public Counted answer(LiveCells cells, Question question, long catalogue, Supplier<Counted> count) {
        long stamp = cells.changedAt(question.figure(), question.year()); // before the count: never newer than its cells
        synchronized (this) {
            Answer kept = answers.get(question);
            if (kept != null && kept.stamp() == stamp && kept.catalogue() == catalogue) {
                hits++;
                return kept.counted();
            }
            misses++;
        }
        Counted counted = count.get();
        keep(question, new Answer(stamp, catalogue, counted));
        return counted;
    }

    private synchronized void keep(Question question, Answer answer) {
        long weight = weight(answer);
        Answer kept = answers.get(question);
        if (weight > maxRows / 4 || kept != null && kept.stamp() > answer.stamp()) {
            return; // too large, or a newer count was kept meanwhile
        }
        if (kept != null) {
            rows -= weight(answers.remove(question));
        }
        answers.put(question, answer);
        rows += weight;
        for (Iterator<Answer> eldest = answers.values().iterator(); rows > maxRows && eldest.hasNext(); ) {
            rows -= weight(eldest.next());
            eldest.remove();
        }
    }

    private static long weight(Answer answer) {
        return answer.counted().rows().size() + 1L;
    }

    /** How many answers are kept now. */
    public synchronized int size() {
        return answers.size();
    }

    /** Reads answered from a kept answer, and counted, since the start: {hits, misses}. */
    public synchronized long[] reads() {
        return new long[]{hits, misses};
    }
}
