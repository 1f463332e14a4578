package be.vdab.okot.stats.domain;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

import java.util.Arrays;

/**
 * A dictionary of {@link CellCodes}: values numbered in the order first seen, append-only, so a value's code never
 * changes while the process lives (the live aggregate and the reconciliation's recount share the codes).
 *
 * <p>Writers (who give a value its code) must hold {@link CellCodes}' writer lock; readers (who turn a code back into
 * its value) take no lock at all. The values are an array that only grows: a new value is written into it (or into a
 * copy half as large again, published through a {@code volatile} field) before the {@code volatile} size that makes its
 * code readable, and every reader reads the size first — so a reader sees every code given before it began.
 */
final class CodeDictionary<T> {

    private final String name;
    private final int capacity;
    /** Value → code: writers only, under the writer lock. */
    private final Object2IntOpenHashMap<T> codes = new Object2IntOpenHashMap<>();
    private volatile Object[] values = new Object[16];
    private volatile int size;

    /**
     * @param name     what the values are, for the error of a full dictionary
     * @param capacity the number of codes it may give (its bits in a profile); past it, {@link #code} throws
     * @param first    the value of code 0 (null: "no value")
     */
    CodeDictionary(String name, int capacity, T first) {
        this.name = name;
        this.capacity = capacity;
        codes.defaultReturnValue(-1);
        if (first != null) {
            codes.put(first, 0);
        }
        values[0] = first;
        size = 1;
    }

    /** The value's code, given now if the value is new. The caller holds the writer lock. */
    int code(T value) {
        int code = codes.getInt(value);
        if (code >= 0) {
            return code;
        }
        int next = size;
        if (next >= capacity) {
            throw new IllegalStateException("more than " + (capacity - 1) + " values of " + name + " in the live figures");
        }
        Object[] array = values;
        if (next == array.length) {
            array = Arrays.copyOf(array, array.length + (array.length >> 1)); // grown by half, as an ArrayList
            array[next] = value;
            values = array;
        } else {
            array[next] = value;
        }
        codes.put(value, next);
        size = next + 1; // publishes the value: a reader reads the size first
        return next;
    }

    /** The value of a code given before (no lock). */
    @SuppressWarnings("unchecked")
    T value(int code) {
        if (code >= size) {
            throw new IllegalStateException("no value of " + name + " has code " + code);
        }
        return (T) values[code];
    }

    /** How many codes have been given (no lock): codes {@code 0 .. size() - 1} can be read. */
    int size() {
        return size;
    }

    /**
     * F1's profiles ({@link CellCodes}): a profile number for each packed profile, the same discipline with primitive
     * {@code long}s (a national population has hundreds of thousands of them).
     */
    static final class Profiles {

        private final Long2IntOpenHashMap numbers = new Long2IntOpenHashMap();
        private volatile long[] profiles = new long[1024];
        private volatile int size;

        Profiles() {
            numbers.defaultReturnValue(-1);
        }

        /** The profile's number, given now if the profile is new. The caller holds the writer lock. */
        int number(long profile) {
            int number = numbers.get(profile);
            if (number >= 0) {
                return number;
            }
            int next = size;
            long[] array = profiles;
            if (next == array.length) {
                array = Arrays.copyOf(array, array.length + (array.length >> 1)); // grown by half, as an ArrayList
                array[next] = profile;
                profiles = array;
            } else {
                array[next] = profile;
            }
            numbers.put(profile, next);
            size = next + 1;
            return next;
        }

        /** The profile of a number given before (no lock). */
        long profile(int number) {
            if (number >= size) {
                throw new IllegalStateException("no F1 profile has number " + number);
            }
            return profiles[number];
        }

        /**
         * Profile number → profile for every number given so far (no lock; for a read's hot loop): the live array,
         * never to be written; numbers given later may or may not be in it.
         */
        long[] known() {
            int given = size; // read first: the array read after it holds every number given before
            long[] array = profiles;
            assert given <= array.length;
            return array;
        }
    }
}
