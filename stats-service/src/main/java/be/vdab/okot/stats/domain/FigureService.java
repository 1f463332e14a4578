package be.vdab.okot.stats.domain;

import be.vdab.okot.events.EvolutionRule;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.enrolment.StartRule;
import be.vdab.okot.events.intake.FunnelRule;
import be.vdab.okot.events.outcome.KnelpuntRule;
import be.vdab.okot.stats.domain.FigureAnswer.OutflowMeasures;
import be.vdab.okot.stats.domain.FigureAnswer.Row;
import be.vdab.okot.stats.domain.LiveCells.Counted;
import be.vdab.okot.stats.persistence.CourseFact;
import be.vdab.okot.stats.persistence.StatsWatermark;
import be.vdab.okot.web.calendar.BusinessCalendar;
import be.vdab.okot.web.calendar.HistoryWindow;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Computes a figure from the stored facts: filters, one or two breakdowns, and the total by the
 * unit of the figure (distinct persons for starts, a sum for the others).
 */
@ApplicationScoped
public class FigureService {

    public static final List<String> FILTERS = List.of("sector", "province", "type", "training", "course", "gender", "ending");

    @Inject
    FactSource source;

    @Inject
    LiveFigures live;

    @ConfigProperty(name = "okot.stats.grace-period", defaultValue = "P3M")
    java.time.Period gracePeriod;

    @Inject
    BusinessCalendar calendar;

    Clock clock = Clock.systemUTC();

    public FigureAnswer compute(FigureKind figure, Period period, List<String> by, Map<String, String> filters) {
        List<Dimension> dimensions = breakdowns(figure, by);
        Map<String, String> applied = new LinkedHashMap<>(filters);
        if (figure == FigureKind.OUTFLOW && !dimensions.contains(Dimension.ENDING) && !applied.containsKey("ending")) {
            applied.put("ending", "POSITIVE"); // the headline figure of F4
        }
        Predicate<Fact> selected = filter(figure, applied);
        Map<String, String> courseNames = CourseFact.<CourseFact>listAll().stream()
                .collect(Collectors.toMap(course -> course.code, course -> course.name));
        Function<String, String> courseName = code -> courseNames.getOrDefault(code, code);
        List<Counted> counted = counted(figure, period, selected);

        List<Row> rows = rows(figure, dimensions, counted, courseName);
        Object total = total(figure, counted);
        StatsWatermark watermark = StatsWatermark.current();
        Instant asOf = watermark != null ? watermark.appliedAt : Instant.now(clock);
        return new FigureAnswer(figure.path, figure.unit, new FigureAnswer.PeriodView(period.from(), period.to()),
                dimensions.stream().map(dimension -> dimension.parameter).toList(), applied, rows, total,
                period.isProvisional(calendar.today(), gracePeriod), asOf, null);
    }

    /** The answer and the same period a year earlier, with the difference of the totals. */
    public FigureAnswer compareWithPreviousYear(FigureKind figure, Period period, List<String> by, Map<String, String> filters) {
        FigureAnswer current = compute(figure, period, by, filters);
        FigureAnswer previous = compute(figure, period.previousYear(), by, filters);
        return current.withComparison(new FigureAnswer.Comparison("previous-year", previous.period(), previous.rows(),
                previous.total(), FigureAnswer.difference(current.total(), previous.total())));
    }

    /**
     * What the figure counts in the period, as cells with counts: from the live aggregate for a run of
     * whole months (a year, January–September), else recounted from the stored facts (other day ranges,
     * and the offers of F5, which belong to no person and are few).
     */
    private List<Counted> counted(FigureKind figure, Period period, Predicate<Fact> selected) {
        if (figure != FigureKind.OFFERS && period.isWholeMonths()) {
            return live.cells().read(figure, YearMonth.from(period.from()), YearMonth.from(period.to()), selected);
        }
        return source.facts(figure, period).stream().filter(selected)
                .map(fact -> new Counted(fact, 1, Boolean.TRUE.equals(fact.atWork()) ? 1 : 0)).toList();
    }

