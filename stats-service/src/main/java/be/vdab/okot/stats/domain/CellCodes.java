package be.vdab.okot.stats.domain;

import be.vdab.okot.events.AgeBandRule;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.Province;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2IntMap;
import it.unimi.dsi.fastutil.longs.Long2IntMaps;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongMap;
import it.unimi.dsi.fastutil.longs.Long2LongMaps;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The compact encoding of the live aggregate's cells ({@link LiveCells}): every breakdown value of a
 * contribution as a dictionary code, the codes packed into one {@code long}, the <i>profile</i>.
 *
 * <p>Bits of a profile, from the lowest: age on the reference date 7 (127 distinct ages), gender 2, province 3,
 * type 4 (15), training code and name 13 (8,191 pairs), course 12 (4,095), sector 7 (127), drop-out reason 4
 * (15), ending 2, referral 2, funnel step or knelpunt count 4 (15), programme 3 (7), at work 1 — 64 in all.
 * Code 0 is "no value" (null). A dictionary that outgrows its bits throws {@link IllegalStateException}
 * rather than count wrong (the catalogue of figures.md has a tenth of these numbers).
 *
 * <p>A cell's key is the profile for the sum figures (F4 outflow, F7 knelpunt, F8 funnel). F1 starts keep the
 * person (figures.md F1: distinct persons), and so do F2 diplomas and F3 drop-outs (their {@code persons} measure, the
 * distinct persons beside the sum of contracts: {@link FigureKind#hasPersonsMeasure}), so there the key is a profile
 * number (the high 32 bits; a dictionary of the profiles these figures have seen) and a person number (the low 32
 * bits); the cell's count is how many times that person counts with that profile on that day.
 *
 * <p>The dictionaries are shared by every aggregate of the process (the live one and the reconciliation's
 * recount), so equal cells have equal keys in both; they only grow, by the distinct values ever seen (a few
 * thousand, persons and F1 profiles aside).
 *
 * <p>Thread-safe, and readers never wait: giving codes ({@link #key}, the consumer and the recount) holds one writer
 * lock, so a value gets one code whoever asks first; reading codes back (every other method, the figure reads) takes
 * no lock — each dictionary ({@link CodeDictionary}) publishes its values through {@code volatile} fields, and a
 * read only meets codes of cells written before it began. A read's hot loop works on bits and on those arrays.
 */
final class CellCodes {

    /** The day the age of a decoded cell is taken on: its birth date is this day minus the age. */
    static final LocalDate AGE_REFERENCE = LocalDate.of(2000, 1, 1);

    /** A training year's code with its name: one breakdown value (figures.md, {@code training}). */
    private record Training(String code, String name) {
    }

    private enum Field {
        AGE(7, fact -> fact.birthDate() == null ? null : AgeBandRule.age(fact.birthDate(), fact.referenceDate())),
        GENDER(2, Fact::gender),
        PROVINCE(3, Fact::province),
        TYPE(4, Fact::type),
        TRAINING(13, fact -> fact.trainingCode() == null && fact.trainingName() == null ? null
                : new Training(fact.trainingCode(), fact.trainingName())),
        COURSE(12, Fact::courseCode),
        SECTOR(7, Fact::sector),
        REASON(4, Fact::reason),
        ENDING(2, Fact::ending),
        REFERRAL(2, Fact::referral),
        STEP(4, Fact::step),
        PROGRAMME(3, Fact::programme),
        AT_WORK(1, fact -> Boolean.TRUE.equals(fact.atWork()) ? Boolean.TRUE : null);

        final int bits;
        final Function<Fact, Object> value;
        int shift;
        /** Code → value (code 0: null), at most {@code 2^bits} codes. */
        final CodeDictionary<Object> values;

        Field(int bits, Function<Fact, Object> value) {
            this.bits = bits;
            this.value = value;
            this.values = new CodeDictionary<>(name(), 1 << bits, null);
        }

        static {
            int shift = 0;
            for (Field field : values()) {
                field.shift = shift;
                shift += field.bits;
            }
            if (shift > Long.SIZE) {
                throw new AssertionError("a profile has " + shift + " bits");
            }
        }

        /** The fact's value of this field as its code in place (the caller holds the writer lock). */
        long encode(Fact fact) {
            Object of = value.apply(fact);
            return of == null ? 0 : (long) values.code(of) << shift;
        }

        Object decode(long profile) {
            return values.value(code(profile));
        }

        int code(long profile) {
            return (int) ((profile >>> shift) & ((1L << bits) - 1));
        }

        /** The value as the breakdowns see it ({@link Dimension#source}): a training by its code. */
        Object source(int code) {
            Object value = values.value(code);
            return value instanceof Training training ? training.code() : value;
        }

        /** The field a breakdown's value is computed from. */
        static Field of(Dimension dimension) {
            return switch (dimension) {
                case AGE5, AGE3 -> AGE;
                case GENDER -> GENDER;
                case TYPE, DIPLOMA -> TYPE;
                case PROVINCE -> PROVINCE;
                case TRAINING -> TRAINING;
                case COURSE -> COURSE;
                case SECTOR -> SECTOR;
                case REASON -> REASON;
                case ENDING -> ENDING;
                case REFERRAL -> REFERRAL;
                case MODULE -> PROGRAMME;
                case KIND -> STEP; // F9 is read from its facts, where the kind is the step
            };
        }
    }

    private static final long AT_WORK = 1L << Field.AT_WORK.shift;

    /** Held by whoever gives codes ({@link #key}): one code per value, whichever aggregate asks first. */
    private static final Object WRITER = new Object();
    /** F1, F2, F3: profile number → profile, and back. */
    private static final CodeDictionary.Profiles PROFILES = new CodeDictionary.Profiles();
    /** F1, F2, F3: person number (from 1) → person id, and back. */
    private static final CodeDictionary<String> PERSONS = new CodeDictionary<>("persons", Integer.MAX_VALUE, "");

    private CellCodes() {
    }

    /**
     * Whether a figure's cells keep the person: F1, whose unit is distinct persons, and F2 and F3, whose answers give
     * the distinct persons beside the contracts ({@link FigureKind#hasPersonsMeasure}).
     */
    static boolean keepsPerson(FigureKind figure) {
        return figure == FigureKind.STARTS || figure.hasPersonsMeasure();
    }

    /**
     * The key of the cell a contribution counts in (the day is not in it: cells are kept per day), giving codes to
     * values first seen. The only method that takes a lock: the writer lock, which readers never take.
     */
    static long key(Contribution contribution) {
        synchronized (WRITER) {
            long profile = 0;
            for (Field field : Field.values()) {
                profile |= field.encode(contribution.fact());
            }
            if (!keepsPerson(contribution.figure())) {
                return profile;
            }
            return (long) PROFILES.number(profile) << 32 | PERSONS.code(contribution.person());
        }
    }

    /** Whether the cell counts those at work (F4). */
    static boolean atWork(FigureKind figure, long key) {
        return (profile(figure, key) & AT_WORK) != 0;
    }

    /**
     * A cell's breakdown values as a {@link Fact}: the person as unit for F1, F2 and F3 (else none), the age as a birth date
     * {@code age} years before {@link #AGE_REFERENCE}, the reference date; {@code atWork} TRUE or null.
     */
    static Fact fact(FigureKind figure, long key) {
        Fact profile = decode(profile(figure, key));
        return keepsPerson(figure) ? withUnit(profile, PERSONS.value((int) key)) : profile;
    }

    /**
     * The counted cells of a read, keys with their counts (the days merged), that the filter selects: one per
     * profile, and for F1, F2 and F3 one per profile and person. Each profile is decoded and filtered once.
     */
    static List<LiveCells.Counted> counted(FigureKind figure, Long2LongMap counts, Predicate<Fact> selected) {
        List<LiveCells.Counted> counted = new ArrayList<>(counts.size());
        boolean person = keepsPerson(figure);
        Int2ObjectOpenHashMap<Fact> profiles = new Int2ObjectOpenHashMap<>();
        Fact rejected = new Fact(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        for (Long2LongMap.Entry cell : Long2LongMaps.fastIterable(counts)) {
            long key = cell.getLongKey();
            long profile = profile(figure, key);
            Fact fact;
            if (person) {
                fact = profiles.computeIfAbsent((int) (key >>> 32), number -> {
                    Fact decoded = decode(profile);
                    return selected.test(decoded) ? decoded : rejected;
                });
                fact = fact == rejected ? null : withUnit(fact, PERSONS.value((int) key));
            } else {
                fact = decode(profile);
                fact = selected.test(fact) ? fact : null;
            }
            if (fact != null) {
                long count = cell.getLongValue();
                counted.add(new LiveCells.Counted(fact, count, (profile & AT_WORK) != 0 ? count : 0));
            }
        }
        return counted;
    }

    /**
     * Groups the counts of a read by the fields of the breakdowns (and the funnel step or knelpunt count), keeps
     * the profiles whose values the filters accept (a filter tests a breakdown's source value, once per distinct
     * value, not per cell), and decodes one representative profile per group.
     *
     * @param days the cells of the period's days, cell key → count
     */
    static List<LiveCells.Tally> tally(FigureKind figure, Collection<Long2IntOpenHashMap> days,
                                       Map<Dimension, Predicate<Object>> filters, List<Dimension> by) {
        boolean person = keepsPerson(figure);
        long[] profiles;
        Field[] filtered = new Field[filters.size()];
        boolean[][] accepted = new boolean[filters.size()][];
        Field[] grouped = new Field[by.size() + 1];
        // the cells were written before the read began: their profile numbers and codes exist already
        profiles = PROFILES.known();
        int f = 0;
        for (Map.Entry<Dimension, Predicate<Object>> filter : filters.entrySet()) {
            filtered[f] = Field.of(filter.getKey());
            accepted[f] = new boolean[filtered[f].values.size()];
            for (int code = 0; code < accepted[f].length; code++) {
                accepted[f][code] = filter.getValue().test(filtered[f].source(code));
            }
            f++;
        }
        grouped[0] = Field.STEP;
        for (int column = 0; column < by.size(); column++) {
            grouped[column + 1] = Field.of(by.get(column));
        }
        Long2ObjectOpenHashMap<Group> groups = new Long2ObjectOpenHashMap<>();
        for (Long2IntOpenHashMap cells : days) {
            for (Long2IntMap.Entry cell : Long2IntMaps.fastIterable(cells)) {
                add(groups, cell.getLongKey(), cell.getIntValue(), person ? profiles : null, filtered, accepted, grouped);
            }
        }
        List<LiveCells.Tally> tallies = new ArrayList<>(groups.size());
        for (Group group : groups.values()) {
            tallies.add(new LiveCells.Tally(decode(group.profile), group.count, group.atWork, group.persons));
        }
        return tallies;
    }

    /** Adds one cell to its group, if the filters keep it; {@code profiles} is given for F1–F3 (the key has the person). */
    private static void add(Long2ObjectOpenHashMap<Group> groups, long key, long count, long[] profiles, Field[] filtered,
                            boolean[][] accepted, Field[] grouped) {
        boolean person = profiles != null;
        long profile = person ? profiles[(int) (key >>> 32)] : key;
        if (!accepts(profile, filtered, accepted)) {
            return;
        }
        long groupKey = 0;
        for (Field field : grouped) {
            groupKey = groupKey << field.bits | field.code(profile);
        }
        Group group = groups.get(groupKey);
        if (group == null) {
            group = new Group(profile, person);
            groups.put(groupKey, group);
        }
        group.count += count;
        group.atWork += (profile & AT_WORK) != 0 ? count : 0;
        if (person) {
            group.persons.add((int) key);
        }
    }

    private static boolean accepts(long profile, Field[] filtered, boolean[][] accepted) {
        for (int f = 0; f < filtered.length; f++) {
            if (!accepted[f][filtered[f].code(profile)]) {
                return false;
            }
        }
        return true;
    }

    /** The cells of a read with the same grouped values: a representative profile, counts, F1–F3's persons. */
    private static final class Group {
        final long profile;
        long count;
        long atWork;
        final IntOpenHashSet persons;

        Group(long profile, boolean person) {
            this.profile = profile;
            this.persons = person ? new IntOpenHashSet() : null;
        }
    }

    private static long profile(FigureKind figure, long key) {
        return keepsPerson(figure) ? PROFILES.profile((int) (key >>> 32)) : key;
    }

    private static Fact decode(long profile) {
        Integer age = (Integer) Field.AGE.decode(profile);
        Training training = (Training) Field.TRAINING.decode(profile);
        return new Fact(null, AGE_REFERENCE, age == null ? null : AGE_REFERENCE.minusYears(age),
                (Gender) Field.GENDER.decode(profile), (String) Field.TYPE.decode(profile),
                (Province) Field.PROVINCE.decode(profile), training == null ? null : training.code(),
                training == null ? null : training.name(), (String) Field.COURSE.decode(profile),
                (String) Field.SECTOR.decode(profile), (String) Field.REASON.decode(profile),
                (String) Field.ENDING.decode(profile), (Boolean) Field.AT_WORK.decode(profile),
                (String) Field.REFERRAL.decode(profile), (String) Field.STEP.decode(profile),
                (String) Field.PROGRAMME.decode(profile));
    }

    private static Fact withUnit(Fact fact, String unit) {
        return new Fact(unit, fact.referenceDate(), fact.birthDate(), fact.gender(), fact.type(), fact.province(),
                fact.trainingCode(), fact.trainingName(), fact.courseCode(), fact.sector(), fact.reason(), fact.ending(),
                fact.atWork(), fact.referral(), fact.step(), fact.programme());
    }
}
