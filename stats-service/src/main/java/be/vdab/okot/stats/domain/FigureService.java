package be.vdab.okot.stats.domain;

import be.vdab.okot.events.EvolutionRule;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.enrolment.CostKind;
import be.vdab.okot.events.enrolment.SpendingRule;
import be.vdab.okot.events.enrolment.StartRule;
import be.vdab.okot.events.intake.FunnelRule;
import be.vdab.okot.events.outcome.ClusterRule;
import be.vdab.okot.events.outcome.KnelpuntRule;
import be.vdab.okot.stats.domain.FigureAnswer.OutflowMeasures;
import be.vdab.okot.stats.domain.FigureAnswer.Row;
import be.vdab.okot.stats.domain.LiveCells.Tally;
import be.vdab.okot.stats.persistence.StatsWatermark;
import be.vdab.okot.web.calendar.BusinessCalendar;
import be.vdab.okot.web.calendar.HistoryWindow;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem.Violation;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.ints.IntSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Computes a figure from the live aggregate (F5 and F9: from the stored offers and cost entries): filters, one or two breakdowns, and the
 * total by the unit of the figure (distinct persons for starts, a sum for the others). A whole calendar year is
 * counted once while its cells and the course catalogue stay the same ({@link YearAnswers}); every answer says
 * {@code asOf} and {@code provisional} as of the read.
 */
@ApplicationScoped
public class FigureService {

    public static final List<String> FILTERS = List.of("sector", "province", "type", "training", "course", "gender", "ending",
            "kind", "stopped");

    @Inject
    FactSource source;

    @Inject
    LiveFigures live;

    @Inject
    CourseCatalogue catalogue;

    @ConfigProperty(name = "okot.stats.grace-period", defaultValue = "P3M")
    java.time.Period gracePeriod;

    /** The bound of the kept answers of whole years, in rows ({@link YearAnswers}). */
    @ConfigProperty(name = "okot.stats.year-answers.rows", defaultValue = "" + YearAnswers.DEFAULT_ROWS)
    int yearAnswerRows;

    private volatile YearAnswers years;

    @Inject
    BusinessCalendar calendar;

    Clock clock = Clock.systemUTC();

    public FigureAnswer compute(FigureKind figure, Period period, List<String> by, Map<String, String> filters) {
        List<Dimension> dimensions = breakdowns(figure, by);
        Map<String, String> applied = new LinkedHashMap<>(filters);
        if (figure == FigureKind.OUTFLOW && !dimensions.contains(Dimension.ENDING) && !applied.containsKey("ending")) {
            applied.put("ending", "POSITIVE"); // the headline figure of F4
        }
        Map<Dimension, Predicate<Object>> selected = filter(figure, applied);
        YearAnswers.Counted counted = count(figure, period, dimensions, applied, selected, catalogue.current());
        StatsWatermark watermark = StatsWatermark.current();
        Instant asOf = watermark != null ? watermark.appliedAt : Instant.now(clock);
        return new FigureAnswer(figure.path, figure.unit, new FigureAnswer.PeriodView(period.from(), period.to()),
                dimensions.stream().map(dimension -> dimension.parameter).toList(), applied, counted.rows(),
                counted.total(), counted.persons(), period.isProvisional(calendar.today(), gracePeriod), asOf, null);
    }

    /**
     * The rows and the total of the period: for a period within one calendar year (the year, whole months, any
     * days) of a figure of the live aggregate, the kept answer while that year's cells and the catalogue are
     * unchanged ({@link YearAnswers}), else counted now.
     */
    private YearAnswers.Counted count(FigureKind figure, Period period, List<Dimension> dimensions,
                                      Map<String, String> applied, Map<Dimension, Predicate<Object>> selected,
                                      CourseCatalogue.Snapshot courses) {
        if (figure == FigureKind.OFFERS) {
            return count(figure, dimensions, offers(period, selected, courses), courses::name);
        }
        if (figure == FigureKind.SPENDING) {
            return count(figure, dimensions, spending(period, selected), courses::name);
        }
        LiveCells cells = live.cells();
        Supplier<YearAnswers.Counted> count = () -> count(figure, dimensions,
                cells.tally(figure, period.from(), period.to(), selected, dimensions), courses::name);
        int year = period.from().getYear();
        return year != period.to().getYear() ? count.get() : yearAnswers().answer(cells,
                new YearAnswers.Question(figure, year, period.from(), period.to(), dimensions, applied), courses.version(), count);
    }

