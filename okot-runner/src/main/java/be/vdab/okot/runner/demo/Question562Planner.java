package be.vdab.okot.runner.demo;

import be.vdab.okot.events.AgeBandRule;
import be.vdab.okot.events.enrolment.StartRule;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.events.outcome.DiplomaRule;
import be.vdab.okot.events.outcome.DropOutRule;
import be.vdab.okot.runner.demo.DemoPlan.Candidacy;
import be.vdab.okot.runner.demo.DemoPlan.Contract;
import be.vdab.okot.runner.demo.DemoPlan.End;
import be.vdab.okot.runner.demo.DemoPlan.Measurement;
import be.vdab.okot.runner.demo.DemoPlan.Person;
import be.vdab.okot.runner.demo.Question562Breakdowns.Dimension;
import be.vdab.okot.runner.demo.Question562Breakdowns.Figure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Plans a synthetic population whose figures (computed by stats-service by the rules of
 * figures.md) come out as published in question 562. Seeded: the same seed, years and
 * catalogue give the same population. It plans by the same rules the figures count by
 * (okot-events): who counts as a starter ({@link StartRule}), which stop reasons are drop-outs
 * ({@link DropOutRule}), and the age bands ({@link AgeBandRule}).
 *
 * <p>How the published tables are met:
 * <ul>
 *   <li>A table with several breakdowns of one population (2020 starts by age, gender and type)
 *       is met by zipping shuffled lists that each hold one breakdown exactly: every marginal is
 *       right, the joint distribution is free (it was not published).</li>
 *   <li>Double membership is real: 19 persons start twice in 2020 with a birthday in between
 *       that moves them to the next age band (their first year stopped for reorientation, which
 *       is no drop-out), 6 of them on a course of another type.</li>
 *   <li>Diplomas and drop-outs of year E are contracts started in September E-1. The outflow
 *       cohort of year E+1 is a part of them that ends October–December E and is measured; all
 *       other clusters get no measurement and so stay out of the outflow figure.</li>
 *   <li>The starters of a year are those contracts plus fillers that make the published total.</li>
 *   <li>One population answers every question: the persons planned before (question 74's teacher trainings,
 *       {@link Question74Planner}) count too. Each year's starters, diplomas and drop-outs are filled up to the
 *       published totals from what is already planned ({@link DiplomaRule}, {@link DropOutRule}), and the 2020
 *       breakdowns are planned from what the earlier persons left of them ({@link Question562Breakdowns}). This planner
 *       never picks a course of sector {@code ONDERWIJS} itself: those are question 74's (so the 2020 Master starts
 *       and drop-outs, only 908020 then, are all its).</li>
 * </ul>
 */
public final class Question562Planner {

    /** The years of question 562's series: starts 2013–2020, diplomas, drop-outs and outflow 2014–2020. */
    public static final int FIRST_YEAR = 2013;
    public static final int LAST_YEAR = 2020;
    /** The year with published breakdowns; the others only have yearly totals. */
    static final int DETAIL_YEAR = 2020;
    static final int DOUBLE_STARTERS = 19;
    static final int DOUBLE_STARTERS_CHANGING_TYPE = 6;

    static final Map<String, String> TYPE_BY_LABEL = Map.of("7e jaar BSO", "BSO7", "TKO", "TKO", "Se-n-se", "SENSE",
            "HBO", "HBO", "PBA", "PBA", "Master", "MASTER");
    static final Map<String, String> DROPOUT_BY_LABEL = Map.of(
            "Uitgevoerd - Niet geslaagd", "FAILED",
            "Stopgezet - Door de klant", "BY_CLIENT",
            "Stopgezet - Wegens langdurige ziekte", "LONG_TERM_ILLNESS",
            "Stopgezet - Wegens ongeschiktheid", "UNSUITABILITY",
            "Stopgezet - Wegens tewerkstelling (tijdens opl)", "EMPLOYMENT");
    /** Stop reasons besides the published top 5 that count as drop-out, in the order of the rule. */
    static final List<String> OTHER_DROPOUT_REASONS = DropOutRule.REASONS.stream()
            .filter(reason -> !DROPOUT_BY_LABEL.containsValue(reason)).toList();

    private final PopulationBuilder builder;
    private final Question562Breakdowns breakdowns;
    private final Random random;
    private final Map<String, List<Catalogue.Course>> coursesByType = new TreeMap<>();

