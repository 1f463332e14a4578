package be.vdab.okot.runner.demo;

import be.vdab.okot.events.AgeBandRule;
import be.vdab.okot.events.AgeBandRule.Band;
import be.vdab.okot.events.outcome.ClusterRule;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.events.outcome.KnelpuntOutflowRule;
import be.vdab.okot.events.outcome.KnelpuntRule;
import be.vdab.okot.events.outcome.KnelpuntRule.Count;
import be.vdab.okot.events.outcome.KnelpuntRule.Module;
import be.vdab.okot.runner.demo.DemoPlan.Contract;
import be.vdab.okot.runner.demo.DemoPlan.End;
import be.vdab.okot.runner.demo.DemoPlan.Measurement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Plans the module 4a/4b trainings whose F7 figures (figures.md F7, {@link KnelpuntRule}, {@link KnelpuntOutflowRule})
 * come out as question 315 publishes them (seed 004, the 16 {@code q315_*} tables, INDEX.md §6): 2019 and 2020.
 *
 * <p>The rules it meets, as stats-service counts them:
 * <ul>
 *   <li><b>Four counts</b> per year by module × gender × {@code age3}: a training counts STARTED on its start date
 *       and COMPLETED (PASSED), FAILED (FAILED) or STOPPED_EARLY (STOPPED, any reason) on its end date, each with
 *       the age on its own date ({@link KnelpuntRule}). Every training is one person with one candidacy for the
 *       module course and one contract (a module has one training year), so the unit is exact. The age drawn at the
 *       start lies one year inside its {@code age3} band (e.g. 18–23 for {@code -25 jaar}) and no training lasts a
 *       year: the band is the same on the start and the end date.</li>
 *   <li>Per (module, gender, age3) cell the ends of 2019 are trainings started in 2019, and, where a cell ends
 *       more than it starts in 2019, trainings started in the autumn of 2018 (none with the published tables).
 *       The 2019 starts left over end early in 2020 (started October–December 2019); the other ends of 2020
 *       start in 2020, and the 2020 starts left over are still running at the end of 2020 (no end).</li>
 *   <li><b>Outflow</b> ({@link KnelpuntOutflowRule}): year Y counts the module clusters closed 1 October Y-1 –
 *       30 September Y that have a measurement (3 months after the end). Measured are exactly the published
 *       closed clusters of Y ({@code q315_outflow_general_Y}: 10,939 with 7,286 at work for 2019, 10,410 with
 *       5,886 for 2020), all of them trainings that end January–September of Y; no other training is measured.
 *       Of them the stoppers ({@code stopped=true}) are exactly the denominators derived from the published
 *       counts at work and rates with one decimal ({@link #denominators}, INDEX.md §6.2: 2019 M 749, V 811, by age
 *       314/1201/45; 2020 M 692, V 740, by age 283/1096/53), with the published at-work counts; gender and age
 *       are met jointly by zipping shuffled lists (at work and not at work apart), each pair taken from the
 *       stopped trainings of that year with that gender and age. A stopper at work stopped for employment.</li>
 * </ul>
 * A year outside {@code from..to} is not planned, except the 2019 starts that end in 2020 (they belong to both).
 * Seeded through the {@link PopulationBuilder}: the same seed gives the same trainings.
 */
public final class Question315Planner {

    /** The years question 315 publishes. */
    public static final int FIRST_YEAR = 2019;
    public static final int LAST_YEAR = 2020;

    /** The published table of one count of one year, e.g. {@code q315_knelpunt_stopped_early_2019}. */
    public static String countTable(Count count, int year) {
        return "q315_knelpunt_" + switch (count) {
            case STARTED -> "started";
            case COMPLETED -> "completed";
            case FAILED -> "failed";
            case STOPPED_EARLY -> "stopped_early";
        } + "_" + year;
    }

    /** The {@code age3} band of each published age column, in the published order. */
    public static final Map<String, Band> BAND_BY_COLUMN = bandsByColumn();

    /** The published {@code sex_nl} labels of the outflow tables. */
    public static final Map<String, String> GENDER_BY_LABEL = Map.of("Man", "M", "Vrouw", "V");

    /** The published module labels ({@code module_nl}): the module courses' names in the catalogue. */
    public static final Map<String, Module> MODULE_BY_LABEL = Map.of(
            "module 4a: beroepsgerichte doorstroomopleiding", Module.M4A,
            "module 4b: beroepsgerichte opleiding", Module.M4B);

    /** One detail cell of the four count tables. */
    public record Cell(Module module, String gender, Band band) {
    }

    private static final List<String> PROVINCES = List.of("ANT", "LIM", "OVL", "VBR", "WVL", "BXL");
    private static final Map<String, String> CENTRE_BY_PROVINCE = Map.of("ANT", "Antwerpen", "LIM", "Genk",
            "OVL", "Gent", "VBR", "Leuven", "WVL", "Brugge", "BXL", "Brussel");
    private static final List<String> OTHER_STOP_REASONS = List.of(StopReason.BY_CLIENT.name(),
            StopReason.LONG_TERM_ILLNESS.name(), StopReason.UNSUITABILITY.name(), StopReason.BY_VDAB.name(),
            StopReason.OTHER.name());

    /** One planned training: its cell, how it ends (null: still running) and, when measured, whether at work. */
    private static final class Training {
        final Cell cell;
        final Count ending;
        /** Started in the autumn of the year before its end year (else in its end year, or unended). */
        boolean carried;
        int startYear;
        Boolean atWork;

        Training(Cell cell, Count ending, int startYear) {
            this.cell = cell;
            this.ending = ending;
            this.startYear = startYear;
        }
    }

    private final PopulationBuilder builder;
    private final Map<Module, Catalogue.Course> courses = new EnumMap<>(Module.class);

    public Question315Planner(PopulationBuilder builder) {
        this.builder = builder;
        for (Catalogue.Course course : builder.catalogue().courses()) {
            KnelpuntRule.module(course.programme()).ifPresent(module -> {
                if (course.trainingYears().size() != 1) {
                    throw new IllegalArgumentException("Module course " + course.code() + " must have one training year");
                }
                courses.put(module, course);
            });
        }
        for (Module module : Module.values()) {
            if (!courses.containsKey(module)) {
                throw new IllegalArgumentException("The catalogue has no course of module " + module
                        + ": the demo needs the shipped catalogue");
            }
        }
    }

    /** Adds the trainings of the published years within {@code fromYear..toYear} to the builder. */
    public void plan(int fromYear, int toYear) {
        boolean plan2019 = fromYear <= FIRST_YEAR && FIRST_YEAR <= toYear;
        boolean plan2020 = fromYear <= LAST_YEAR && LAST_YEAR <= toYear;
        if (!plan2019 && !plan2020) {
            return;
        }
        Map<Cell, Integer> started19 = cells(countTable(Count.STARTED, FIRST_YEAR));
        Map<Cell, Integer> started20 = cells(countTable(Count.STARTED, LAST_YEAR));
        Map<Count, Map<Cell, Integer>> ended19 = ended(FIRST_YEAR);
        Map<Count, Map<Cell, Integer>> ended20 = ended(LAST_YEAR);

        List<Training> ends19 = endItems(ended19, FIRST_YEAR);
        List<Training> ends20 = endItems(ended20, LAST_YEAR);
        List<Training> running = new ArrayList<>();
        Map<Cell, Integer> carried19 = new HashMap<>();
        Map<Cell, Integer> carried20 = new HashMap<>();
        for (Cell cell : started19.keySet()) {
            int s19 = started19.get(cell);
            int s20 = started20.get(cell);
            int e19 = total(ended19, cell);
            int e20 = total(ended20, cell);
            int fromAutumn2018 = Math.max(0, e19 - s19);
            int left19 = s19 - (e19 - fromAutumn2018);
            int fromAutumn2019 = Math.min(left19, e20);
            int same2020 = e20 - fromAutumn2019;
            if (same2020 > s20) {
                throw new IllegalStateException("Cell " + cell + ": " + e20 + " trainings end in 2020, more than the "
                        + s20 + " started in 2020 and the " + left19 + " left of 2019");
            }
            carried19.put(cell, fromAutumn2018);
            carried20.put(cell, fromAutumn2019);
            if (plan2019) {
                for (int i = fromAutumn2019; i < left19; i++) {
                    running.add(new Training(cell, null, FIRST_YEAR));
                }
            }
            if (plan2020) {
                for (int i = same2020; i < s20; i++) {
                    running.add(new Training(cell, null, LAST_YEAR));
                }
            }
        }
        carry(ends19, carried19);
        carry(ends20, carried20);

        List<Training> planned = new ArrayList<>();
        if (plan2019) {
            measure(ends19, FIRST_YEAR);
            planned.addAll(ends19);
        }
        if (plan2020) {
            measure(ends20, LAST_YEAR);
            planned.addAll(ends20);
        } else {
            // the 2019 starts that end in 2020 are 2019's starters too
            ends20.stream().filter(training -> training.carried).forEach(planned::add);
        }
        planned.addAll(running);
        planned.forEach(this::addPerson);
    }

    // ---------------------------------------------------------------- the four counts

    /** The ends of one year, one item per training, shuffled. */
    private List<Training> endItems(Map<Count, Map<Cell, Integer>> ended, int year) {
        List<Training> items = new ArrayList<>();
        ended.forEach((count, cells) -> cells.forEach((cell, n) -> {
            for (int i = 0; i < n; i++) {
                items.add(new Training(cell, count, year));
            }
        }));
        Collections.shuffle(items, builder.random());
        return items;
    }

    /** Marks the first {@code carried} ends of each cell as started in the autumn of the year before. */
    private static void carry(List<Training> ends, Map<Cell, Integer> carried) {
        Map<Cell, Integer> left = new HashMap<>(carried);
        for (Training training : ends) {
            int n = left.getOrDefault(training.cell, 0);
            if (n > 0) {
                training.carried = true;
                training.startYear--;
                left.put(training.cell, n - 1);
            }
        }
    }

    private static Map<Count, Map<Cell, Integer>> ended(int year) {
        Map<Count, Map<Cell, Integer>> ended = new EnumMap<>(Count.class);
        for (Count count : List.of(Count.COMPLETED, Count.FAILED, Count.STOPPED_EARLY)) {
            ended.put(count, cells(countTable(count, year)));
        }
        return ended;
    }

    private static int total(Map<Count, Map<Cell, Integer>> ended, Cell cell) {
        return ended.values().stream().mapToInt(cells -> cells.get(cell)).sum();
    }

    /**
     * The detail cells of a count table: module × gender × age3 → the published number; a blank is 0 (INDEX.md §6.1:
     * the two blanks are 0 by the totals).
     */
    public static Map<Cell, Integer> cells(String table) {
        PublishedTables.Table published = PublishedTables.load(table);
        Map<Cell, Integer> cells = new LinkedHashMap<>();
        for (List<String> row : published.rows()) {
            if (!row.get(row.size() - 1).equals("detail")) {
                continue;
            }
            Module module = MODULE_BY_LABEL.get(row.get(published.header().indexOf("module_nl")));
            if (module == null) {
                throw new IllegalStateException(table + ": unknown module " + row);
            }
            String gender = row.get(published.header().indexOf("sex"));
            BAND_BY_COLUMN.forEach((column, band) -> {
                String value = row.get(published.header().indexOf(column));
                cells.put(new Cell(module, gender, band), value.isBlank() ? 0 : Integer.parseInt(value));
            });
        }
        return cells;
    }

    // ---------------------------------------------------------------- outflow

    /** Chooses which ends of {@code year} are measured, and which of them at work (see the class comment). */
    private void measure(List<Training> ends, int year) {
        PublishedTables.Table general = PublishedTables.load("q315_outflow_general_" + year);
        int closed = measure(general, "closed_clusters");
        int atWork = measure(general, "outflow_work_3m");
        Stoppers stoppers = stoppers(year);

        // stoppers: gender and age zipped, at work and not at work apart
        Map<String, Deque<Training>> stopped = new HashMap<>();
        for (Training training : ends) {
            if (training.ending == Count.STOPPED_EARLY) {
                stopped.computeIfAbsent(training.cell.gender() + "|" + training.cell.band().key(),
                        key -> new ArrayDeque<>()).add(training);
            }
        }
        int stoppersClosed = 0;
        int stoppersAtWork = 0;
        for (boolean working : new boolean[] {true, false}) {
            List<String> genders = builder.expand(stoppers.genders(working), Function.identity());
            List<Band> bands = builder.expand(stoppers.bands(working), label -> AgeBandRule.Scale.AGE3.byLabel(label)
                    .orElse(null));
            if (genders.size() != bands.size()) {
                throw new IllegalStateException("The stoppers' outflow of " + year + " by gender and by age differ");
            }
            for (int i = 0; i < genders.size(); i++) {
                Deque<Training> pool = stopped.get(genders.get(i) + "|" + bands.get(i).key());
                if (pool == null || pool.isEmpty()) {
                    throw new IllegalStateException("No stopped training of " + year + " left for a measured stopper "
                            + genders.get(i) + " " + bands.get(i).label());
                }
                pool.poll().atWork = working;
                stoppersClosed++;
                stoppersAtWork += working ? 1 : 0;
            }
        }
        // the other measured clusters: trainings that ended with a result
        int others = closed - stoppersClosed;
        int othersAtWork = atWork - stoppersAtWork;
        if (others < 0 || othersAtWork < 0 || othersAtWork > others) {
            throw new IllegalStateException("The stoppers' outflow of " + year + " does not fit in its general outflow");
        }
        for (Training training : ends) {
            if (others == 0) {
                break;
            }
            if (training.ending != Count.STOPPED_EARLY) {
                training.atWork = othersAtWork-- > 0;
                others--;
            }
        }
        if (others > 0) {
            throw new IllegalStateException(others + " measured clusters of " + year + " have no training to end");
        }
    }

    private static int measure(PublishedTables.Table table, String measure) {
        for (List<String> row : table.rows()) {
            if (row.get(0).equals(measure)) {
                return Integer.parseInt(row.get(table.header().indexOf("value")));
            }
        }
        throw new IllegalStateException(table.name() + " has no " + measure);
    }

    /**
     * The measured stoppers of one outflow year: closed clusters and at work, by gender and by age3 (published labels).
     *
     * @param closedByGender  {@code M}/{@code V} → closed clusters (derived denominators)
     * @param atWorkByGender  {@code M}/{@code V} → at work (published)
     * @param closedByBand    age3 label → closed clusters (derived)
     * @param atWorkByBand    age3 label → at work (published)
     */
    public record Stoppers(Map<String, Integer> closedByGender, Map<String, Integer> atWorkByGender,
                           Map<String, Integer> closedByBand, Map<String, Integer> atWorkByBand) {

        Map<String, Integer> genders(boolean atWork) {
            return part(closedByGender, atWorkByGender, atWork);
        }

        Map<String, Integer> bands(boolean atWork) {
            return part(closedByBand, atWorkByBand, atWork);
        }

        private static Map<String, Integer> part(Map<String, Integer> closed, Map<String, Integer> working,
                                                 boolean atWork) {
            Map<String, Integer> part = new LinkedHashMap<>();
            closed.forEach((label, n) -> part.put(label, atWork ? working.get(label) : n - working.get(label)));
            return part;
        }
    }

    /**
     * The stoppers' outflow of {@code year} with its denominators derived from the published counts at work and rates
     * ({@link #denominators}): one total that both breakdowns can add up to, the one nearest to count ÷ rate, and for
     * each breakdown the candidates nearest to their own count ÷ rate that add up to it.
     */
    public static Stoppers stoppers(int year) {
        PublishedTables.Table bySex = PublishedTables.load("q315_outflow_stoppers_" + year + "_by_sex");
        PublishedTables.Table byAge = PublishedTables.load("q315_outflow_stoppers_" + year + "_by_age");
        Map<String, Integer> atWorkByGender = new LinkedHashMap<>();
        Map<String, List<Integer>> genderCandidates = new LinkedHashMap<>();
        Map<String, Integer> atWorkByBand = new LinkedHashMap<>();
        Map<String, List<Integer>> bandCandidates = new LinkedHashMap<>();
        List<Integer> totals = null;
        double nearest = 0;
        for (PublishedTables.Table table : List.of(bySex, byAge)) {
            for (List<String> row : table.rows()) {
                int atWork = Integer.parseInt(row.get(table.header().indexOf("outflow_work_3m")));
                BigDecimal rate = new BigDecimal(row.get(table.header().indexOf("outflow_work_3m_pct")));
                List<Integer> candidates = denominators(atWork, rate);
                if (row.get(row.size() - 1).equals("total")) {
                    totals = candidates;
                    nearest = atWork * 100.0 / rate.doubleValue();
                } else if (table == bySex) {
                    String gender = GENDER_BY_LABEL.get(row.get(0));
                    atWorkByGender.put(gender, atWork);
                    genderCandidates.put(gender, candidates);
                } else {
                    atWorkByBand.put(row.get(0), atWork);
                    bandCandidates.put(row.get(0), candidates);
                }
            }
        }
        if (totals == null) {
            throw new IllegalStateException("No Eindtotaal in the stoppers' outflow of " + year);
        }
        double target = nearest;
        List<Integer> byNearness = new ArrayList<>(totals);
        byNearness.sort((a, b) -> Double.compare(Math.abs(a - target), Math.abs(b - target)));
        for (int total : byNearness) {
            Map<String, Integer> genders = addingUpTo(genderCandidates, atWorkByGender, total);
            Map<String, Integer> bands = addingUpTo(bandCandidates, atWorkByBand, total);
            if (genders != null && bands != null) {
                return new Stoppers(genders, atWorkByGender, bands, atWorkByBand);
            }
        }
        throw new IllegalStateException("No denominators of the stoppers' outflow of " + year + " add up");
    }

    /** The candidate per label, nearest to its count at work ÷ its rate first, that add up to {@code total}; or null. */
    private static Map<String, Integer> addingUpTo(Map<String, List<Integer>> candidates, Map<String, Integer> atWork,
                                                   int total) {
        List<String> labels = new ArrayList<>(candidates.keySet());
        int[] choice = new int[labels.size()];
        Map<String, Integer> best = null;
        int bestDistance = Integer.MAX_VALUE;
        while (true) {
            int sum = 0;
            int distance = 0;
            Map<String, Integer> chosen = new LinkedHashMap<>();
            for (int i = 0; i < labels.size(); i++) {
                int n = candidates.get(labels.get(i)).get(choice[i]);
                chosen.put(labels.get(i), n);
                sum += n;
                distance += choice[i];
            }
            if (sum == total && distance < bestDistance) {
                best = chosen;
                bestDistance = distance;
            }
            int i = 0;
            while (i < labels.size() && ++choice[i] == candidates.get(labels.get(i)).size()) {
                choice[i++] = 0;
            }
            if (i == labels.size()) {
                return best;
            }
        }
    }

    /**
     * Every number of closed clusters {@code n} whose rate {@code 100 × atWork ÷ n}, rounded half-up to the published
     * decimals, is the published {@code rate} (percent); nearest to {@code 100 × atWork ÷ rate} first.
     */
    public static List<Integer> denominators(int atWork, BigDecimal rate) {
        BigDecimal half = BigDecimal.ONE.movePointLeft(rate.scale()).divide(BigDecimal.valueOf(2));
        int low = (int) Math.floor(atWork * 100.0 / rate.add(half).doubleValue()) - 1;
        int high = rate.subtract(half).signum() <= 0 ? Integer.MAX_VALUE
                : (int) Math.ceil(atWork * 100.0 / rate.subtract(half).doubleValue()) + 1;
        List<Integer> found = new ArrayList<>();
        for (int n = Math.max(Math.max(1, atWork), low); n <= high; n++) {
            BigDecimal computed = BigDecimal.valueOf(atWork * 100L).divide(BigDecimal.valueOf(n), rate.scale(),
                    RoundingMode.HALF_UP);
            if (computed.compareTo(rate) == 0) {
                found.add(n);
            }
        }
        double exact = atWork * 100.0 / rate.doubleValue();
        found.sort((a, b) -> Double.compare(Math.abs(a - exact), Math.abs(b - exact)));
        return found;
    }

    // ---------------------------------------------------------------- persons

    private void addPerson(Training training) {
        int endYear = training.ending == null ? training.startYear : training.startYear + (training.carried ? 1 : 0);
        LocalDate start;
        LocalDate end = null;
        if (training.ending == null) {
            // still running at the end of the year: started in its autumn
            start = builder.randomDate(LocalDate.of(training.startYear, 10, 1), LocalDate.of(training.startYear, 12, 20));
        } else if (training.carried) {
            start = builder.randomDate(LocalDate.of(endYear - 1, 10, 1), LocalDate.of(endYear - 1, 12, 15));
            LocalDate first = max(LocalDate.of(endYear, 1, 6), start.plusDays(20));
            LocalDate last = min(LocalDate.of(endYear, 9, 30), start.plusDays(240));
            end = builder.randomDate(first, last);
        } else {
            // measured clusters close January–September: their outflow year is their end year
            end = builder.randomDate(LocalDate.of(endYear, 1, 20),
                    training.atWork != null ? LocalDate.of(endYear, 9, 30) : LocalDate.of(endYear, 12, 20));
            start = builder.randomDate(max(LocalDate.of(endYear, 1, 2), end.minusDays(200)), end.minusDays(10));
        }
        Band band = training.cell.band();
        int lowest = band.from() != null ? band.from() : 18;
        int highest = band.to() != null ? band.to() - 1 : lowest + 7;
        int age = lowest + builder.random().nextInt(highest - lowest + 1);
        AgeBandRule.BirthDates born = AgeBandRule.bornAtAge(age, start);
        LocalDate birthDate = builder.randomDate(born.earliest(), born.latest());

        List<End> ends = new ArrayList<>();
        LocalDate plannedEnd;
        Measurement measurement = null;
        if (end == null) {
            plannedEnd = start.plusDays(90 + builder.random().nextInt(90));
        } else if (training.ending == Count.STOPPED_EARLY) {
            String reason = Boolean.TRUE.equals(training.atWork) ? StopReason.EMPLOYMENT.name()
                    : OTHER_STOP_REASONS.get(builder.random().nextInt(OTHER_STOP_REASONS.size()));
            ends.add(new End(end, "STOPPED", reason));
            plannedEnd = end.plusDays(30 + builder.random().nextInt(90));
        } else {
            ends.add(new End(end, training.ending == Count.COMPLETED ? "PASSED" : "FAILED", null));
            plannedEnd = end;
        }
        if (end != null && training.atWork != null) {
            measurement = new Measurement(ClusterRule.measurementDate(end), training.atWork);
        }
        Catalogue.Course course = courses.get(training.cell.module());
        String province = PROVINCES.get(builder.random().nextInt(PROVINCES.size()));
        Catalogue.Offer offer = new Catalogue.Offer(start.getYear(), course.code(), province,
                List.of("VDAB competentiecentrum " + CENTRE_BY_PROVINCE.get(province)));
        Contract contract = new Contract(course.trainingYears().get(0).code(), province, builder.schoolOf(offer), start,
                plannedEnd, List.copyOf(ends), false, measurement);
        builder.addPerson(birthDate, training.cell.gender(), List.of(builder.candidacy(course, offer, start,
                List.of(contract))));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static Map<String, Band> bandsByColumn() {
        List<Band> bands = AgeBandRule.Scale.AGE3.bands();
        Map<String, Band> byColumn = new LinkedHashMap<>();
        byColumn.put("age_under_25", bands.get(0));
        byColumn.put("age_25_54", bands.get(1));
        byColumn.put("age_55_plus", bands.get(2));
        return Collections.unmodifiableMap(byColumn);
    }
}