    /** The rows and the total of these tallies, and for F2 and F3 the distinct persons of the total. */
    static YearAnswers.Counted count(FigureKind figure, List<Dimension> dimensions, List<Tally> tallies,
                                     Function<String, String> courseName) {
        return new YearAnswers.Counted(rows(figure, dimensions, tallies, courseName), total(figure, tallies),
                figure.hasPersonsMeasure() ? (long) distinctPersons(tallies).size() : null);
    }

    private YearAnswers yearAnswers() {
        YearAnswers known = years;
        if (known == null) {
            synchronized (this) {
                if (years == null) {
                    years = new YearAnswers(yearAnswerRows);
                }
                known = years;
            }
        }
        return known;
    }

    /**
     * The answer and the same period a year earlier, with the difference of the totals and, for diplomas and
     * drop-outs, of the distinct persons ({@code differencePersons}, as the CSV's {@code difference_persons}).
     */
    public FigureAnswer compareWithPreviousYear(FigureKind figure, Period period, List<String> by, Map<String, String> filters) {
        FigureAnswer current = compute(figure, period, by, filters);
        FigureAnswer previous = compute(figure, period.previousYear(), by, filters);
        return current.withComparison(new FigureAnswer.Comparison("previous-year", previous.period(), previous.rows(),
                previous.total(), previous.persons(), FigureAnswer.difference(current.total(), previous.total()),
                current.persons() == null || previous.persons() == null ? null : current.persons() - previous.persons()));
    }

    /** F5's offers of the period that the filters select, counted from the stored facts (they belong to no person). */
    private List<Tally> offers(Period period, Map<Dimension, Predicate<Object>> selected, CourseCatalogue.Snapshot courses) {
        return source.offers(period, courses).stream()
                .filter(fact -> selected.entrySet().stream().allMatch(filter -> filter.getValue().test(filter.getKey().source(fact))))
                .map(fact -> new Tally(fact, 1, Boolean.TRUE.equals(fact.atWork()) ? 1 : 0, null)).toList();
    }

    /** F9's cost entries of the period that the filters select, each a tally of its amount in euro cents. */
    private List<Tally> spending(Period period, Map<Dimension, Predicate<Object>> selected) {
        return source.spending(period).stream()
                .filter(spent -> selected.entrySet().stream().allMatch(filter -> filter.getValue().test(filter.getKey().source(spent.entry()))))
                .map(spent -> new Tally(spent.entry(), spent.cents(), 0, null)).toList();
    }