    private static List<Row> rows(FigureKind figure, List<Dimension> dimensions, List<Counted> counted,
                                  Function<String, String> courseName) {
        record Cell(List<Dimension.Value> values) {
            String order() {
                return values.stream().map(Dimension.Value::order).collect(Collectors.joining("|"));
            }
        }
        Map<String, Cell> cells = new TreeMap<>();
        Map<String, Set<String>> units = new HashMap<>();
        Map<String, long[]> counts = new HashMap<>();
        for (Counted one : counted) {
            Fact fact = one.cell();
            List<Dimension.Value> values = new ArrayList<>();
            if (figure == FigureKind.FUNNEL) {
                values.add(Dimension.rowGroup(FunnelRule.Step.valueOf(fact.step())));
            } else if (figure == FigureKind.KNELPUNT) {
                values.add(Dimension.rowGroup(KnelpuntRule.Count.valueOf(fact.step())));
            }
            dimensions.forEach(dimension -> values.add(dimension.valueOf(fact, courseName)));
            Cell cell = new Cell(values);
            String order = cell.order() + "#" + values.stream().map(Dimension.Value::key).collect(Collectors.joining("|"));
            cells.putIfAbsent(order, cell);
            if (figure == FigureKind.STARTS) {
                units.computeIfAbsent(order, key -> new HashSet<>()).add(fact.unit());
            }
            long[] count = counts.computeIfAbsent(order, key -> new long[2]);
            count[0] += one.count();
            count[1] += one.atWork();
        }
        List<Row> rows = new ArrayList<>();
        cells.forEach((order, cell) -> {
            List<String> key = cell.values().stream().map(Dimension.Value::key).toList();
            List<String> label = cell.values().stream().map(Dimension.Value::label).toList();
            if (figure == FigureKind.OUTFLOW) {
                long[] count = counts.get(order);
                rows.add(new Row(key, label, null, count[0], count[1], rate(count[1], count[0])));
            } else {
                // F1: a person counts once per cell, however many starts there; other units are unique per fact
                long value = figure == FigureKind.STARTS ? units.get(order).size() : counts.get(order)[0];
                rows.add(new Row(key, label, value, null, null, null));
            }
        });
        return rows;
    }

    private static Object total(FigureKind figure, List<Counted> counted) {
        return switch (figure) {
            case STARTS -> StartRule.distinctPersons(counted.stream().map(one -> one.cell().unit()).toList());
            case OUTFLOW -> {
                long closed = counted.stream().mapToLong(Counted::count).sum();
                long atWork = counted.stream().mapToLong(Counted::atWork).sum();
                yield new OutflowMeasures(closed, atWork, rate(atWork, closed));
            }
            case FUNNEL -> sum(counted, one -> FunnelRule.TOTAL.name().equals(one.cell().step()));
            case KNELPUNT -> sum(counted, one -> KnelpuntRule.TOTAL.name().equals(one.cell().step()));
            default -> sum(counted, one -> true);
        };
    }

    private static long sum(List<Counted> counted, Predicate<Counted> selected) {
        return counted.stream().filter(selected).mapToLong(Counted::count).sum();
    }

    /** A percentage rounded half-up to two decimals (published as 77,34%). */
    static BigDecimal rate(long atWork, long closed) {
        return closed == 0 ? null
                : BigDecimal.valueOf(atWork * 100L).divide(BigDecimal.valueOf(closed), 2, RoundingMode.HALF_UP);
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

    private static Predicate<Fact> filter(FigureKind figure, Map<String, String> filters) {
        Predicate<Fact> selected = fact -> true;
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            String value = filter.getValue();
            selected = selected.and(switch (filter.getKey()) {
                case "sector" -> fact -> value.equals(fact.sector());
                case "province" -> {
                    check("province", value, Arrays.stream(Province.values()).map(Enum::name).toList());
                    yield fact -> fact.province() != null && fact.province().name().equals(value);
                }
                case "type" -> {
                    check("type", value, List.copyOf(Dimension.TYPE_LABELS.keySet()));
                    yield fact -> value.equals(fact.type());
                }
                case "training" -> fact -> value.equals(fact.trainingCode());
                case "course" -> fact -> value.equals(fact.courseCode());
                case "gender" -> {
                    check("gender", value, List.of("M", "V", "X"));
                    yield fact -> fact.gender() != null && fact.gender().name().equals(value);
                }
                case "ending" -> {
                    if (figure != FigureKind.OUTFLOW) {
                        throw invalid("ending", "only the outflow figure has an ending");
                    }
                    check("ending", value, List.of("POSITIVE", "NON_POSITIVE"));
                    yield fact -> value.equals(fact.ending());
                }
                default -> throw invalid(filter.getKey(), "is not a filter; use " + String.join(", ", FILTERS));
            });
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