    // published targets
    private final Map<Integer, BigDecimal> startsByYear;
    private final Map<Integer, BigDecimal> diplomasByYear;
    private final Map<Integer, BigDecimal> dropoutsByYear;
    private final Map<Integer, BigDecimal> outflowRateByYear;

    /** Question 562 alone: all of its 2020 breakdowns to plan. */
    public Question562Planner(PopulationBuilder builder) {
        this(builder, Question562Breakdowns.published());
    }

    /**
     * @param breakdowns what the persons planned before left of the 2020 breakdowns (see the class)
     */
    public Question562Planner(PopulationBuilder builder, Question562Breakdowns breakdowns) {
        this.builder = builder;
        this.breakdowns = breakdowns;
        this.random = builder.random();
        builder.catalogue().courses().stream()
                .filter(course -> StartRule.OKOT.equals(course.programme()))
                .filter(course -> !Question74Planner.SECTOR.equals(course.sector()))
                .filter(course -> builder.isOffered(course.code()))
                .filter(course -> course.trainingYears().stream().anyMatch(Catalogue.TrainingYear::finalYear))
                .sorted(Comparator.comparing(Catalogue.Course::code))
                .forEach(course -> coursesByType.computeIfAbsent(course.type(), type -> new ArrayList<>()).add(course));
        for (String type : TYPICAL_TYPES) {
            if (!coursesByType.containsKey(type)) {
                throw new IllegalArgumentException("The catalogue offers no OKOT course of type " + type + " in "
                        + DETAIL_YEAR + ": the demo needs the shipped catalogue and offers");
            }
        }
        startsByYear = PublishedTables.load("q562_starts_by_year_2013_2020").series();
        diplomasByYear = PublishedTables.load("q562_diplomas_by_year_2014_2020").series();
        dropoutsByYear = PublishedTables.load("q562_dropouts_by_year_2014_2020").series();
        outflowRateByYear = PublishedTables.load("q562_outflow_rate_by_year_2014_2020").series();
    }

    /**
     * Adds the persons whose figures of {@code fromYear}..{@code toYear} (within {@link #FIRST_YEAR}..{@link #LAST_YEAR})
     * are those published in question 562.
     */
    public void plan(int fromYear, int toYear) {
        if (fromYear < FIRST_YEAR || toYear > LAST_YEAR || fromYear > toYear) {
            throw new IllegalArgumentException("Question 562 covers " + FIRST_YEAR + "–" + LAST_YEAR
                    + "; asked " + fromYear + "–" + toYear);
        }
        int firstEndYear = Math.max(fromYear, diplomasByYear.keySet().stream().min(Integer::compare).orElseThrow());
        // the outflow cohort of year Y ends in October–December Y-1
        for (int endYear = firstEndYear - 1; endYear <= toYear; endYear++) {
            boolean outflowNextYear = endYear + 1 >= firstEndYear && endYear + 1 <= toYear;
            planEndings(endYear, endYear >= firstEndYear, outflowNextYear);
        }
        for (int year = fromYear; year <= toYear; year++) {
            planStarters(year, year == toYear);
        }
    }

    // ---------------------------------------------------------------- endings: diplomas, drop-outs, outflow

    /** What a contract that ends in the planned year is for. */
    private enum Ending { DIPLOMA, DROPOUT }

    /** One contract to end in a year, with the profile its figures need (age band on the end date). */
    private record EndingItem(Ending ending, String stopOrFail, AgeBand band, String gender, String type,
                              Boolean atWork, boolean cohort) {
    }

