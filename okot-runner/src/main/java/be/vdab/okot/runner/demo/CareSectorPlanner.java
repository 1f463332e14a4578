package be.vdab.okot.runner.demo;

import be.vdab.okot.events.enrolment.StartRule;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.events.outcome.DiplomaRule;
import be.vdab.okot.events.outcome.DropOutRule;
import be.vdab.okot.runner.demo.DemoPlan.Candidacy;
import be.vdab.okot.runner.demo.DemoPlan.Contract;
import be.vdab.okot.runner.demo.DemoPlan.End;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Plans the care sector of seed 001 (<i>OKOT's – Zorgsector</i>; INDEX.md §3 and §7): persons on the catalogue's
 * OKOT courses of sector {@value #SECTOR} whose figures of January–September 2023 and of the same months of 2022
 * are those of the answer, counted as {@code GET /stats/{starts|diplomas|dropouts}?from=2023-01-01&to=2023-09-30
 * &sector=ZORG&compare=previous-year} counts them:
 * <ul>
 *   <li>F1 starters ({@link StartRule}): distinct persons with a start (a contract not cancelled) in the period —
 *       2,702 in 2023, 236 fewer than in 2022 (so 2,938);</li>
 *   <li>F2 diplomas ({@link DiplomaRule}): contracts of a final training year whose current end is PASSED with its
 *       end date in the period — 810 in 2023, 43 fewer than in 2022 (so 853);</li>
 *   <li>F3 drop-outs ({@link DropOutRule}): contracts whose current end is FAILED, or STOPPED for a reason other
 *       than reorientation or a registration-technical one, with the end date in the period — 744 in 2023; 2022 is
 *       not published ("a provisional fall"): the demo takes {@value #DROPOUTS_2022}.</li>
 * </ul>
 * The persons are new: nothing of theirs starts or ends before September 2021 (question 562's years stay as they
 * are), and nothing counts outside the sector (question 74 is the teachers', question 315 the modules').
 *
 * <p>How the numbers are met, by academic year (a training year runs September to June):
 * <ul>
 *   <li><b>2021–22</b> (starts September–November 2021, in no published cell): the diplomas of 2022 are its final
 *       years passed in June (some at the second session, 1–15 September); the drop-outs of 2022 are its failed
 *       years (30 June or September) and its stops January–June 2022, a quarter of them in a final year; the
 *       <i>continuers</i> pass a non-final year in June and start the next one in September 2022. A few pass a
 *       non-final year and leave (no drop-out, F3) and a few stop for registration-technical reasons (none).</li>
 *   <li><b>2022–23</b> (starts September 2022): the continuers and the newcomers of 2022, 22 % of whom on a one-year
 *       course (TKO, Se-n-se: the first year is the final one). Its final years passed in 2023 and its drop-outs of
 *       2023 as above; the passed non-final years continue in September 2023. How many continue is what is left
 *       once the diplomas and drop-outs of 2023 are taken, and the newcomers of 2022 are as many as those of 2023:
 *       the fall of 2023 comes from the continuing years, not from the first-year inflow, as the answer says.</li>
 *   <li><b>February starters</b> ({@value #FEBRUARY_SHARE} % of each period's starters): a one-year TKO course from
 *       February to the end of January; {@value #FEBRUARY_STOP_SHARE} % stop March–September (drop-outs of their
 *       year), the 2022 ones that stay end in January 2023: most pass (diplomas of 2023), some fail (drop-outs of
 *       2023); the 2023 ones that stay are still running.</li>
 *   <li><b>Reorientation</b>: {@value #REORIENTING} persons a year start a TKO course in February, stop in April or
 *       May to reorient (no drop-out) and start another care course in September with a new candidacy: two starts,
 *       one starter.</li>
 *   <li><b>2023–24</b> (starts September 2023, and {@value #LATE_SHARE} % late starters October–December 2023, in no
 *       published cell): the continuers and the newcomers of 2023, still running.</li>
 * </ul>
 * About 8,900 contracts for 6,000 persons. Seeded through the {@link PopulationBuilder}.
 */
public final class CareSectorPlanner {

    /** The catalogue's sector of the care courses (the answer names them; all are OKOT courses). */
    public static final String SECTOR = "ZORG";
    /** The years this planner's contracts start in (September 2021 to December 2023). */
    public static final int FIRST_YEAR = 2021;
    public static final int LAST_YEAR = 2023;

    /**
     * The figures of one January–September period: starters (persons), diplomas and drop-outs (contracts).
     *
     * @param year the period's calendar year: 1 January to 30 September
     */
    public record Period(int year, int starters, int diplomas, int dropouts) {

        public LocalDate from() {
            return LocalDate.of(year, 1, 1);
        }

        public LocalDate to() {
            return LocalDate.of(year, 9, 30);
        }

        public boolean contains(LocalDate day) {
            return !day.isBefore(from()) && !day.isAfter(to());
        }
    }

    /** Seed 001: 2,702 starters, 810 diplomas and 744 drop-outs, January–September 2023. */
    public static final Period PUBLISHED = new Period(2023, 2702, 810, 744);
    /** Seed 001: "236 fewer" starters and "43 fewer" diplomas than 2022. */
    public static final int STARTERS_FEWER = 236;
    public static final int DIPLOMAS_FEWER = 43;
    /** Not published: the answer says only that 2023 is a (provisional) fall. The demo's choice. */
    public static final int DROPOUTS_2022 = 780;
    /** January–September 2022 as the answer implies it (2,938 starters, 853 diplomas) and the chosen drop-outs. */
    public static final Period PREVIOUS = new Period(2022, PUBLISHED.starters() + STARTERS_FEWER,
            PUBLISHED.diplomas() + DIPLOMAS_FEWER, DROPOUTS_2022);

    // the demo's choices: shares in percent, counts per academic year
    static final int FEBRUARY_SHARE = 5;
    static final int FEBRUARY_STOP_SHARE = 35;
    static final int FEBRUARY_FAIL_SHARE = 15;
    static final int REORIENTING = 12;
    static final int ONE_YEAR_SHARE = 22;
    static final int FINAL_YEAR_DROPOUT_SHARE = 25;
    static final int SECOND_SESSION_SHARE = 12;
    static final int LEAVERS = 15;
    static final int REGISTRATION_TECHNICAL = 8;
    static final int LATE_SHARE = 2;
    static final int LATE_2021_SHARE = 3;

    /** Age at the first start: from–to (completed years) and weight. */
    private static final int[][] AGES = {{18, 19, 4}, {20, 24, 24}, {25, 29, 22}, {30, 34, 17}, {35, 39, 14},
            {40, 44, 10}, {45, 49, 6}, {50, 56, 3}};
    /** Stop reasons of a drop-out (F3) and FAILED, with weights; the others (registration-technical, reorientation) are no drop-out. */
    private static final List<String> DROPOUT_RESULTS = DropOutRule.REASONS;
    private static final int[] DROPOUT_WEIGHTS = weights(DROPOUT_RESULTS);

    private final PopulationBuilder builder;
    private final Random random;
    private final List<Catalogue.Course> courses = new ArrayList<>();
    private final List<Persona> personas = new ArrayList<>();

    /** A person of the plan while it is being planned: one chain of training years per candidacy. */
    private static final class Persona {
        final int age;
        final String gender;
        final List<Chain> chains = new ArrayList<>();

        Persona(int age, String gender) {
            this.age = age;
            this.gender = gender;
        }
    }

    /** One candidacy: a course in one province and school, with consecutive training-year contracts. */
    private static final class Chain {
        final Catalogue.Course course;
        final Catalogue.Offer offer;
        final String school;
        final List<Step> steps = new ArrayList<>();

        Chain(Catalogue.Course course, Catalogue.Offer offer, String school) {
            this.course = course;
            this.offer = offer;
            this.school = school;
        }

        Step last() {
            return steps.get(steps.size() - 1);
        }
    }

    /** A training-year contract being planned. */
    private static final class Step {
        final Catalogue.TrainingYear trainingYear;
        final LocalDate start;
        final LocalDate plannedEnd;
        final List<End> ends = new ArrayList<>();

        Step(Catalogue.TrainingYear trainingYear, LocalDate start, LocalDate plannedEnd) {
            this.trainingYear = trainingYear;
            this.start = start;
            this.plannedEnd = plannedEnd;
        }
    }

    public CareSectorPlanner(PopulationBuilder builder) {
        this.builder = builder;
        this.random = builder.random();
        builder.catalogue().courses().stream()
                .filter(course -> SECTOR.equals(course.sector()) && StartRule.OKOT.equals(course.programme()))
                .filter(course -> builder.isOffered(course.code()))
                .filter(course -> course.trainingYears().stream().anyMatch(Catalogue.TrainingYear::finalYear))
                .sorted(Comparator.comparing(Catalogue.Course::code))
                .forEach(courses::add);
        if (courses.stream().noneMatch(CareSectorPlanner::oneYear)
                || courses.stream().noneMatch(course -> oneYear(course) && "TKO".equals(course.type()))
                || courses.stream().noneMatch(course -> lastYear(course).year() >= 3)) {
            throw new IllegalArgumentException("The catalogue has not the care courses of seed 001 (one-year TKO courses"
                    + " and three-year courses of sector " + SECTOR + " with offers): the demo needs the shipped catalogue");
        }
    }

    /**
     * Adds the care sector's persons when the demo's years include {@link #LAST_YEAR}, the year of the published
     * period (its contracts of 2021 and 2022 come with it: they make the figures of 2023 and of the 2022 it is
     * compared with); else nothing.
     */
    public void plan(int fromYear, int toYear) {
        if (fromYear > LAST_YEAR || toYear < LAST_YEAR) {
            return;
        }
        Counts counts = Counts.of(PREVIOUS, PUBLISHED);
        List<Chain> continuing21 = planYear2021(counts);
        List<Chain> continuing22 = planYear2022(counts, continuing21);
        planYear2023(counts, continuing22);
        personas.forEach(this::addPerson);
    }

    /**
     * How many of each kind the plan takes to meet the periods' numbers, by academic year; the shares are the demo's
     * choices (the constants above), the rest follows from the published numbers.
     */
    record Counts(int february22, int februaryStops22, int februaryFails22, int february23, int februaryStops23,
                  int finals21, int diplomas22, int continuingToFinal22, int continuers22, int otherNonFinals21,
                  int newcomers22, int oneYear22, int finals22, int diplomas23, int continuers23, int newcomers23,
                  int oneYear23, int late23) {

        static Counts of(Period p22, Period p23) {
            // February starters on a one-year TKO course, and what becomes of them
            int february22 = percent(p22.starters(), FEBRUARY_SHARE);
            int february23 = percent(p23.starters(), FEBRUARY_SHARE);
            int februaryStops22 = percent(february22, FEBRUARY_STOP_SHARE);
            int februaryFails22 = percent(february22 - februaryStops22, FEBRUARY_FAIL_SHARE);
            int februaryPasses22 = february22 - februaryStops22 - februaryFails22;
            int februaryStops23 = percent(february23, FEBRUARY_STOP_SHARE);
            // 2022–23: the September 2022 contracts, one per starter of 2022 who is no February starter
            int september22 = p22.starters() - february22;
            int diplomas23 = p23.diplomas() - februaryPasses22;
            int dropouts23 = p23.dropouts() - februaryFails22 - februaryStops23;
            int continuers23 = september22 - diplomas23 - dropouts23 - LEAVERS - REGISTRATION_TECHNICAL;
            int newcomers23 = p23.starters() - february23 - continuers23;
            int newcomers22 = newcomers23; // the first-year inflow holds; the continuing years fall
            int continuers22 = september22 - newcomers22;
            int oneYear22 = percent(newcomers22, ONE_YEAR_SHARE);
            int finals22 = diplomas23 + percent(dropouts23, FINAL_YEAR_DROPOUT_SHARE);
            int continuingToFinal22 = finals22 - oneYear22;
            // 2021–22: the diplomas and drop-outs of 2022 (less the February starters'), and the continuers
            int dropouts22 = p22.dropouts() - februaryStops22;
            int finals21 = p22.diplomas() + percent(dropouts22, FINAL_YEAR_DROPOUT_SHARE);
            int otherNonFinals21 = LEAVERS + REGISTRATION_TECHNICAL + dropouts22 - (finals21 - p22.diplomas());
            require(februaryPasses22 >= 0 && diplomas23 >= 0 && dropouts23 >= 0 && continuers23 >= 0
                    && newcomers23 >= REORIENTING && continuers22 >= 0 && continuingToFinal22 >= 0
                    && continuingToFinal22 <= continuers22 && otherNonFinals21 >= 0,
                    "the shares of the care sector's plan do not fit its published numbers");
            return new Counts(february22, februaryStops22, februaryFails22, february23, februaryStops23, finals21,
                    p22.diplomas(), continuingToFinal22, continuers22, otherNonFinals21, newcomers22, oneYear22, finals22,
                    diplomas23, continuers23, newcomers23, percent(newcomers23, ONE_YEAR_SHARE),
                    percent(p23.starters(), LATE_SHARE));
        }
    }

    /** 2021–22: every contract starts September–November 2021 and ends in 2022; returns the continuers. */
    private List<Chain> planYear2021(Counts counts) {
        List<Chain> finalYears = new ArrayList<>();
        for (int i = 0; i < counts.finals21(); i++) {
            finalYears.add(newChainOfNewPersona(newChain(pickCourse(course -> true), Catalogue.TrainingYear::finalYear,
                    start2021())));
        }
        List<Chain> continuing = new ArrayList<>();
        for (int i = 0; i < counts.continuingToFinal22(); i++) {
            Catalogue.Course course = pickCourse(c -> !oneYear(c));
            continuing.add(newChainOfNewPersona(newChain(course, year -> year.year() == lastYear(course).year() - 1,
                    start2021())));
        }
        for (int i = 0; i < counts.continuers22() - counts.continuingToFinal22(); i++) {
            Catalogue.Course course = pickCourse(c -> lastYear(c).year() >= 3);
            continuing.add(newChainOfNewPersona(newChain(course, year -> year.year() < lastYear(course).year() - 1,
                    start2021())));
        }
        List<Chain> otherNonFinal = new ArrayList<>();
        for (int i = 0; i < counts.otherNonFinals21(); i++) {
            otherNonFinal.add(newChainOfNewPersona(newChain(pickCourse(c -> !oneYear(c)), year -> !year.finalYear(),
                    start2021())));
        }
        Collections.shuffle(finalYears, random);
        Collections.shuffle(otherNonFinal, random);
        endFinalYears(finalYears, counts.diplomas22(), 2022);
        for (Chain chain : continuing) {
            chain.last().ends.add(passedInJune(2022));
        }
        endNonFinalYears(otherNonFinal, 2022);
        return continuing;
    }

    /** 2022: the February starters, then September (continuers and newcomers), ending in 2023; returns the continuers. */
    private List<Chain> planYear2022(Counts counts, List<Chain> continuing21) {
        List<Chain> february = februaryStarters(counts.february22(), 2022);
        for (int i = 0; i < february.size(); i++) {
            Step step = february.get(i).last();
            if (i < counts.februaryStops22()) {
                step.ends.add(dropOut(LocalDate.of(2022, 3, 1), LocalDate.of(2022, 9, 30)));
            } else if (i < counts.februaryStops22() + counts.februaryFails22()) {
                step.ends.add(new End(LocalDate.of(2023, 1, 31), "FAILED", null));
            } else {
                step.ends.add(new End(builder.randomDate(LocalDate.of(2023, 1, 10), LocalDate.of(2023, 1, 31)), "PASSED",
                        null));
            }
        }
        List<Chain> september = new ArrayList<>();
        for (Chain chain : continuing21) {
            september.add(continueChain(chain, 2022));
        }
        september.addAll(newcomers(counts.newcomers22(), counts.oneYear22(), 2022));
        List<Chain> finalYears = new ArrayList<>(september.stream().filter(chain -> chain.last().trainingYear.finalYear())
                .toList());
        List<Chain> nonFinalYears = new ArrayList<>(september.stream()
                .filter(chain -> !chain.last().trainingYear.finalYear()).toList());
        require(finalYears.size() == counts.finals22(), "final years of 2022–23: " + finalYears.size() + ", planned "
                + counts.finals22());
        require(nonFinalYears.size() >= counts.continuers23() + LEAVERS + REGISTRATION_TECHNICAL,
                "non-final years of 2022–23: " + nonFinalYears.size() + ", " + counts.continuers23() + " continue");
        Collections.shuffle(finalYears, random);
        Collections.shuffle(nonFinalYears, random);
        endFinalYears(finalYears, counts.diplomas23(), 2023);
        List<Chain> continuing = nonFinalYears.subList(0, counts.continuers23());
        for (Chain chain : continuing) {
            chain.last().ends.add(passedInJune(2023));
        }
        endNonFinalYears(nonFinalYears.subList(counts.continuers23(), nonFinalYears.size()), 2023);
        return continuing;
    }

    /** 2023: the February starters, September (continuers and newcomers, still running) and late starters. */
    private void planYear2023(Counts counts, List<Chain> continuing22) {
        List<Chain> february = februaryStarters(counts.february23(), 2023);
        for (int i = 0; i < counts.februaryStops23(); i++) {
            february.get(i).last().ends.add(dropOut(LocalDate.of(2023, 3, 1), LocalDate.of(2023, 9, 30)));
        }
        for (Chain chain : continuing22) {
            continueChain(chain, 2023);
        }
        newcomers(counts.newcomers23(), counts.oneYear23(), 2023);
        for (int i = 0; i < counts.late23(); i++) {
            LocalDate start = builder.randomDate(LocalDate.of(2023, 10, 1), LocalDate.of(2023, 12, 15));
            newChainOfNewPersona(newChain(pickCourse(c -> true), year -> year.year() == 1, start));
        }
    }

    // ---------------------------------------------------------------- cohorts

    /**
     * Persons on their first training year in September of {@code year}, {@code oneYear} of them on a one-year
     * course; the first {@value #REORIENTING} come from a February course they stopped to reorient.
     */
    private List<Chain> newcomers(int count, int oneYear, int year) {
        List<Boolean> oneYearCourse = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            oneYearCourse.add(i < oneYear);
        }
        Collections.shuffle(oneYearCourse, random);
        List<Chain> chains = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean shortCourse = oneYearCourse.get(i);
            Persona persona;
            Catalogue.Course course;
            if (i < REORIENTING) {
                Catalogue.Course first = pickCourse(c -> oneYear(c) && "TKO".equals(c.type()));
                LocalDate start = builder.randomDate(LocalDate.of(year, 2, 1), LocalDate.of(year, 2, 28));
                Chain stopped = new Chain(first, builder.offerOf(first), null);
                stopped.steps.add(new Step(first.trainingYears().get(0), start, LocalDate.of(year, 6, 30)));
                stopped.last().ends.add(new End(builder.randomDate(LocalDate.of(year, 4, 1), LocalDate.of(year, 5, 31)),
                        "STOPPED", StopReason.REORIENTATION.name()));
                persona = newPersona();
                persona.chains.add(stopped);
                course = pickCourse(c -> oneYear(c) == shortCourse && !c.code().equals(first.code()));
            } else {
                persona = newPersona();
                course = pickCourse(c -> oneYear(c) == shortCourse);
            }
            Chain chain = newChain(course, trainingYear -> trainingYear.year() == firstYear(course).year(),
                    builder.randomDate(LocalDate.of(year, 9, 1), LocalDate.of(year, 9, 30)));
            persona.chains.add(chain);
            chains.add(chain);
        }
        return chains;
    }

    /** One-year TKO courses from February of {@code year} to the end of January; ends are the caller's. */
    private List<Chain> februaryStarters(int count, int year) {
        List<Chain> chains = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Catalogue.Course course = pickCourse(c -> oneYear(c) && "TKO".equals(c.type()));
            Chain chain = new Chain(course, builder.offerOf(course), null);
            chain.steps.add(new Step(course.trainingYears().get(0),
                    builder.randomDate(LocalDate.of(year, 2, 1), LocalDate.of(year, 2, 28)), LocalDate.of(year + 1, 1, 31)));
            newPersona().chains.add(chain);
            chains.add(chain);
        }
        return chains;
    }

    /** The first {@code passes} pass (June, or at the second session in September), the others drop out. */
    private void endFinalYears(List<Chain> chains, int passes, int year) {
        for (int i = 0; i < chains.size(); i++) {
            Step step = chains.get(i).last();
            if (i >= passes) {
                step.ends.add(dropOutInYear(year));
            } else if (random.nextInt(100) < SECOND_SESSION_SHARE) {
                step.ends.add(new End(LocalDate.of(year, 6, 30), "FAILED", null));
                step.ends.add(new End(builder.randomDate(LocalDate.of(year, 9, 1), LocalDate.of(year, 9, 15)), "PASSED", null));
            } else {
                step.ends.add(passedInJune(year));
            }
        }
    }

    /**
     * Non-final years that do not continue: {@value #LEAVERS} pass and leave (no drop-out), {@value
     * #REGISTRATION_TECHNICAL} stop for registration-technical reasons (no drop-out), the others drop out.
     */
    private void endNonFinalYears(List<Chain> chains, int year) {
        for (int i = 0; i < chains.size(); i++) {
            Step step = chains.get(i).last();
            if (i < LEAVERS) {
                step.ends.add(passedInJune(year));
            } else if (i < LEAVERS + REGISTRATION_TECHNICAL) {
                step.ends.add(new End(builder.randomDate(LocalDate.of(year, 1, 6), LocalDate.of(year, 5, 31)), "STOPPED",
                        StopReason.REGISTRATION_TECHNICAL.name()));
            } else {
                step.ends.add(dropOutInYear(year));
            }
        }
    }

    /** A drop-out of a training year started the September before: failed (30 June or September) or stopped. */
    private End dropOutInYear(int year) {
        String result = DROPOUT_RESULTS.get(builder.weighted(DROPOUT_WEIGHTS));
        if (result.equals(DropOutRule.FAILED)) {
            return new End(random.nextInt(100) < 80 ? LocalDate.of(year, 6, 30)
                    : builder.randomDate(LocalDate.of(year, 9, 1), LocalDate.of(year, 9, 15)), "FAILED", null);
        }
        return new End(builder.randomDate(LocalDate.of(year, 1, 6), LocalDate.of(year, 6, 26)), "STOPPED", result);
    }

    /** A stop that is a drop-out, between {@code from} and {@code to}. */
    private End dropOut(LocalDate from, LocalDate to) {
        String reason;
        do {
            reason = DROPOUT_RESULTS.get(builder.weighted(DROPOUT_WEIGHTS));
        } while (reason.equals(DropOutRule.FAILED));
        return new End(builder.randomDate(from, to), "STOPPED", reason);
    }

    private End passedInJune(int year) {
        return new End(builder.randomDate(LocalDate.of(year, 6, 15), LocalDate.of(year, 6, 30)), "PASSED", null);
    }

    // ---------------------------------------------------------------- chains and persons

    private Persona newPersona() {
        int[] weights = new int[AGES.length];
        for (int i = 0; i < AGES.length; i++) {
            weights[i] = AGES[i][2];
        }
        int[] band = AGES[builder.weighted(weights)];
        int draw = random.nextInt(100);
        Persona persona = new Persona(band[0] + random.nextInt(band[1] - band[0] + 1), draw < 82 ? "V" : draw < 99 ? "M" : "X");
        personas.add(persona);
        return persona;
    }

    /** A chain of {@code course} whose first contract is the training year {@code which} selects, from {@code start}. */
    private Chain newChain(Catalogue.Course course, Predicate<Catalogue.TrainingYear> which, LocalDate start) {
        List<Catalogue.TrainingYear> years = course.trainingYears().stream().filter(which).toList();
        require(!years.isEmpty(), "no such training year in " + course.code());
        Catalogue.Offer offer = builder.offerOf(course);
        Chain chain = new Chain(course, offer, builder.schoolOf(offer));
        chain.steps.add(new Step(years.get(random.nextInt(years.size())), start, LocalDate.of(start.getYear() + 1, 6, 30)));
        return chain;
    }

    /** The chain as the only candidacy of a new person. */
    private Chain newChainOfNewPersona(Chain chain) {
        newPersona().chains.add(chain);
        return chain;
    }

    /** The next training year of the chain, from September of {@code year}. */
    private Chain continueChain(Chain chain, int year) {
        int next = chain.last().trainingYear.year() + 1;
        Catalogue.TrainingYear trainingYear = chain.course.trainingYears().stream().filter(y -> y.year() == next)
                .findFirst().orElseThrow(() -> new IllegalStateException("no year " + next + " in " + chain.course.code()));
        chain.steps.add(new Step(trainingYear, builder.randomDate(LocalDate.of(year, 9, 1), LocalDate.of(year, 9, 30)),
                LocalDate.of(year + 1, 6, 30)));
        return chain;
    }

    private LocalDate start2021() {
        return random.nextInt(100) < LATE_2021_SHARE
                ? builder.randomDate(LocalDate.of(2021, 10, 1), LocalDate.of(2021, 11, 30))
                : builder.randomDate(LocalDate.of(2021, 9, 1), LocalDate.of(2021, 9, 30));
    }

    private void addPerson(Persona persona) {
        LocalDate firstStart = persona.chains.get(0).steps.get(0).start;
        List<Candidacy> candidacies = new ArrayList<>();
        for (Chain chain : persona.chains) {
            String school = chain.school != null ? chain.school : builder.schoolOf(chain.offer);
            List<Contract> contracts = chain.steps.stream().map(step -> new Contract(step.trainingYear.code(),
                    chain.offer.province(), school, step.start, step.plannedEnd, List.copyOf(step.ends), false, null))
                    .toList();
            candidacies.add(builder.candidacy(chain.course, chain.offer, contracts.get(0).startDate(), contracts));
        }
        builder.addPerson(builder.birthDateForAge(persona.age, firstStart), persona.gender, candidacies);
    }

    // ---------------------------------------------------------------- the catalogue

    /**
     * A care course that {@code which} accepts, drawn as learners are spread: weighted by its provinces (offers)
     * times its training years.
     */
    private Catalogue.Course pickCourse(Predicate<Catalogue.Course> which) {
        List<Catalogue.Course> candidates = courses.stream().filter(which).toList();
        require(!candidates.isEmpty(), "no care course fits");
        int[] weights = candidates.stream()
                .mapToInt(course -> builder.offersOf(course).size() * course.trainingYears().size()).toArray();
        return candidates.get(builder.weighted(weights));
    }

    private static boolean oneYear(Catalogue.Course course) {
        return course.trainingYears().size() == 1;
    }

    private static Catalogue.TrainingYear firstYear(Catalogue.Course course) {
        return course.trainingYears().stream().min(Comparator.comparingInt(Catalogue.TrainingYear::year)).orElseThrow();
    }

    private static Catalogue.TrainingYear lastYear(Catalogue.Course course) {
        return course.trainingYears().stream().max(Comparator.comparingInt(Catalogue.TrainingYear::year)).orElseThrow();
    }

    // ---------------------------------------------------------------- numbers

    private static int percent(int of, int percent) {
        return Math.round(of * percent / 100f);
    }

    /** FAILED and the drop-out stop reasons as they come: failed years and stops by the client most. */
    private static int[] weights(List<String> results) {
        return results.stream().mapToInt(result -> switch (result) {
            case DropOutRule.FAILED -> 34;
            case "BY_CLIENT" -> 22;
            case "EMPLOYMENT" -> 12;
            case "LONG_TERM_ILLNESS", "UNSUITABILITY" -> 10;
            default -> 4;
        }).toArray();
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("Care sector plan: " + what);
        }
    }
}