    /**
     * The rows of the answer: the tallies merged by their breakdown values (for F8 and F7 first by the row
     * group), ordered by the values' order keys. A value is computed once per distinct source value in a read
     * ({@link Dimension#source}), so the cost follows the rows, not the cells.
     */
    static List<Row> rows(FigureKind figure, List<Dimension> dimensions, List<Tally> tallies,
                          Function<String, String> courseName) {
        boolean rowGroup = figure == FigureKind.FUNNEL || figure == FigureKind.KNELPUNT;
        int columns = dimensions.size() + (rowGroup ? 1 : 0);
        List<Map<Object, Dimension.Value>> values = new ArrayList<>();
        Map<String, Dimension.Value> canonical = new HashMap<>(); // one instance per value: cheap row keys
        for (int column = 0; column < columns; column++) {
            values.add(new HashMap<>());
        }
        class Merged {
            long count;
            long atWork;
            IntSet persons; // F1–F3: the first tally's own set (left as it is) until a second tally needs a union
            boolean union;
        }
        Map<List<Dimension.Value>, Merged> merged = new HashMap<>();
        for (Tally tally : tallies) {
            Fact fact = tally.cell();
            Dimension.Value[] row = new Dimension.Value[columns];
            for (int column = 0; column < columns; column++) {
                Dimension dimension = rowGroup ? (column == 0 ? null : dimensions.get(column - 1)) : dimensions.get(column);
                Object source = dimension == null ? fact.step() : dimension.source(fact);
                row[column] = values.get(column).computeIfAbsent(source, any -> {
                    Dimension.Value value = dimension == null ? Dimension.rowGroup(figure == FigureKind.FUNNEL
                            ? FunnelRule.Step.valueOf(fact.step()) : KnelpuntRule.Count.valueOf(fact.step()))
                            : dimension.valueOf(fact, courseName);
                    return canonical.computeIfAbsent(dimension + "|" + value.order() + "#" + value.key(), key -> value);
                });
            }
            Merged one = merged.computeIfAbsent(Arrays.asList(row), key -> new Merged());
            one.count += tally.count();
            one.atWork += tally.atWork();
            if (tally.persons() != null) { // F1–F3
                if (one.persons == null) {
                    one.persons = tally.persons();
                } else {
                    if (!one.union) {
                        one.persons = new IntOpenHashSet(one.persons);
                        one.union = true;
                    }
                    one.persons.addAll(tally.persons());
                }
            }
        }
        Map<String, Row> rows = new TreeMap<>();
        merged.forEach((row, one) -> {
            List<String> key = row.stream().map(Dimension.Value::key).toList();
            List<String> label = row.stream().map(Dimension.Value::label).toList();
            String order = row.stream().map(Dimension.Value::order).collect(Collectors.joining("|")) + "#"
                    + String.join("|", key);
            if (figure.hasOutflowMeasures()) {
                rows.put(order, new Row(key, label, null, one.count, one.atWork, rate(one.atWork, one.count)));
            } else {
                // F1: a person counts once per row, however many starts there; F9 sums cents; other units are unique per fact
                Number value = figure == FigureKind.STARTS ? Long.valueOf(one.persons.size())
                        : figure == FigureKind.SPENDING ? euro(one.count) : Long.valueOf(one.count);
                // F2, F3: beside the contracts, the distinct persons among them (ContractPersonsRule)
                Long persons = figure.hasPersonsMeasure() ? Long.valueOf(one.persons.size()) : null;
                rows.put(order, new Row(key, label, value, persons, null, null, null));
            }
        });
        return new ArrayList<>(rows.values());
    }

    /** The total by the figure's unit: distinct persons for F1 ({@link StartRule}, figures.md F1), else a sum. */
    static Object total(FigureKind figure, List<Tally> tallies) {
        return switch (figure) {
            case STARTS -> (long) distinctPersons(tallies).size();
            case OUTFLOW, KNELPUNT_OUTFLOW -> {
                long closed = tallies.stream().mapToLong(Tally::count).sum();
                long atWork = tallies.stream().mapToLong(Tally::atWork).sum();
                yield new OutflowMeasures(closed, atWork, rate(atWork, closed));
            }
            case FUNNEL -> sum(tallies, tally -> FunnelRule.TOTAL.name().equals(tally.cell().step()));
            case KNELPUNT -> sum(tallies, tally -> KnelpuntRule.TOTAL.name().equals(tally.cell().step()));
            case SPENDING -> euro(sum(tallies, tally -> true));
            default -> sum(tallies, tally -> true);
        };
    }

    /** The union of the tallies' persons (F1–F3): the distinct persons of a total. */
    private static IntSet distinctPersons(List<Tally> tallies) {
        IntSet persons = new IntOpenHashSet(tallies.stream().mapToInt(tally -> tally.persons().size()).sum());
        tallies.forEach(tally -> persons.addAll(tally.persons()));
        return persons;
    }

    private static long sum(List<Tally> tallies, Predicate<Tally> selected) {
        return tallies.stream().filter(selected).mapToLong(Tally::count).sum();
    }

    /** Euro with two decimals from cents (F9, {@link SpendingRule#SCALE}). */
    static BigDecimal euro(long cents) {
        return BigDecimal.valueOf(cents, SpendingRule.SCALE);
    }

    /** A percentage rounded half-up to two decimals (published as 77,34%): {@link ClusterRule#rate}. */
    static BigDecimal rate(long atWork, long closed) {
        return ClusterRule.rate(atWork, closed);
    }