    private void planEndings(int endYear, boolean publishedEndings, boolean outflowNextYear) {
        List<EndingItem> items = new ArrayList<>();
        if (outflowNextYear) {
            items.addAll(outflowCohort(endYear + 1));
        }
        if (publishedEndings) {
            // the endings planned before (question 74's) count in the year's totals
            int[] planned = plannedEndings(endYear);
            long cohortDiplomasOnly = items.stream().filter(item -> item.ending() == Ending.DIPLOMA).count();
            long cohortDiplomas = planned[0] + cohortDiplomasOnly;
            long cohortDropouts = planned[1] + items.size() - cohortDiplomasOnly;
            int diplomas = diplomasByYear.get(endYear).intValue();
            int dropouts = dropoutsByYear.get(endYear).intValue();
            if (cohortDiplomas > diplomas || cohortDropouts > dropouts) {
                throw new IllegalStateException("The outflow cohort of " + (endYear + 1) + " and the endings planned before"
                        + " do not fit in the endings of " + endYear);
            }
            if (endYear == DETAIL_YEAR) {
                if (!items.isEmpty()) {
                    throw new IllegalStateException("No outflow cohort expected after " + DETAIL_YEAR);
                }
                if (planned[0] + breakdowns.total(Figure.DIPLOMAS) != diplomas
                        || planned[1] + breakdowns.total(Figure.DROPOUTS) != dropouts) {
                    throw new IllegalStateException("The endings of " + DETAIL_YEAR + " planned before did not take their"
                            + " values from the published breakdowns");
                }
                items.addAll(publishedDiplomas());
                items.addAll(publishedDropouts());
            } else {
                for (long i = cohortDiplomas; i < diplomas; i++) {
                    items.add(new EndingItem(Ending.DIPLOMA, "PASSED", typicalBand(), typicalGender(), typicalType(), null,
                            false));
                }
                for (long i = cohortDropouts; i < dropouts; i++) {
                    items.add(new EndingItem(Ending.DROPOUT, typicalDropoutResult(), typicalBand(), typicalGender(),
                            typicalType(), null, false));
                }
            }
        }
        for (EndingItem item : items) {
            planEnding(endYear, item);
        }
    }

    private void planEnding(int endYear, EndingItem item) {
        Catalogue.Course course = courseOfType(item.type());
        Catalogue.TrainingYear trainingYear = item.ending() == Ending.DIPLOMA
                ? finalYearOf(course) : course.trainingYears().get(random.nextInt(course.trainingYears().size()));
        List<End> ends = new ArrayList<>();
        LocalDate start;
        LocalDate plannedEnd;
        Measurement measurement = null;
        if (item.cohort()) {
            // ends October–December: measured three months later, in the next year
            LocalDate end = builder.randomDate(LocalDate.of(endYear, 10, 1), LocalDate.of(endYear, 12, 20));
            ends.add(endOf(item, end));
            start = end.minusMonths(12).minusDays(random.nextInt(25));
            plannedEnd = end;
            measurement = new Measurement(end.plusMonths(3), item.atWork());
        } else {
            start = builder.randomDate(LocalDate.of(endYear - 1, 9, 1), LocalDate.of(endYear - 1, 9, 30));
            plannedEnd = LocalDate.of(endYear, 6, 30);
            if (item.ending() == Ending.DIPLOMA) {
                if (random.nextInt(100) < 12) {
                    // failed in June, passed at the second exam session: the end is corrected
                    ends.add(new End(LocalDate.of(endYear, 6, 30), "FAILED", null));
                    ends.add(new End(builder.randomDate(LocalDate.of(endYear, 9, 1), LocalDate.of(endYear, 9, 15)), "PASSED", null));
                } else {
                    ends.add(new End(builder.randomDate(LocalDate.of(endYear, 6, 15), LocalDate.of(endYear, 6, 30)), "PASSED", null));
                }
            } else if (item.stopOrFail().equals("FAILED")) {
                ends.add(new End(random.nextInt(100) < 80 ? LocalDate.of(endYear, 6, 30)
                        : builder.randomDate(LocalDate.of(endYear, 9, 1), LocalDate.of(endYear, 9, 15)), "FAILED", null));
            } else {
                ends.add(new End(builder.randomDate(LocalDate.of(endYear, 1, 6), LocalDate.of(endYear, 6, 26)), "STOPPED",
                        item.stopOrFail()));
            }
        }
        LocalDate finalEnd = ends.get(ends.size() - 1).endDate();
        String gender = item.gender();
        LocalDate birthDate = birthDateFor(item.band(), finalEnd);
        Catalogue.Offer offer = builder.offerOf(course);

        List<Contract> contracts = new ArrayList<>();
        // some diplomas crown a course of several years: the previous year was passed the year before
        if (item.ending() == Ending.DIPLOMA && !item.cohort() && trainingYear.year() > 1 && random.nextInt(100) < 30) {
            Catalogue.TrainingYear previous = course.trainingYears().stream()
                    .filter(year -> year.year() == trainingYear.year() - 1 && !year.finalYear()).findFirst().orElse(null);
            if (previous != null) {
                LocalDate previousStart = start.minusYears(1);
                contracts.add(new Contract(previous.code(), offer.province(), builder.schoolOf(offer), previousStart,
                        LocalDate.of(endYear - 1, 6, 30),
                        List.of(new End(builder.randomDate(LocalDate.of(endYear - 1, 6, 15), LocalDate.of(endYear - 1, 6, 30)),
                                "PASSED", null)), false, null));
            }
        }
        contracts.add(new Contract(trainingYear.code(), offer.province(), builder.schoolOf(offer), start, plannedEnd, ends, false,
                measurement));
        builder.addPerson(birthDate, gender, List.of(builder.candidacy(course, offer, contracts.get(0).startDate(), contracts)));
    }

