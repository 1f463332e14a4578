package be.vdab.okot.runner.demo;

import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.events.outcome.DropOutRule;
import be.vdab.okot.runner.demo.DemoPlan.Candidacy;
import be.vdab.okot.runner.demo.DemoPlan.Contract;
import be.vdab.okot.runner.demo.DemoPlan.End;
import be.vdab.okot.runner.demo.Question562Breakdowns.Dimension;
import be.vdab.okot.runner.demo.Question562Breakdowns.Figure;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Plans the persons of question 74 (14 October 2022, seed 002; INDEX.md §4): the OKOT teacher trainings (sector
 * {@code ONDERWIJS}) by training-year code, 908001–908033. The rules it meets:
 * <ul>
 *   <li>Answer 1, starts 2018–2021 (F1, {@link be.vdab.okot.events.enrolment.StartRule}): a code's cell counts the
 *       distinct persons with a start on it in the year, the Totaal the distinct persons over the sector. The Totaal is
 *       smaller than the sum of the rows (2018 +2, 2019 +30, 2020 +20, 2021 +16): that many persons start two codes in
 *       one year, a non-final year in January, passed in June, and the next year of the same course in September (one
 *       candidacy, one cluster).</li>
 *   <li>Answer 2, diplomas 2018–2022 (F2, {@link be.vdab.okot.events.outcome.DiplomaRule}): a final year PASSED with its
 *       end in the year; 2022 is its first half only (January–June).</li>
 *   <li>Answer 3, drop-outs 2018–2022 (F3, {@link DropOutRule}): a code's cell counts contracts, the Totaal distinct
 *       persons (2018 +1, 2019 +3, 2020 +1, 2021 +1): that many persons drop out of two codes of two courses in one
 *       year, the first stopped in January (a contract planned until the end of January), the second started in
 *       February.</li>
 *   <li>An ending (diploma or drop-out) of year E is a contract started in September E-1; when the code's published
 *       starts of E-1 are used up, one started in September E-2 and extended (<i>verlengd op individuele basis</i>), else
 *       one started in January E. A start that no published ending needs passes its (non-final) year, or is stopped
 *       for reorientation (no drop-out), or, started in 2021 on a final year, ends after June 2022. Starts outside
 *       2018–2021 (September 2017) are not published by question 74 and are free.</li>
 *   <li>The same population as question 562, planned before {@link Question562Planner}, which fills each year up to
 *       its published totals: every person with a 2020 start, diploma or drop-out takes its age band and gender (and its
 *       drop-out reasons) from what is left of question 562's 2020 breakdowns ({@link Question562Breakdowns}), its type
 *       being the course's; its birthday falls in October–December, after every 2020 fact, so that all of them have the
 *       same age band. No course of question 562's own planning is of sector {@code ONDERWIJS}.</li>
 *   <li>The two questions contradict each other on 2020 (INDEX.md §2): 13 drop-outs on 908020 (Verkorte educatieve
 *       master), 10 Master drop-outs in question 562. Question 562's count is kept: a year's drop-outs (or diplomas) of
 *       a type's codes are cut, largest code first, to question 562's published count of that type
 *       ({@link #cuts()}); question 74's cell and its Totaal then differ, and the check reports them.</li>
 *   <li>No outflow measurement: the clusters stay out of F4.</li>
 * </ul>
 * Seeded through the {@link PopulationBuilder}'s randomness; picks are deterministic otherwise.
 */
public final class Question74Planner {

    public static final int FIRST_YEAR = 2018;
    /** The last year with published endings: 2022, its first half only. */
    public static final int LAST_YEAR = 2022;
    /** The last year with published starts. */
    public static final int LAST_START_YEAR = 2021;
    /** The published endings of {@link #LAST_YEAR} end on or before this day. */
    public static final LocalDate LAST_DAY = LocalDate.of(LAST_YEAR, 6, 30);
    public static final String SECTOR = "ONDERWIJS";
    static final int DETAIL_YEAR = Question562Planner.DETAIL_YEAR;
    static final String STARTS = "q74_onderwijs_starts_by_training_year";
    static final String DIPLOMAS = "q74_onderwijs_graduates_by_training_year";
    static final String DROPOUTS = "q74_onderwijs_dropouts_by_training_year";
    private static final List<String> PROVINCES = List.of("ANT", "LIM", "OVL", "VBR", "WVL", "BXL");

    /** How a planned contract ends. */
    private enum Outcome {
        /** PASSED on a final year: a diploma. */
        DIPLOMA,
        /** FAILED, or STOPPED for a reason that is a drop-out. */
        DROPOUT,
        /** STOPPED in January for a reason that is a drop-out (the first of a person's two drop-outs in a year). */
        EARLY_DROPOUT,
        /** PASSED on a non-final year: a step within the trajectory, counted nowhere. */
        STEP,
        /** STOPPED for reorientation in November–December of its start year: no drop-out. */
        REORIENTATION,
        /** PASSED in September 2022, after the published first half. */
        LATE
    }

    /** A training-year contract being planned; its end is made when its person is finished. */
    private static final class Draft {
        final String code;
        final LocalDate start;
        final LocalDate plannedEnd;
        Outcome outcome;
        int endYear;
        String reason;

        Draft(String code, LocalDate start, LocalDate plannedEnd) {
            this.code = code;
            this.start = start;
            this.plannedEnd = plannedEnd;
        }
    }

    private final PopulationBuilder builder;
    /** What is left of question 562's 2020 breakdowns, {@code null} when 2020 is not planned. */
    private final Question562Breakdowns breakdowns;
    private final Random random;
    /** Published cells: code → year → count (blank cells absent), and the Totaal rows: year → count. */
    private final Map<String, Map<Integer, Integer>> publishedStarts;
    private final Map<String, Map<Integer, Integer>> publishedDiplomas;
    private final Map<String, Map<Integer, Integer>> publishedDropouts;
    private final Map<Integer, Integer> startsTotal;
    private final Map<Integer, Integer> dropoutsTotal;

    // the state of one plan
    private int firstStartYear;
    private int lastStartYear;
    private int firstEndYear;
    private int lastEndYear;
    /** Starts still to plan: code → year → count, for the published start years planned. */
    private final Map<String, Map<Integer, Integer>> startsLeft = new TreeMap<>();
    /** Endings still to plan: code → year → count. */
    private final Map<String, Map<Integer, Integer>> diplomasLeft = new TreeMap<>();
    private final Map<String, Map<Integer, Integer>> dropoutsLeft = new TreeMap<>();
    /** September starts already planned (the second year of a double start) whose ending is still open. */
    private final Map<String, Map<Integer, Deque<Draft>>> openSeptember = new HashMap<>();
    /** The persons planned: their candidacies, each a list of contracts of one course. */
    private final List<List<List<Draft>>> persons = new ArrayList<>();
    private final Map<String, Integer> cuts = new TreeMap<>();

    /**
     * @param breakdowns what is left of question 562's 2020 breakdowns, taken by the persons with a 2020 fact; {@code null}
     *                   when question 562's 2020 is not planned with this population
     */
    public Question74Planner(PopulationBuilder builder, Question562Breakdowns breakdowns) {
        this.builder = builder;
        this.breakdowns = breakdowns;
        this.random = builder.random();
        PublishedTables.Table starts = PublishedTables.load(STARTS);
        PublishedTables.Table diplomas = PublishedTables.load(DIPLOMAS);
        PublishedTables.Table dropouts = PublishedTables.load(DROPOUTS);
        publishedStarts = cells(starts);
        publishedDiplomas = cells(diplomas);
        publishedDropouts = cells(dropouts);
        startsTotal = totals(starts);
        dropoutsTotal = totals(dropouts);
    }

    /** The published column of a year: {@code n_2018} … {@code n_2021}, {@code n_2022_h1}. */
    static String column(int year) {
        return year == LAST_YEAR ? "n_" + year + "_h1" : "n_" + year;
    }

    /** The year of a published column, {@code null} for another column. */
    static Integer year(String column) {
        return column.startsWith("n_") ? Integer.valueOf(column.substring(2, 6)) : null;
    }

    private static Map<String, Map<Integer, Integer>> cells(PublishedTables.Table table) {
        Map<String, Map<Integer, Integer>> cells = new TreeMap<>();
        for (String column : table.header()) {
            Integer year = year(column);
            if (year != null) {
                table.counts(column).forEach((code, count) -> cells.computeIfAbsent(code, c -> new TreeMap<>()).put(year, count));
            }
        }
        return cells;
    }

    private static Map<Integer, Integer> totals(PublishedTables.Table table) {
        Map<Integer, Integer> totals = new TreeMap<>();
        for (List<String> row : table.rows()) {
            if (row.get(row.size() - 1).equals("total")) {
                for (int i = 0; i < table.header().size(); i++) {
                    Integer year = year(table.header().get(i));
                    if (year != null && !row.get(i).isBlank()) {
                        totals.put(year, Integer.parseInt(row.get(i)));
                    }
                }
            }
        }
        return totals;
    }

    /**
     * The published cells cut to question 562 (see the class): {@code "code year"} → how many endings fewer than
     * question 74 published. Known after {@link #plan}.
     */
    public Map<String, Integer> cuts() {
        return Collections.unmodifiableMap(cuts);
    }

    /**
     * Adds the persons whose figures of {@code fromYear}..{@code toYear} (within {@link #FIRST_YEAR}..{@link #LAST_YEAR})
     * are those of question 74; nothing when the years do not meet.
     *
     * @throws IllegalStateException when the published cells cannot be met (a code's endings need more starts than
     *                               published)
     */
    public void plan(int fromYear, int toYear) {
        firstStartYear = Math.max(fromYear, FIRST_YEAR);
        lastStartYear = Math.min(toYear, LAST_START_YEAR);
        firstEndYear = Math.max(fromYear, FIRST_YEAR);
        lastEndYear = Math.min(toYear, LAST_YEAR);
        if (firstEndYear > lastEndYear) {
            return;
        }
        publishedStarts.forEach((code, years) -> {
            for (int year = firstStartYear; year <= lastStartYear; year++) {
                startsLeft.computeIfAbsent(code, c -> new TreeMap<>()).put(year, years.getOrDefault(year, 0));
            }
        });
        copyEndings(publishedDiplomas, diplomasLeft);
        copyEndings(publishedDropouts, dropoutsLeft);
        if (breakdowns != null && firstEndYear <= DETAIL_YEAR && DETAIL_YEAR <= lastEndYear) {
            cutToQuestion562(diplomasLeft, Figure.DIPLOMAS);
            cutToQuestion562(dropoutsLeft, Figure.DROPOUTS);
        }
        for (int year = firstEndYear; year <= lastEndYear; year++) {
            planDoubleDropouts(year);
        }
        for (int year = firstStartYear; year <= lastStartYear; year++) {
            planDoubleStarts(year);
        }
        for (String code : publishedStarts.keySet()) {
            for (int year = firstEndYear; year <= lastEndYear; year++) {
                planEndings(code, year);
            }
            planOtherStarts(code);
        }
        persons.forEach(this::addPerson);
    }

    private void copyEndings(Map<String, Map<Integer, Integer>> published, Map<String, Map<Integer, Integer>> left) {
        published.forEach((code, years) -> years.forEach((year, count) -> {
            if (firstEndYear <= year && year <= lastEndYear) {
                left.computeIfAbsent(code, c -> new TreeMap<>()).put(year, count);
            }
        }));
    }

    /** Cuts the endings of 2020 of each type's codes to what question 562 published for the type (largest code first). */
    private void cutToQuestion562(Map<String, Map<Integer, Integer>> left, Figure figure) {
        Map<String, List<String>> codesByType = new TreeMap<>();
        left.keySet().forEach(code -> codesByType.computeIfAbsent(builder.courseOf(code).type(), t -> new ArrayList<>()).add(code));
        codesByType.forEach((type, codes) -> {
            int allowed = breakdowns.left(figure, Dimension.TYPE, type);
            int planned = codes.stream().mapToInt(code -> left.get(code).getOrDefault(DETAIL_YEAR, 0)).sum();
            while (planned > allowed) {
                String largest = codes.stream().max(Comparator.comparingInt(
                        (String code) -> left.get(code).getOrDefault(DETAIL_YEAR, 0)).thenComparing(Comparator.reverseOrder()))
                        .orElseThrow();
                left.get(largest).merge(DETAIL_YEAR, -1, Integer::sum);
                cuts.merge(largest + " " + DETAIL_YEAR, 1, Integer::sum);
                planned--;
            }
        });
    }

    // ---------------------------------------------------------------- the persons counted twice in a code row

    /** Persons who drop out of two codes of two courses in {@code year}: the drop-out rows' sum minus their Totaal. */
    private void planDoubleDropouts(int year) {
        Integer total = dropoutsTotal.get(year);
        if (total == null) {
            return;
        }
        int rows = publishedDropouts.values().stream().mapToInt(years -> years.getOrDefault(year, 0)).sum();
        for (int i = 0; i < rows - total; i++) {
            String first = largestNeed(dropoutsLeft, year, code -> canStart(code, year - 1), null);
            String second = largestNeed(dropoutsLeft, year, code -> canStart(code, year)
                    && !builder.courseOf(code).code().equals(builder.courseOf(first).code()), first);
            Draft stopped = new Draft(first, builder.randomDate(LocalDate.of(year - 1, 9, 1), LocalDate.of(year - 1, 9, 20)),
                    LocalDate.of(year, 1, 31));
            useStart(first, year - 1);
            stopped.outcome = Outcome.EARLY_DROPOUT;
            stopped.endYear = year;
            Draft again = new Draft(second, builder.randomDate(LocalDate.of(year, 2, 1), LocalDate.of(year, 2, 14)),
                    LocalDate.of(year, 6, 30));
            useStart(second, year);
            again.outcome = Outcome.DROPOUT;
            again.endYear = year;
            dropoutsLeft.get(first).merge(year, -1, Integer::sum);
            dropoutsLeft.get(second).merge(year, -1, Integer::sum);
            persons.add(List.of(List.of(stopped), List.of(again)));
        }
    }

    /**
     * Persons who start two codes in {@code year}: the start rows' sum minus their Totaal. A non-final year from
     * January, passed in June, then the next year of the same course from September.
     */
    private void planDoubleStarts(int year) {
        Integer total = startsTotal.get(year);
        if (total == null) {
            return;
        }
        int rows = publishedStarts.values().stream().mapToInt(years -> years.getOrDefault(year, 0)).sum();
        List<String[]> steps = nextYears();
        for (int i = 0; i < rows - total; i++) {
            String[] step = steps.stream().filter(pair -> startsLeft(pair[0], year) > 0 && startsLeft(pair[1], year) > 0)
                    .max(Comparator.comparingInt(pair -> Math.min(startsLeft(pair[0], year), startsLeft(pair[1], year))))
                    .orElseThrow(() -> new IllegalStateException("Question 74: no two codes left to start in " + year));
            Draft first = new Draft(step[0], builder.randomDate(LocalDate.of(year, 1, 6), LocalDate.of(year, 1, 31)),
                    LocalDate.of(year, 6, 30));
            first.outcome = Outcome.STEP;
            first.endYear = year;
            useStart(step[0], year);
            Draft next = new Draft(step[1], september(year), LocalDate.of(year + 1, 6, 30));
            useStart(step[1], year);
            openSeptember.computeIfAbsent(step[1], c -> new HashMap<>()).computeIfAbsent(year, y -> new ArrayDeque<>()).add(next);
            persons.add(List.of(List.of(first, next)));
        }
    }

    /** The published codes of a non-final year and the next year of the same course: {908001, 908002}, … */
    private List<String[]> nextYears() {
        List<String[]> steps = new ArrayList<>();
        builder.catalogue().courses().stream().filter(course -> SECTOR.equals(course.sector())).forEach(course -> {
            List<Catalogue.TrainingYear> years = course.trainingYears();
            for (int i = 0; i + 1 < years.size(); i++) {
                Catalogue.TrainingYear year = years.get(i);
                Catalogue.TrainingYear next = years.get(i + 1);
                if (!year.finalYear() && next.year() == year.year() + 1 && publishedStarts.containsKey(year.code())
                        && publishedStarts.containsKey(next.code())) {
                    steps.add(new String[]{year.code(), next.code()});
                }
            }
        });
        steps.sort(Comparator.comparing(step -> step[0]));
        return steps;
    }

    // ---------------------------------------------------------------- endings and the other starts, code by code

    /** The diplomas and drop-outs of {@code code} in {@code year}, each on a start that fits (see the class). */
    private void planEndings(String code, int year) {
        List<Outcome> endings = new ArrayList<>();
        for (int i = 0; i < diplomasLeft.getOrDefault(code, Map.of()).getOrDefault(year, 0); i++) {
            endings.add(Outcome.DIPLOMA);
        }
        for (int i = 0; i < dropoutsLeft.getOrDefault(code, Map.of()).getOrDefault(year, 0); i++) {
            endings.add(Outcome.DROPOUT);
        }
        Collections.shuffle(endings, random);
        for (Outcome outcome : endings) {
            Draft draft;
            if (hasSeptember(code, year - 1)) {
                draft = takeSeptember(code, year - 1);
            } else if (isPublishedStartYear(year - 2) && hasSeptember(code, year - 2)) {
                // extended: ends a year after its planned end (the contract keeps it: a training year is planned for at
                // most 15 months, enrolment-service's rule; an end may come later)
                draft = takeSeptember(code, year - 2);
            } else if (canStart(code, year)) {
                draft = new Draft(code, builder.randomDate(LocalDate.of(year, 1, 6), LocalDate.of(year, 1, 31)),
                        LocalDate.of(year, 6, 30));
                useStart(code, year);
                persons.add(List.of(List.of(draft)));
            } else {
                throw new IllegalStateException("Question 74: " + code + " has more endings in " + year
                        + " than published starts to end them");
            }
            draft.outcome = outcome;
            draft.endYear = year;
        }
    }

    /** The published starts of {@code code} that no ending took: a year passed, a reorientation, or a late end. */
    private void planOtherStarts(String code) {
        boolean finalYear = isFinalYear(code);
        for (int year = firstStartYear; year <= lastStartYear; year++) {
            while (hasSeptember(code, year)) {
                Draft draft = takeSeptember(code, year);
                int naturalEnd = year + 1;
                if (!finalYear) {
                    draft.outcome = Outcome.STEP;
                } else if (naturalEnd > lastEndYear) {
                    draft.outcome = Outcome.DIPLOMA; // after the years planned: counted in no published cell
                } else if (naturalEnd == LAST_YEAR) {
                    draft.outcome = Outcome.LATE;
                } else {
                    draft.outcome = Outcome.REORIENTATION;
                }
                draft.endYear = draft.outcome == Outcome.REORIENTATION ? year : naturalEnd;
            }
        }
    }

    private boolean isPublishedStartYear(int year) {
        return firstStartYear <= year && year <= lastStartYear;
    }

    /** Whether a start of {@code code} in {@code year} fits: published and not all taken, or a year not published. */
    private boolean canStart(String code, int year) {
        return !isPublishedStartYear(year) || startsLeft(code, year) > 0;
    }

    private int startsLeft(String code, int year) {
        return startsLeft.getOrDefault(code, Map.of()).getOrDefault(year, 0);
    }

    private void useStart(String code, int year) {
        if (isPublishedStartYear(year)) {
            if (startsLeft(code, year) <= 0) {
                throw new IllegalStateException("Question 74: no start of " + code + " left in " + year);
            }
            startsLeft.get(code).merge(year, -1, Integer::sum);
        }
    }

    private boolean hasSeptember(String code, int year) {
        return !openSeptember.getOrDefault(code, Map.of()).getOrDefault(year, new ArrayDeque<>()).isEmpty()
                || canStart(code, year);
    }

    /** A September start of {@code code} in {@code year} still without ending: one planned already, else a new person. */
    private Draft takeSeptember(String code, int year) {
        Deque<Draft> open = openSeptember.getOrDefault(code, Map.of()).get(year);
        if (open != null && !open.isEmpty()) {
            return open.poll();
        }
        useStart(code, year);
        Draft draft = new Draft(code, september(year), LocalDate.of(year + 1, 6, 30));
        persons.add(List.of(List.of(draft)));
        return draft;
    }

    private LocalDate september(int year) {
        return builder.randomDate(LocalDate.of(year, 9, 1), LocalDate.of(year, 9, 30));
    }

    private boolean isFinalYear(String code) {
        return builder.courseOf(code).trainingYears().stream()
                .anyMatch(year -> year.code().equals(code) && year.finalYear());
    }

    private String largestNeed(Map<String, Map<Integer, Integer>> left, int year, Predicate<String> fits, String not) {
        return left.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(not) && entry.getValue().getOrDefault(year, 0) > 0)
                .filter(entry -> fits.test(entry.getKey()))
                .max(Comparator.comparingInt((Map.Entry<String, Map<Integer, Integer>> entry) -> entry.getValue().get(year))
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("Question 74: no code left for a second drop-out in " + year));
    }

    // ---------------------------------------------------------------- a person: profile, ends, candidacies

    private void addPerson(List<List<Draft>> candidacies) {
        List<Draft> drafts = candidacies.stream().flatMap(List::stream).toList();
        boolean detail = breakdowns != null && drafts.stream().anyMatch(this::isDetailFact);
        String gender;
        LocalDate birthDate;
        if (detail) {
            Set<String> startTypes = new LinkedHashSet<>();
            List<Draft> diplomas = new ArrayList<>();
            List<Draft> dropouts = new ArrayList<>();
            for (Draft draft : drafts) {
                if (draft.start.getYear() == DETAIL_YEAR) {
                    startTypes.add(typeOf(draft));
                }
                if (draft.endYear == DETAIL_YEAR && draft.outcome == Outcome.DIPLOMA) {
                    diplomas.add(draft);
                }
                if (draft.endYear == DETAIL_YEAR && isDropOut(draft.outcome)) {
                    dropouts.add(draft);
                }
            }
            Map<Figure, Integer> facts = new LinkedHashMap<>();
            facts.put(Figure.DROPOUTS, dropouts.size());
            facts.put(Figure.DIPLOMAS, diplomas.size());
            facts.put(Figure.STARTS, startTypes.isEmpty() ? 0 : 1);
            String band = takeCommon(Dimension.AGE, facts);
            gender = takeCommon(Dimension.GENDER, facts);
            startTypes.forEach(type -> breakdowns.take(Figure.STARTS, Dimension.TYPE, type, 1));
            diplomas.forEach(draft -> breakdowns.take(Figure.DIPLOMAS, Dimension.TYPE, typeOf(draft), 1));
            for (Draft draft : dropouts) {
                breakdowns.take(Figure.DROPOUTS, Dimension.TYPE, typeOf(draft), 1);
                Predicate<String> fits = draft.outcome == Outcome.EARLY_DROPOUT
                        ? reason -> !reason.equals(DropOutRule.FAILED) : reason -> true;
                draft.reason = weightedKey(breakdowns.left(Figure.DROPOUTS, Dimension.REASON), fits);
                breakdowns.take(Figure.DROPOUTS, Dimension.REASON, draft.reason, 1);
            }
            // the birthday after every 2020 fact (all before October): one age band all year long
            Question562Planner.AgeBand ages = Question562Planner.AgeBand.parse(band);
            int age = ages.low() + random.nextInt(ages.high() - ages.low() + 1);
            int born = DETAIL_YEAR - age - 1;
            birthDate = builder.randomDate(LocalDate.of(born, 10, 1), LocalDate.of(born, 12, 31));
        } else {
            gender = random.nextInt(100) < 76 ? "V" : "M";
            birthDate = builder.birthDateForAge(22 + random.nextInt(24), drafts.get(0).start);
        }
        for (Draft draft : drafts) {
            if (isDropOut(draft.outcome) && draft.reason == null) {
                draft.reason = typicalDropoutReason(draft.outcome == Outcome.EARLY_DROPOUT);
            }
        }
        List<Candidacy> planned = new ArrayList<>();
        for (List<Draft> candidacy : candidacies) {
            Catalogue.Course course = builder.courseOf(candidacy.get(0).code);
            Catalogue.Offer offer = builder.isOffered(course.code()) ? builder.offerOf(course)
                    // not offered in 2020 (SLO, 908015): a province as the demo's others
                    : new Catalogue.Offer(PopulationBuilder.OFFERS_YEAR, course.code(),
                    PROVINCES.get(random.nextInt(PROVINCES.size())), List.of());
            String school = builder.schoolOf(offer);
            List<Contract> contracts = candidacy.stream().map(draft -> new Contract(draft.code, offer.province(), school,
                    draft.start, draft.plannedEnd, ends(draft), false, null)).toList();
            planned.add(builder.candidacy(course, offer, candidacy.get(0).start, contracts));
        }
        builder.addPerson(birthDate, gender, planned);
    }

    /** Whether a contract is a fact of question 562's 2020 breakdowns: a start, a diploma or a drop-out in 2020. */
    private boolean isDetailFact(Draft draft) {
        return draft.start.getYear() == DETAIL_YEAR
                || draft.endYear == DETAIL_YEAR && (draft.outcome == Outcome.DIPLOMA || isDropOut(draft.outcome));
    }

    private static boolean isDropOut(Outcome outcome) {
        return outcome == Outcome.DROPOUT || outcome == Outcome.EARLY_DROPOUT;
    }

    private String typeOf(Draft draft) {
        return builder.courseOf(draft.code).type();
    }

    /**
     * One value of {@code dimension} left in every figure the person has facts in ({@code facts}: figure → how many),
     * drawn by what is left of the first figure with facts, and taken from each.
     */
    private String takeCommon(Dimension dimension, Map<Figure, Integer> facts) {
        Figure first = facts.entrySet().stream().filter(entry -> entry.getValue() > 0).findFirst().orElseThrow().getKey();
        Predicate<String> fits = value -> facts.entrySet().stream()
                .allMatch(entry -> breakdowns.left(entry.getKey(), dimension, value) >= entry.getValue());
        String value = weightedKey(breakdowns.left(first, dimension), fits);
        facts.forEach((figure, count) -> {
            if (count > 0) {
                breakdowns.take(figure, dimension, value, count);
            }
        });
        return value;
    }

    private String weightedKey(Map<String, Integer> counts, Predicate<String> fits) {
        Map<String, Integer> candidates = new LinkedHashMap<>();
        counts.forEach((key, count) -> {
            if (count > 0 && fits.test(key)) {
                candidates.put(key, count);
            }
        });
        if (candidates.isEmpty()) {
            throw new IllegalStateException("Question 74: nothing left in question 562's 2020 breakdown " + counts);
        }
        int draw = random.nextInt(candidates.values().stream().mapToInt(Integer::intValue).sum());
        for (Map.Entry<String, Integer> candidate : candidates.entrySet()) {
            draw -= candidate.getValue();
            if (draw < 0) {
                return candidate.getKey();
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private String typicalDropoutReason(boolean stopOnly) {
        String[] reasons = {"FAILED", "FAILED", "FAILED", "BY_CLIENT", "BY_CLIENT", "LONG_TERM_ILLNESS", "UNSUITABILITY",
                "EMPLOYMENT", "BY_VDAB", "OTHER"};
        String reason;
        do {
            reason = reasons[random.nextInt(reasons.length)];
        } while (stopOnly && reason.equals(DropOutRule.FAILED));
        return reason;
    }

    /** The ends of a contract as registered, the last one current. */
    private List<End> ends(Draft draft) {
        int year = draft.endYear;
        return switch (draft.outcome) {
            case DIPLOMA -> year < LAST_YEAR && random.nextInt(100) < 12
                    // failed in June, passed at the second exam session: the end is corrected
                    ? List.of(new End(LocalDate.of(year, 6, 30), "FAILED", null),
                    new End(builder.randomDate(LocalDate.of(year, 9, 1), LocalDate.of(year, 9, 15)), "PASSED", null))
                    : List.of(new End(builder.randomDate(LocalDate.of(year, 6, 15), LocalDate.of(year, 6, 30)), "PASSED", null));
            case DROPOUT -> draft.reason.equals(DropOutRule.FAILED)
                    ? List.of(new End(LocalDate.of(year, 6, 30), "FAILED", null))
                    : List.of(new End(builder.randomDate(later(draft.start.plusDays(20), LocalDate.of(year, 1, 6)),
                    LocalDate.of(year, 6, 26)), "STOPPED", draft.reason));
            case EARLY_DROPOUT -> List.of(new End(builder.randomDate(LocalDate.of(year, 1, 6), LocalDate.of(year, 1, 25)),
                    "STOPPED", draft.reason));
            case STEP -> List.of(new End(builder.randomDate(LocalDate.of(year, 6, 15), LocalDate.of(year, 6, 28)), "PASSED",
                    null));
            case REORIENTATION -> List.of(new End(builder.randomDate(LocalDate.of(year, 11, 2), LocalDate.of(year, 12, 15)),
                    "STOPPED", StopReason.REORIENTATION.name()));
            case LATE -> List.of(new End(builder.randomDate(LAST_DAY.plusMonths(2).plusDays(1), LAST_DAY.plusMonths(2)
                    .plusDays(15)), "PASSED", null));
        };
    }

    private static LocalDate later(LocalDate one, LocalDate other) {
        return one.isAfter(other) ? one : other;
    }
}