    private static List<Dimension> breakdowns(FigureKind figure, List<String> by) {
        if (by.size() > 2) {
            throw invalid("by", "one or two breakdowns");
        }
        List<Dimension> dimensions = new ArrayList<>();
        for (String parameter : by) {
            Dimension dimension = Dimension.ofParameter(parameter);
            if (dimension == null || !figure.breakdowns.contains(dimension)) {
                throw invalid("by", "'" + parameter + "' is not a breakdown of " + figure.path + "; use one of "
                        + figure.breakdowns.stream().map(d -> d.parameter).collect(Collectors.joining(", ")));
            }
            if (dimensions.contains(dimension)) {
                throw invalid("by", "'" + parameter + "' is given twice");
            }
            dimensions.add(dimension);
        }
        return dimensions;
    }

    /** The filters as tests of a breakdown's source value ({@link Dimension#source}), all of which must pass. */
    private static Map<Dimension, Predicate<Object>> filter(FigureKind figure, Map<String, String> filters) {
        Map<Dimension, Predicate<Object>> selected = new EnumMap<>(Dimension.class);
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            String value = filter.getValue();
            switch (filter.getKey()) {
                case "sector" -> selected.put(Dimension.SECTOR, value::equals);
                case "province" -> {
                    check("province", value, Arrays.stream(Province.values()).map(Enum::name).toList());
                    selected.put(Dimension.PROVINCE, province -> province != null && ((Province) province).name().equals(value));
                }
                case "type" -> {
                    check("type", value, List.copyOf(Dimension.TYPE_LABELS.keySet()));
                    selected.put(Dimension.TYPE, value::equals);
                }
                case "training" -> selected.put(Dimension.TRAINING, value::equals);
                case "course" -> selected.put(Dimension.COURSE, value::equals);
                case "gender" -> {
                    check("gender", value, List.of("M", "V", "X"));
                    selected.put(Dimension.GENDER, gender -> gender != null && ((Gender) gender).name().equals(value));
                }
                case "ending" -> {
                    if (figure != FigureKind.OUTFLOW) {
                        throw invalid("ending", "only the outflow figure has an ending");
                    }
                    check("ending", value, List.of("POSITIVE", "NON_POSITIVE"));
                    selected.put(Dimension.ENDING, value::equals);
                }
                case "kind" -> {
                    if (figure != FigureKind.SPENDING) {
                        throw invalid("kind", "only the spending figure has a cost kind");
                    }
                    check("kind", value, Arrays.stream(CostKind.values()).map(Enum::name).toList());
                    selected.put(Dimension.KIND, value::equals);
                }
                case "stopped" -> {
                    if (figure != FigureKind.KNELPUNT_OUTFLOW) {
                        throw invalid("stopped", "only the knelpunt-outflow figure selects the stoppers");
                    }
                    if (!"true".equals(value)) {
                        // api.md names stopped=true only; false would read as "the others" or as "all": refused, not guessed
                        throw invalid("stopped", "is true (the clusters whose training stopped early) or left out (all closed clusters)");
                    }
                    // a knelpunt-outflow fact has a reason (its stop reason) only when its training stopped early
                    selected.put(Dimension.REASON, java.util.Objects::nonNull);
                }
                default -> throw invalid(filter.getKey(), "is not a filter; use " + String.join(", ", FILTERS));
            }
        }
        return selected;
    }

    private static void check(String field, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw invalid(field, "'" + value + "' is not one of " + allowed.stream().sorted().toList());
        }
    }

    private static ApiProblemException invalid(String field, String message) {
        return ApiProblemException.invalid(List.of(new Violation(field, message)));
    }

    /** F6, the evolution: every year of a range as a calendar-year period ({@link EvolutionRule}), oldest first. */
    public List<FigureAnswer> evolution(FigureKind figure, int fromYear, int toYear, List<String> by,
                                        Map<String, String> filters) {
        HistoryWindow history = calendar.window();
        history.requireYear("fromYear", fromYear);
        history.requireYear("toYear", toYear);
        if (toYear < fromYear) {
            throw invalid("toYear", "must not be before fromYear");
        }
        List<FigureAnswer> years = new ArrayList<>();
        for (EvolutionRule.Span year : EvolutionRule.years(fromYear, toYear)) {
            years.add(compute(figure, Period.of(year), by, filters));
        }
        return years;
    }
}