    private End endOf(EndingItem item, LocalDate end) {
        return switch (item.stopOrFail()) {
            case "PASSED", "FAILED" -> new End(end, item.stopOrFail(), null);
            default -> new End(end, "STOPPED", item.stopOrFail());
        };
    }

    /**
     * The clusters measured for the outflow of {@code year}, closed October–December of the
     * year before. 2020 as published by ending, age, gender and type; other years only the
     * published rate of positively ended clusters, met by a count near the diplomas of the year.
     */
    private List<EndingItem> outflowCohort(int year) {
        List<EndingItem> items = new ArrayList<>();
        if (year == DETAIL_YEAR) {
            PublishedTables.Table byAge = PublishedTables.load("q562_2020_outflow_by_age");
            PublishedTables.Table byGender = PublishedTables.load("q562_2020_outflow_by_gender");
            PublishedTables.Table byType = PublishedTables.load("q562_2020_outflow_by_okot_type");
            for (boolean atWork : List.of(true, false)) {
                List<AgeBand> bands = builder.expand(split(byAge, "closed_clusters", "outflow_work_3m", atWork), AgeBand::parse);
                List<String> genders = builder.expand(split(byGender, "closed_clusters", "outflow_work_3m", atWork),
                        label -> label.substring(0, 1));
                List<String> types = builder.expand(split(byType, "pos_closed_clusters", "pos_outflow_work_3m", atWork),
                        TYPE_BY_LABEL::get);
                List<String> nonPositiveTypes = builder.expand(split(byType, "nonpos_closed_clusters", "nonpos_outflow_work_3m",
                        atWork), TYPE_BY_LABEL::get);
                checkSameSize("outflow 2020 (at work " + atWork + ")", bands, genders, types);
                for (int i = 0; i < bands.size(); i++) {
                    items.add(positiveEnding(bands.get(i), genders.get(i), types.get(i), atWork));
                }
                for (String type : nonPositiveTypes) {
                    items.add(nonPositiveEnding(typicalBand(), typicalGender(), type, atWork));
                }
            }
        } else {
            BigDecimal rate = outflowRateByYear.get(year);
            BigDecimal diplomas = diplomasByYear.get(year - 1);
            int closed = (int) Math.round((diplomas != null ? diplomas.intValue() : 1000) * 0.75);
            int atWork;
            while ((atWork = atWorkFor(rate, closed)) < 0) {
                closed++;
            }
            for (int i = 0; i < closed; i++) {
                items.add(positiveEnding(typicalBand(), typicalGender(), typicalType(), i < atWork));
            }
            int nonPositive = closed * 35 / 100;
            for (int i = 0; i < nonPositive; i++) {
                items.add(nonPositiveEnding(typicalBand(), typicalGender(), typicalType(), random.nextInt(100) < 45));
            }
        }
        return items;
    }

