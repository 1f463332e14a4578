package be.vdab.okot.stats.domain;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * The live aggregate: for each figure and calendar month, the cells that figure counts, each a
 * {@link Fact} cut down to its breakdown values ({@link Contribution#cell()}) with how many times it
 * is counted and how many of those were at work (F4). A change of a person's facts arrives as the
 * contributions it retracts and the ones it adds ({@link #apply}); a read of a range of months touches
 * the cells of those months only, so its cost follows the period asked for, not the history.
 *
 * <p>Cells of a sum figure (diplomas, drop-outs, outflow, knelpunt, funnel) merge every contribution with
 * the same breakdown values in a month. Cells of F1 keep the person and the day of the start, because a
 * person counts once per cell and once in the total however many starts (figures.md F1): the reader
 * counts distinct persons.
 *
 * <p>Thread-safe: reads share a lock, a change takes it alone (a change is a few cells, microseconds).
 */
public final class LiveCells {

    /** A cell as read: the breakdown values, the times it is counted, and the times at work (F4 only). */
    public record Counted(Fact cell, long count, long atWork) {
    }

    private final Map<FigureKind, NavigableMap<YearMonth, Map<Fact, long[]>>> months = new EnumMap<>(FigureKind.class);
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /** Retracts the old contributions of the changed facts and adds their new ones, at once for readers. */
    public void apply(List<Contribution> retracted, List<Contribution> added) {
        lock.writeLock().lock();
        try {
            retracted.forEach(contribution -> add(contribution, -1));
            added.forEach(contribution -> add(contribution, 1));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Empties the aggregate and fills it with these contributions (a load or a rebuild). */
    public void replaceAll(Iterable<Contribution> contributions) {
        lock.writeLock().lock();
        try {
            months.clear();
            contributions.forEach(contribution -> add(contribution, 1));
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void add(Contribution contribution, int sign) {
        Map<Fact, long[]> cells = months.computeIfAbsent(contribution.figure(), figure -> new TreeMap<>())
                .computeIfAbsent(YearMonth.from(contribution.countedOn()), month -> new HashMap<>());
        long[] counts = cells.computeIfAbsent(contribution.cell(), cell -> new long[2]);
        counts[0] += sign;
        if (Boolean.TRUE.equals(contribution.fact().atWork())) {
            counts[1] += sign;
        }
        if (counts[0] == 0 && counts[1] == 0) {
            cells.remove(contribution.cell());
        }
    }

    /**
     * The cells of a figure counted in the whole months {@code from}–{@code to} (both included) that the
     * filter selects; the same breakdown values in different months come as separate cells.
     */
    public List<Counted> read(FigureKind figure, YearMonth from, YearMonth to, Predicate<Fact> selected) {
        lock.readLock().lock();
        try {
            List<Counted> read = new ArrayList<>();
            NavigableMap<YearMonth, Map<Fact, long[]>> byMonth = months.get(figure);
            if (byMonth == null || from.isAfter(to)) {
                return read;
            }
            for (Map<Fact, long[]> cells : byMonth.subMap(from, true, to, true).values()) {
                cells.forEach((cell, counts) -> {
                    if (selected.test(cell)) {
                        read.add(new Counted(cell, counts[0], counts[1]));
                    }
                });
            }
            return read;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every cell with its month, for tests: figure → month → cell → {count, at work}, a copy. */
    public Map<FigureKind, Map<YearMonth, Map<Fact, long[]>>> snapshot() {
        lock.readLock().lock();
        try {
            Map<FigureKind, Map<YearMonth, Map<Fact, long[]>>> copy = new EnumMap<>(FigureKind.class);
            months.forEach((figure, byMonth) -> {
                Map<YearMonth, Map<Fact, long[]>> monthsCopy = new TreeMap<>();
                byMonth.forEach((month, cells) -> {
                    Map<Fact, long[]> cellsCopy = new HashMap<>();
                    cells.forEach((cell, counts) -> cellsCopy.put(cell, counts.clone()));
                    monthsCopy.put(month, cellsCopy);
                });
                copy.put(figure, monthsCopy);
            });
            return copy;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A cell whose counts differ between two aggregates; a cell one of them lacks counts zero there. */
    public record Difference(YearMonth month, Fact cell, long[] here, long[] there) {
    }

    /** The number of cells of a figure. */
    public long size(FigureKind figure) {
        lock.readLock().lock();
        try {
            NavigableMap<YearMonth, Map<Fact, long[]>> byMonth = months.get(figure);
            return byMonth == null ? 0 : byMonth.values().stream().mapToLong(Map::size).sum();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Compares a figure's cells with another aggregate's, without copying either (the reconciliation
     * compares the live aggregate with a recount): each differing cell goes to {@code differences}.
     */
    public void compare(FigureKind figure, LiveCells other, java.util.function.Consumer<Difference> differences) {
        lock.readLock().lock();
        other.lock.readLock().lock();
        try {
            NavigableMap<YearMonth, Map<Fact, long[]>> mine = months.getOrDefault(figure, new TreeMap<>());
            NavigableMap<YearMonth, Map<Fact, long[]>> theirs = other.months.getOrDefault(figure, new TreeMap<>());
            long[] none = new long[2];
            mine.forEach((month, cells) -> {
                Map<Fact, long[]> otherCells = theirs.getOrDefault(month, Map.of());
                cells.forEach((cell, counts) -> {
                    long[] otherCounts = otherCells.getOrDefault(cell, none);
                    if (counts[0] != otherCounts[0] || counts[1] != otherCounts[1]) {
                        differences.accept(new Difference(month, cell, counts.clone(), otherCounts.clone()));
                    }
                });
            });
            theirs.forEach((month, cells) -> {
                Map<Fact, long[]> myCells = mine.getOrDefault(month, Map.of());
                cells.forEach((cell, counts) -> {
                    if (!myCells.containsKey(cell)) {
                        differences.accept(new Difference(month, cell, none.clone(), counts.clone()));
                    }
                });
            });
        } finally {
            other.lock.readLock().unlock();
            lock.readLock().unlock();
        }
    }
}
