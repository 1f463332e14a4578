package be.vdab.okot.stats.domain;

import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntSet;
import it.unimi.dsi.fastutil.longs.Long2IntMap;
import it.unimi.dsi.fastutil.longs.Long2IntMaps;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The live aggregate: for each figure and each day, the cells that figure counts on that day, each a set of
 * breakdown values with how many times it is counted. A change of a person's facts arrives as the
 * contributions it retracts and the ones it adds ({@link #apply}). Any period — a year, whole months, or
 * any from–to days — is read from the cells of its days only (figures.md: both ends included), so a read
 * costs what the period holds, not the history, and a day range is as exact as a year.
 *
 * <p>Why cells per day: the breakdown values of a contribution (age, gender, province, type, training,
 * course, sector, ...) are nearly unique at national scale, so a month cell would merge hardly anything that a
 * day cell does not, while day cells need no recount for a period that cuts a month.
 *
 * <p>Compact: a day's cells are one primitive map from a {@code long} key to an {@code int} count (fastutil,
 * 12 bytes a slot), the key being the contribution's breakdown values as dictionary codes packed into 64
 * bits ({@link CellCodes}). Sum figures (F4 outflow, F7 knelpunt, F8 funnel) merge every contribution of a day
 * with the same values into one cell; F1 cells also keep the person, because a person counts once per row and once
 * in the total however many starts (figures.md F1), and so do F2 diplomas and F3 drop-outs, whose value stays the
 * sum of contracts (the cell's count) beside the distinct persons of each row and of the total
 * ({@link FigureKind#hasPersonsMeasure}). The age is the age
 * on the fact's reference date (the start, the end, for F4 the cluster's end while the day is the measurement
 * date), so a birthday never moves a cell. F4's "at work" is one of the packed values: a cell counts the
 * clusters at work or those not.
 *
 * <p>Every change stamps the years it touches ({@link #changedAt}): a whole year's answer computed from these cells
 * stays true while its stamp is the same ({@link YearAnswers}).
 *
 * <p>Thread-safe: reads share a lock, a change takes it alone (a change is a few cells, microseconds).
 */
public final class LiveCells {

    /**
     * A cell as read: the breakdown values (for F1–F3 with the person as {@code unit}; the age as a birth date on
     * {@link Fact#referenceDate()}, which is not the day counted), the times counted, the times at work (F4).
     */
    public record Counted(Fact cell, long count, long atWork) {
    }

    /**
     * The cells of a read grouped by the values of its breakdowns (and the funnel step or knelpunt count):
     * {@code cell} has those values (its other values are one cell's), the times counted, the times at work (F4)
     * and, for F1–F3, the distinct persons (numbers, comparable within one read) — to be unioned, not added.
     */
    public record Tally(Fact cell, long count, long atWork, IntSet persons) {
    }

    /** A cell whose counts ({count, at work}) differ between two aggregates; a lacking cell counts zero. */
    public record Difference(LocalDate day, Fact cell, long[] here, long[] there) {
    }

    /** The source of the stamps of every aggregate of the process: a stamp is never given twice. */
    private static final AtomicLong STAMPS = new AtomicLong();

    private final Map<FigureKind, NavigableMap<LocalDate, Long2IntOpenHashMap>> days = new EnumMap<>(FigureKind.class);
    /** Figure → year → stamp of its last change; a year not in it has {@link #filled}. */
    private final Map<FigureKind, Int2LongOpenHashMap> changed = new EnumMap<>(FigureKind.class);
    /** The stamp of the last time every year changed: when these cells were created or last filled. */
    private long filled = STAMPS.incrementAndGet();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /** Retracts the old contributions of the changed facts and adds their new ones, at once for readers. */
    public void apply(List<Contribution> retracted, List<Contribution> added) {
        lock.writeLock().lock();
        try {
            long stamp = STAMPS.incrementAndGet();
            retracted.forEach(contribution -> {
                add(contribution, -1);
                stamp(contribution, stamp);
            });
            added.forEach(contribution -> {
                add(contribution, 1);
                stamp(contribution, stamp);
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Empties the aggregate and fills it with these contributions (a load or a rebuild). */
    public void replaceAll(Iterable<Contribution> contributions) {
        lock.writeLock().lock();
        try {
            days.clear();
            changed.clear();
            filled = STAMPS.incrementAndGet();
            contributions.forEach(contribution -> add(contribution, 1));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The stamp of the last change of a figure's cells in a calendar year (any day of it, an addition or a
     * retraction), unique among every aggregate of the process: equal stamps, equal cells of that year. Read it
     * before reading the year, so that an answer is never filed under a stamp newer than its cells.
     */
    public long changedAt(FigureKind figure, int year) {
        lock.readLock().lock();
        try {
            Int2LongOpenHashMap years = changed.get(figure);
            return years == null || !years.containsKey(year) ? filled : years.get(year);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void stamp(Contribution contribution, long stamp) {
        changed.computeIfAbsent(contribution.figure(), figure -> new Int2LongOpenHashMap())
                .put(contribution.countedOn().getYear(), stamp);
    }

    private void add(Contribution contribution, int sign) {
        NavigableMap<LocalDate, Long2IntOpenHashMap> byDay = days.computeIfAbsent(contribution.figure(),
                figure -> new TreeMap<>());
        Long2IntOpenHashMap cells = byDay.computeIfAbsent(contribution.countedOn(), day -> new Long2IntOpenHashMap(4));
        long key = CellCodes.key(contribution);
        if (cells.addTo(key, sign) + sign == 0) {
            cells.remove(key);
            if (cells.isEmpty()) {
                byDay.remove(contribution.countedOn());
            }
        }
    }

    /**
     * The cells of a figure counted from {@code from} to {@code to} (both included) that the filter selects,
     * the days merged: one per set of breakdown values, for F1–F3 one per set of values and person.
     */
    public List<Counted> read(FigureKind figure, LocalDate from, LocalDate to, Predicate<Fact> selected) {
        lock.readLock().lock();
        try {
            return CellCodes.counted(figure, counts(figure, from, to), selected);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The cells of a figure counted from {@code from} to {@code to} (both included), kept by the filters (a
     * breakdown → a test of its source value, {@link Dimension#source}) and grouped by the breakdowns {@code by}:
     * the work per cell is a few bit operations, the values are decoded once per group.
     */
    public List<Tally> tally(FigureKind figure, LocalDate from, LocalDate to, Map<Dimension, Predicate<Object>> filters,
                             List<Dimension> by) {
        lock.readLock().lock();
        try {
            NavigableMap<LocalDate, Long2IntOpenHashMap> byDay = days.get(figure);
            return byDay == null || from.isAfter(to) ? new ArrayList<>()
                    : CellCodes.tally(figure, byDay.subMap(from, true, to, true).values(), filters, by);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Cell key → count over the days of the period (the caller holds the read lock). */
    private Long2LongOpenHashMap counts(FigureKind figure, LocalDate from, LocalDate to) {
        Long2LongOpenHashMap counts = new Long2LongOpenHashMap();
        NavigableMap<LocalDate, Long2IntOpenHashMap> byDay = days.get(figure);
        if (byDay != null && !from.isAfter(to)) {
            for (Long2IntOpenHashMap cells : byDay.subMap(from, true, to, true).values()) {
                for (Long2IntMap.Entry cell : Long2IntMaps.fastIterable(cells)) {
                    counts.addTo(cell.getLongKey(), cell.getIntValue());
                }
            }
        }
        return counts;
    }

    /** The cells of the whole months {@code from}–{@code to}, both included: {@link #read(FigureKind, LocalDate, LocalDate, Predicate)}. */
    public List<Counted> read(FigureKind figure, YearMonth from, YearMonth to, Predicate<Fact> selected) {
        return read(figure, from.atDay(1), to.atEndOfMonth(), selected);
    }

    /** Every cell with its day, for tests: figure → day → cell → {count, at work}, a copy. */
    public Map<FigureKind, Map<LocalDate, Map<Fact, long[]>>> snapshot() {
        lock.readLock().lock();
        try {
            Map<FigureKind, Map<LocalDate, Map<Fact, long[]>>> copy = new EnumMap<>(FigureKind.class);
            days.forEach((figure, byDay) -> {
                Map<LocalDate, Map<Fact, long[]>> daysCopy = new TreeMap<>();
                byDay.forEach((day, cells) -> {
                    Map<Fact, long[]> cellsCopy = new HashMap<>();
                    cells.forEach((key, count) -> cellsCopy.put(CellCodes.fact(figure, key), counts(figure, key, count)));
                    daysCopy.put(day, cellsCopy);
                });
                copy.put(figure, daysCopy);
            });
            return copy;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The number of cells of a figure. */
    public long size(FigureKind figure) {
        lock.readLock().lock();
        try {
            NavigableMap<LocalDate, Long2IntOpenHashMap> byDay = days.get(figure);
            return byDay == null ? 0 : byDay.values().stream().mapToLong(Long2IntOpenHashMap::size).sum();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Compares a figure's cells with another aggregate's, without copying either (the reconciliation
     * compares the live aggregate with a recount): each differing cell goes to {@code differences}.
     */
    public void compare(FigureKind figure, LiveCells other, Consumer<Difference> differences) {
        lock.readLock().lock();
        other.lock.readLock().lock();
        try {
            NavigableMap<LocalDate, Long2IntOpenHashMap> mine = days.getOrDefault(figure, new TreeMap<>());
            NavigableMap<LocalDate, Long2IntOpenHashMap> theirs = other.days.getOrDefault(figure, new TreeMap<>());
            differing(figure, mine, theirs, false, differences);
            differing(figure, theirs, mine, true, differences);
        } finally {
            other.lock.readLock().unlock();
            lock.readLock().unlock();
        }
    }

    /** The cells of {@code these} whose counts differ in {@code those}, or that only {@code these} has when {@code lacking}. */
    private static void differing(FigureKind figure, NavigableMap<LocalDate, Long2IntOpenHashMap> these,
                                  NavigableMap<LocalDate, Long2IntOpenHashMap> those, boolean lacking,
                                  Consumer<Difference> differences) {
        Long2IntOpenHashMap none = new Long2IntOpenHashMap();
        these.forEach((day, cells) -> {
            Long2IntOpenHashMap otherCells = those.getOrDefault(day, none);
            for (Long2IntMap.Entry cell : Long2IntMaps.fastIterable(cells)) {
                long key = cell.getLongKey();
                boolean shared = otherCells.containsKey(key);
                if (lacking ? !shared : otherCells.get(key) != cell.getIntValue()) {
                    long[] here = counts(figure, key, cell.getIntValue());
                    long[] there = counts(figure, key, otherCells.get(key));
                    differences.accept(new Difference(day, CellCodes.fact(figure, key), lacking ? there : here,
                            lacking ? here : there));
                }
            }
        });
    }

    private static long[] counts(FigureKind figure, long key, int count) {
        return new long[]{count, CellCodes.atWork(figure, key) ? count : 0};
    }
}