    /** How many at work of {@code closed} give {@code rate} rounded half-up to two decimals, or -1 if none does. */
    static int atWorkFor(BigDecimal rate, int closed) {
        int guess = rate.multiply(BigDecimal.valueOf(closed)).divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP)
                .intValue();
        for (int atWork = Math.max(0, guess - 2); atWork <= Math.min(closed, guess + 2); atWork++) {
            BigDecimal computed = BigDecimal.valueOf(atWork * 100L).divide(BigDecimal.valueOf(closed), 2, RoundingMode.HALF_UP);
            if (computed.compareTo(rate) == 0) {
                return atWork;
            }
        }
        return -1;
    }

    /** Positive: a passed final year, or stopped for a job (one in ten). */
    private EndingItem positiveEnding(AgeBand band, String gender, String type, boolean atWork) {
        return random.nextInt(100) < 10
                ? new EndingItem(Ending.DROPOUT, StopReason.EMPLOYMENT.name(), band, gender, type, atWork, true)
                : new EndingItem(Ending.DIPLOMA, "PASSED", band, gender, type, atWork, true);
    }

    private EndingItem nonPositiveEnding(AgeBand band, String gender, String type, boolean atWork) {
        String[] results = {"FAILED", "FAILED", "BY_CLIENT", "LONG_TERM_ILLNESS", "UNSUITABILITY", "BY_VDAB", "OTHER"};
        return new EndingItem(Ending.DROPOUT, results[random.nextInt(results.length)], band, gender, type, atWork, true);
    }

    private List<EndingItem> publishedDiplomas() {
        List<AgeBand> bands = builder.expand(breakdowns.left(Figure.DIPLOMAS, Dimension.AGE), AgeBand::parse);
        List<String> genders = builder.expand(breakdowns.left(Figure.DIPLOMAS, Dimension.GENDER), Function.identity());
        List<String> types = builder.expand(breakdowns.left(Figure.DIPLOMAS, Dimension.TYPE), Function.identity());
        checkSameSize("diplomas 2020", bands, genders, types);
        List<EndingItem> items = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            items.add(new EndingItem(Ending.DIPLOMA, "PASSED", bands.get(i), genders.get(i), types.get(i), null, false));
        }
        return items;
    }

    private List<EndingItem> publishedDropouts() {
        List<AgeBand> bands = builder.expand(breakdowns.left(Figure.DROPOUTS, Dimension.AGE), AgeBand::parse);
        List<String> genders = builder.expand(breakdowns.left(Figure.DROPOUTS, Dimension.GENDER), Function.identity());
        List<String> types = builder.expand(breakdowns.left(Figure.DROPOUTS, Dimension.TYPE), Function.identity());
        // the published top 5 and the other reasons that make the total (Question562Breakdowns)
        List<String> results = builder.expand(breakdowns.left(Figure.DROPOUTS, Dimension.REASON), Function.identity());
        checkSameSize("drop-outs 2020", bands, genders, types, results);
        List<EndingItem> items = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            items.add(new EndingItem(Ending.DROPOUT, results.get(i), bands.get(i), genders.get(i), types.get(i), null, false));
        }
        return items;
    }

    /**
     * The diplomas (F2, {@link DiplomaRule}) and drop-outs (F3, {@link DropOutRule}) of OKOT contracts planned so far with
     * their current end in {@code year}: {@code {diplomas, dropouts}}.
     */
    private int[] plannedEndings(int year) {
        int[] endings = new int[2];
        for (Person person : builder.persons()) {
            for (Candidacy candidacy : person.candidacies()) {
                for (Contract contract : candidacy.contracts()) {
                    Catalogue.Course course = builder.courseOf(contract.trainingCode());
                    if (contract.ends().isEmpty() || !StartRule.isOkotContract(course.programme(), contract.cancelled())) {
                        continue;
                    }
                    End end = contract.ends().get(contract.ends().size() - 1);
                    if (end.endDate().getYear() != year) {
                        continue;
                    }
                    Result result = Result.valueOf(end.result());
                    boolean finalYear = course.trainingYears().stream()
                            .anyMatch(trainingYear -> trainingYear.code().equals(contract.trainingCode()) && trainingYear.finalYear());
                    if (DiplomaRule.isDiploma(finalYear, result)) {
                        endings[0]++;
                    }
                    if (DropOutRule.isDropOut(result, end.stopReason() == null ? null : StopReason.valueOf(end.stopReason()))) {
                        endings[1]++;
                    }
                }
            }
        }
        return endings;
    }

    // ---------------------------------------------------------------- starters

    private void planStarters(int year, boolean last) {
        int target = startsByYear.get(year).intValue();
        int planned = builder.okotStartersIn(year);
        if (year == DETAIL_YEAR) {
            if (planned + breakdowns.total(Figure.STARTS) != target) {
                throw new IllegalStateException(planned + " starters planned in " + DETAIL_YEAR + " before its starters, "
                        + breakdowns.total(Figure.STARTS) + " left in the published breakdowns, " + target + " published");
            }
            publishedStarters();
        } else {
            if (planned > target) {
                throw new IllegalStateException(planned + " starts planned in " + year + ", more than the " + target
                        + " published");
            }
            for (int i = planned; i < target; i++) {
                LocalDate start = typicalStartDate(year);
                planSingleStart(typicalBand(), typicalGender(), typicalType(), start, false);
            }
        }
        // candidacies turned down, and contracts registered by mistake: they count nowhere
        for (int i = 0; i < target / 50; i++) {
            planRejected(year);
        }
        if (last) {
            for (int i = 0; i < 12; i++) {
                planSingleStart(typicalBand(), typicalGender(), typicalType(), typicalStartDate(year), true);
            }
        }
    }

    private void publishedStarters() {
        // what the persons planned before left (each took one value of each breakdown)
        Map<String, Integer> ageCounts = breakdowns.left(Figure.STARTS, Dimension.AGE);
        Map<String, Integer> genderCounts = breakdowns.left(Figure.STARTS, Dimension.GENDER);
        Map<String, Integer> typeCounts = breakdowns.left(Figure.STARTS, Dimension.TYPE);
        int persons = genderCounts.values().stream().mapToInt(Integer::intValue).sum();
        int ageRows = ageCounts.values().stream().mapToInt(Integer::intValue).sum();
        int typeRows = typeCounts.values().stream().mapToInt(Integer::intValue).sum();
        if (ageRows - persons != DOUBLE_STARTERS || typeRows - persons != DOUBLE_STARTERS_CHANGING_TYPE) {
            throw new IllegalStateException("Published 2020 starts: " + persons + " persons, " + ageRows + " age rows, "
                    + typeRows + " type rows; the plan expects " + DOUBLE_STARTERS + " and "
                    + DOUBLE_STARTERS_CHANGING_TYPE + " double memberships");
        }

        // double starters: from the largest adjacent age bands, the first start before their birthday
        List<AgeBand> bandOrder = ageCounts.keySet().stream().map(AgeBand::parse).toList();
        List<String> ageLabels = new ArrayList<>(ageCounts.keySet());
        List<String> typesWithChoice = coursesByType.entrySet().stream().filter(entry -> entry.getValue().size() > 1)
                .map(Map.Entry::getKey).toList();
        for (int i = 0; i < DOUBLE_STARTERS; i++) {
            int band = largestAdjacentPair(ageLabels, ageCounts);
            ageCounts.merge(ageLabels.get(band), -1, Integer::sum);
            ageCounts.merge(ageLabels.get(band + 1), -1, Integer::sum);
            String gender = largest(genderCounts);
            genderCounts.merge(gender, -1, Integer::sum);
            String firstType = largest(typeCounts);
            typeCounts.merge(firstType, -1, Integer::sum);
            String secondType = firstType;
            if (i < DOUBLE_STARTERS_CHANGING_TYPE) {
                secondType = typeCounts.entrySet().stream().filter(entry -> !entry.getKey().equals(firstType))
                        .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                typeCounts.merge(secondType, -1, Integer::sum);
            } else if (!typesWithChoice.contains(firstType)) {
                throw new IllegalStateException("Type " + firstType + " has one course: no reorientation within it");
            }
            planDoubleStart(bandOrder.get(band + 1).low(), gender, firstType, secondType);
        }

        List<AgeBand> bands = builder.expand(ageCounts, AgeBand::parse);
        List<String> genders = builder.expand(genderCounts, Function.identity());
        List<String> types = builder.expand(typeCounts, Function.identity());
        checkSameSize("starts 2020", bands, genders, types);
        for (int i = 0; i < bands.size(); i++) {
            planSingleStart(bands.get(i), genders.get(i), types.get(i), typicalStartDate(DETAIL_YEAR), false);
        }
    }

    /**
     * Starts in January on one course, stops in March to reorient (no drop-out, the cluster
     * stays open), starts again in September on another course with a new candidacy, one year
     * older: {@code olderAge} is the lower bound of the next age band.
     */
    private void planDoubleStart(int olderAge, String gender, String firstType, String secondType) {
        LocalDate firstStart = builder.randomDate(LocalDate.of(DETAIL_YEAR, 1, 6), LocalDate.of(DETAIL_YEAR, 1, 31));
        LocalDate secondStart = builder.randomDate(LocalDate.of(DETAIL_YEAR, 9, 1), LocalDate.of(DETAIL_YEAR, 9, 30));
        LocalDate birthday = builder.randomDate(firstStart.plusDays(1), secondStart);
        LocalDate birthDate = birthday.minusYears(olderAge);
        if (birthDate.getDayOfMonth() != birthday.getDayOfMonth()) { // 29 February
            birthDate = birthDate.plusDays(1);
        }
        Catalogue.Course first = courseOfType(firstType);
        Catalogue.Course second = courseOfType(secondType);
        while (second.code().equals(first.code())) {
            second = courseOfType(secondType);
        }
        Catalogue.Offer firstOffer = builder.offerOf(first);
        Catalogue.Offer secondOffer = builder.offerOf(second);
        LocalDate stopped = builder.randomDate(LocalDate.of(DETAIL_YEAR, 3, 1), LocalDate.of(DETAIL_YEAR, 3, 31));
        Contract firstContract = new Contract(first.trainingYears().get(0).code(), firstOffer.province(),
                builder.schoolOf(firstOffer), firstStart, LocalDate.of(DETAIL_YEAR, 6, 30),
                List.of(new End(stopped, "STOPPED", StopReason.REORIENTATION.name())), false, null);
        Contract secondContract = new Contract(second.trainingYears().get(0).code(), secondOffer.province(),
                builder.schoolOf(secondOffer), secondStart, LocalDate.of(DETAIL_YEAR + 1, 6, 30), List.of(), false, null);
        builder.addPerson(birthDate, gender, List.of(builder.candidacy(first, firstOffer, firstStart, List.of(firstContract)),
                builder.candidacy(second, secondOffer, secondStart, List.of(secondContract))));
    }

    private void planSingleStart(AgeBand band, String gender, String type, LocalDate start, boolean cancelled) {
        Catalogue.Course course = courseOfType(type);
        Catalogue.Offer offer = builder.offerOf(course);
        Contract contract = new Contract(course.trainingYears().get(0).code(), offer.province(), builder.schoolOf(offer), start,
                start.getMonthValue() >= 9 ? LocalDate.of(start.getYear() + 1, 6, 30) : LocalDate.of(start.getYear(), 12, 20),
                List.of(), cancelled, null);
        builder.addPerson(birthDateFor(band, start), gender, List.of(builder.candidacy(course, offer, start, List.of(contract))));
    }

    private void planRejected(int year) {
        Catalogue.Course course = courseOfType(typicalType());
        Catalogue.Offer offer = builder.offerOf(course);
        LocalDate submitted = builder.randomDate(LocalDate.of(year, 2, 1), LocalDate.of(year, 8, 31));
        LocalDate screened = submitted.plusDays(5 + random.nextInt(20));
        String referral = builder.referral();
        String ocmwId = referral.equals("OCMW") ? PopulationBuilder.OCMW_BY_PROVINCE.get(offer.province()) : null;
        builder.addPerson(birthDateFor(typicalBand(), submitted), typicalGender(), List.of(new Candidacy(course.code(),
                offer.province(), referral, ocmwId, submitted, ocmwId != null ? submitted.plusDays(2) : null, screened,
                false, List.of())));
    }

    // ---------------------------------------------------------------- choices

    /**
     * An {@code age5} band as published ({@link AgeBandRule}), the ages the demo plans in it: the open
     * lowest and highest bands are kept realistic ({@code -18 jaar} is 17, {@code 65 jaar en +} 65 to 67).
     */
    record AgeBand(String label, int low, int high) {

        /** The band with this published label, {@code null} for any other text. */
        static AgeBand parse(String label) {
            return AgeBandRule.Scale.AGE5.byLabel(label).map(band -> {
                int low = band.from() != null ? band.from() : band.to();
                return new AgeBand(label, low, band.to() != null ? band.to() : low + 2);
            }).orElse(null);
        }
    }

    /** A birth date that gives an age of the band on {@code on}, in completed years as the figures count it. */
    private LocalDate birthDateFor(AgeBand band, LocalDate on) {
        return builder.birthDateForAge(band.low() + random.nextInt(band.high() - band.low() + 1), on);
    }

    private static final List<AgeBand> TYPICAL_BANDS = List.of(
            AgeBand.parse("20 tot en met 24 jaar"), AgeBand.parse("25 tot en met 29 jaar"),
            AgeBand.parse("30 tot en met 34 jaar"), AgeBand.parse("35 tot en met 39 jaar"),
            AgeBand.parse("40 tot en met 44 jaar"), AgeBand.parse("45 tot en met 49 jaar"),
            AgeBand.parse("50 tot en met 54 jaar"));
    private static final int[] TYPICAL_BAND_WEIGHTS = {13, 25, 21, 18, 11, 7, 5};

    private AgeBand typicalBand() {
        return TYPICAL_BANDS.get(builder.weighted(TYPICAL_BAND_WEIGHTS));
    }

    private String typicalGender() {
        return random.nextInt(100) < 68 ? "V" : "M";
    }

    /** The types of the years without breakdowns: no MASTER, whose courses are all question 74's (ONDERWIJS). */
    private static final List<String> TYPICAL_TYPES = List.of("HBO", "PBA", "TKO", "SENSE", "BSO7");
    private static final int[] TYPICAL_TYPE_WEIGHTS = {52, 33, 11, 2, 1};

    private String typicalType() {
        return TYPICAL_TYPES.get(builder.weighted(TYPICAL_TYPE_WEIGHTS));
    }

    private String typicalDropoutResult() {
        String[] results = {"FAILED", "FAILED", "FAILED", "BY_CLIENT", "BY_CLIENT", "LONG_TERM_ILLNESS",
                "UNSUITABILITY", "EMPLOYMENT", "BY_VDAB", "OTHER"};
        return results[random.nextInt(results.length)];
    }

    /** Most training years start in September, some in January or February. */
    private LocalDate typicalStartDate(int year) {
        return random.nextInt(100) < 82 ? builder.randomDate(LocalDate.of(year, 9, 1), LocalDate.of(year, 9, 30))
                : builder.randomDate(LocalDate.of(year, 1, 6), LocalDate.of(year, 2, 28));
    }

    private Catalogue.Course courseOfType(String type) {
        List<Catalogue.Course> courses = coursesByType.get(type);
        if (courses == null) {
            throw new IllegalStateException("Question 562 plans no course of type " + type + " (none offered in "
                    + DETAIL_YEAR + " outside sector " + Question74Planner.SECTOR + ")");
        }
        // weighted by the number of provinces that offer it, as learners are
        int total = courses.stream().mapToInt(course -> builder.offersOf(course).size()).sum();
        int draw = random.nextInt(total);
        for (Catalogue.Course course : courses) {
            draw -= builder.offersOf(course).size();
            if (draw < 0) {
                return course;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static Catalogue.TrainingYear finalYearOf(Catalogue.Course course) {
        return course.trainingYears().stream().filter(Catalogue.TrainingYear::finalYear)
                .max(Comparator.comparingInt(Catalogue.TrainingYear::year)).orElseThrow();
    }

    // ---------------------------------------------------------------- lists from published counts

    /** The counts of those at work, or of those not at work, per label. */
    private static Map<String, Integer> split(PublishedTables.Table table, String closedColumn, String atWorkColumn,
                                              boolean atWork) {
        Map<String, Integer> closed = table.counts(closedColumn);
        Map<String, Integer> working = table.counts(atWorkColumn);
        Map<String, Integer> counts = new LinkedHashMap<>();
        closed.forEach((label, count) -> counts.put(label, atWork ? working.get(label) : count - working.get(label)));
        return counts;
    }

    private static void checkSameSize(String what, List<?>... lists) {
        for (List<?> list : lists) {
            if (list.size() != lists[0].size()) {
                throw new IllegalStateException("The published breakdowns of " + what + " do not add up to the same total");
            }
        }
    }

    private static int largestAdjacentPair(List<String> labels, Map<String, Integer> counts) {
        int best = -1;
        for (int i = 0; i + 1 < labels.size(); i++) {
            int pair = Math.min(counts.get(labels.get(i)), counts.get(labels.get(i + 1)));
            if (best < 0 || pair > Math.min(counts.get(labels.get(best)), counts.get(labels.get(best + 1)))) {
                best = i;
            }
        }
        return best;
    }

    private static String largest(Map<String, Integer> counts) {
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
