package be.vdab.okot.runner.populate;

import be.vdab.okot.events.Gender;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.ReferralKind;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.enrolment.StartRule;
import be.vdab.okot.events.intake.CandidacyAgreed;
import be.vdab.okot.events.intake.CandidacySubmitted;
import be.vdab.okot.events.intake.ScreeningCompleted;
import be.vdab.okot.events.intake.ScreeningCompleted.Decision;
import be.vdab.okot.events.outcome.ClusterRule;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.events.outcome.OutflowRecorded;
import be.vdab.okot.runner.demo.Catalogue;
import be.vdab.okot.runner.demo.PopulationBuilder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A seeded, national-scale event history of OKOT trajectories, as the three producing services would have
 * published it: per person a candidacy ({@code okot.candidacy.submitted}), an OCMW client's formal agreement,
 * the screening, one contract per training year (1–3 consecutive years of one cluster), the end of each year
 * (passed, failed, stopped with a reason; some failures corrected to passed after the second exam session with
 * revision 2) and, for a closed cluster, the outflow measurement three months after it closed. A reorientation
 * gives a new candidacy on another course and a new cluster the next school year.
 *
 * <p>Volumes follow question 562 for 2020 (starts by age, gender and type; drop-out reasons; outflow rates)
 * scaled to the number of persons asked: each person's first candidacy falls in one year of the range, persons
 * spread evenly over the years. Nothing is generated after {@code today}: a trajectory still running then
 * stops there, as the history would.
 *
 * <p>Deterministic: the same seed, range, persons, catalogue and {@code today} give the same events (ids
 * included), so writing them twice adds nothing the consumers do not de-duplicate. Each person draws from
 * their own random stream (seed and index), so a person's history does not depend on the others.
 */
public final class NationalHistory {

    /** One event as its producer would have published it: {@code ce_id}, {@code ce_time} and the payload. */
    public record Event(String id, Instant time, OkotEvent payload) {
    }

    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    /** Question 562, answer 5 (2020 starts): age bands as {lowest age, highest age, persons}. */
    private static final int[][] AGE_BANDS = {{17, 17, 1}, {18, 19, 19}, {20, 24, 748}, {25, 29, 1480},
            {30, 34, 1248}, {35, 39, 1054}, {40, 44, 655}, {45, 49, 406}, {50, 54, 224}, {55, 59, 62}, {60, 64, 4}};
    /** Question 562, answer 5: 4023 V, 1859 M; X is not published, a few per thousand. */
    private static final Weighted<Gender> GENDERS = Weighted.of(Map.of(Gender.V, 4023, Gender.M, 1859, Gender.X, 10));
    /** Question 562, answer 5: starts by OKOT type. */
    private static final Weighted<String> TYPES = Weighted.of(Map.of("HBO", 3057, "PBA", 1976, "TKO", 643,
            "SENSE", 111, "MASTER", 94, "BSO7", 7));
    /** Not published: most candidates come by themselves or through their VDAB counsellor, some through an OCMW. */
    private static final Weighted<ReferralKind> REFERRALS = Weighted.of(Map.of(ReferralKind.SELF, 45,
            ReferralKind.VDAB, 40, ReferralKind.OCMW, 15));
    /** Question 562, answer 7 (the five published drop-out reasons), plus the other stop reasons. */
    private static final Weighted<StopReason> STOP_REASONS = Weighted.of(Map.of(StopReason.BY_CLIENT, 217,
            StopReason.LONG_TERM_ILLNESS, 185, StopReason.UNSUITABILITY, 185, StopReason.EMPLOYMENT, 170,
            StopReason.REORIENTATION, 70, StopReason.REGISTRATION_TECHNICAL, 20, StopReason.BY_VDAB, 17,
            StopReason.OTHER, 25));
    private static final double APPROVED = 0.86;
    private static final double NO_SHOW_AFTER_APPROVAL = 0.05;
    /** Per training year: {passed, failed} shares, the rest stops (2020: ~1500 diplomas, ~1200 drop-outs, 5882 starts). */
    private static final double[] NON_FINAL_YEAR = {0.80, 0.06};
    private static final double[] FINAL_YEAR = {0.72, 0.10};
    private static final double SECOND_SESSION_PASS = 0.30;
    private static final double REORIENTED_CONTINUES = 0.6;
    /** Question 562, answer 8 (2020): 77.34 % of POSITIVE endings at work, 44.20 % of NON_POSITIVE. */
    private static final double AT_WORK_POSITIVE = 0.7734;
    private static final double AT_WORK_NON_POSITIVE = 0.4420;

    private final long seed;
    private final int fromYear;
    private final int years;
    private final LocalDate today;
    private final Map<String, List<Course>> coursesByType = new TreeMap<>();
    private final List<Course> allCourses = new ArrayList<>();

    /**
     * @param catalogue the OKOT courses (with a final year) and where they are offered; offers of any year say
     *                  in which provinces a course runs
     * @param fromYear  first year a person's first candidacy may fall in
     * @param toYear    last such year (included)
     * @param today     nothing is dated after it
     */
    public NationalHistory(Catalogue catalogue, long seed, int fromYear, int toYear, LocalDate today) {
        if (fromYear > toYear) {
            throw new IllegalArgumentException("--from must not be after --to: " + fromYear + " > " + toYear);
        }
        this.seed = seed;
        this.fromYear = fromYear;
        this.years = toYear - fromYear + 1;
        this.today = today;
        Map<String, List<Province>> provinces = new TreeMap<>();
        catalogue.offers().stream().sorted(Comparator.comparing(Catalogue.Offer::courseCode)
                        .thenComparing(Catalogue.Offer::province))
                .forEach(offer -> {
                    List<Province> list = provinces.computeIfAbsent(offer.courseCode(), code -> new ArrayList<>());
                    Province province = Province.valueOf(offer.province());
                    if (!list.contains(province)) {
                        list.add(province);
                    }
                });
        catalogue.courses().stream()
                .filter(course -> StartRule.OKOT.equals(course.programme()) && provinces.containsKey(course.code()))
                .sorted(Comparator.comparing(Catalogue.Course::code))
                .map(course -> Course.of(course, provinces.get(course.code())))
                .flatMap(Optional::stream)
                .forEach(course -> {
                    coursesByType.computeIfAbsent(course.chain.get(0).type(), type -> new ArrayList<>()).add(course);
                    allCourses.add(course);
                });
        for (String type : TYPES.values()) {
            if (!coursesByType.containsKey(type)) {
                throw new IllegalArgumentException("The catalogue offers no OKOT course of type " + type
                        + " with a final year: the population needs the shipped catalogue and offers");
            }
        }
    }

    /** Generates the history of persons {@code 0..persons-1}, one person after another, each in date order. */
    public void generate(int persons, Consumer<Event> sink) {
        for (int index = 0; index < persons; index++) {
            person(index, sink);
        }
    }

    /** The history of person {@code index} (0-based), in date order. */
    public void person(int index, Consumer<Event> sink) {
        // hashed: SplittableRandom's states step by a fixed gamma, so seeds a few steps apart would share their streams
        SplittableRandom random = new SplittableRandom(mix(mix(seed) ^ index));
        int year = fromYear + index % years;
        int[] band = AGE_BANDS[Weighted.pick(random, AGE_BANDS)];
        int age = band[0] + random.nextInt(band[1] - band[0] + 1);
        LocalDate birthDate = LocalDate.of(year, 9, 1).minusYears(age).minusDays(random.nextInt(365));
        PersonProfile person = new PersonProfile(uuid(random), birthDate, GENDERS.pick(random));
        List<Course> ofType = coursesByType.get(TYPES.pick(random));
        Course course = ofType.get(random.nextInt(ofType.size()));
        Province province = course.provinces.get(random.nextInt(course.provinces.size()));
        ReferralKind referral = REFERRALS.pick(random);
        LocalDate submittedOn = LocalDate.of(year, 3, 1).plusDays(random.nextInt(120));
        new Trajectory(random, person, sink).candidacy(course, province, referral, submittedOn, true);
    }

    /** One person's events, dated; stops at the first date after {@code today}. */
    private final class Trajectory {
        private final SplittableRandom random;
        private final PersonProfile person;
        private final Consumer<Event> sink;

        Trajectory(SplittableRandom random, PersonProfile person, Consumer<Event> sink) {
            this.random = random;
            this.person = person;
            this.sink = sink;
        }

        void candidacy(Course course, Province province, ReferralKind referral, LocalDate submittedOn,
                       boolean mayReorient) {
            if (submittedOn.isAfter(today)) {
                return;
            }
            String candidacyId = uuid(random);
            String ocmwId = referral == ReferralKind.OCMW ? PopulationBuilder.OCMW_BY_PROVINCE.get(province.name()) : null;
            Instant submittedAt = at(submittedOn);
            emit(submittedAt, new CandidacySubmitted(candidacyId, person, submittedOn, submittedAt, course.code,
                    province, referral, ocmwId, ocmwId != null ? "AWAITING_FORMAL_AGREEMENT" : "AWAITING_SCREENING"));
            LocalDate ready = submittedOn;
            if (ocmwId != null) {
                ready = submittedOn.plusDays(3 + random.nextInt(18));
                if (ready.isAfter(today)) {
                    return;
                }
                emit(at(ready), new CandidacyAgreed(candidacyId, person.personId(), ocmwId, ready));
            }
            LocalDate screenedOn = ready.plusDays(5 + random.nextInt(26));
            if (screenedOn.isAfter(today)) {
                return;
            }
            boolean approved = random.nextDouble() < APPROVED;
            int schoolYear = screenedOn.getMonthValue() >= 9 ? screenedOn.getYear() + 1 : screenedOn.getYear();
            LocalDate start = LocalDate.of(schoolYear, 9, 1).plusDays(random.nextInt(21));
            emit(at(screenedOn), new ScreeningCompleted(candidacyId, person, course.code, province, referral, ocmwId,
                    approved ? Decision.APPROVED : Decision.REJECTED, screenedOn, approved ? start : null,
                    approved ? "VDAB " + province.name() : null));
            if (approved && random.nextDouble() >= NO_SHOW_AFTER_APPROVAL) {
                cluster(candidacyId, course, province, start, mayReorient);
            }
        }

        private void cluster(String candidacyId, Course course, Province province, LocalDate firstStart,
                             boolean mayReorient) {
            String clusterId = uuid(random);
            LocalDate start = firstStart;
            for (TrainingYearRef training : course.chain) {
                if (start.isAfter(today)) {
                    return;
                }
                String contractId = uuid(random);
                LocalDate plannedEnd = LocalDate.of(start.getYear() + 1, 6, 30);
                emit(at(start), new ContractStarted(contractId, candidacyId, clusterId, person, training, province,
                        null, start, plannedEnd));
                double[] shares = training.finalYear() ? FINAL_YEAR : NON_FINAL_YEAR;
                double draw = random.nextDouble();
                Result result = draw < shares[0] ? Result.PASSED : draw < shares[0] + shares[1] ? Result.FAILED : Result.STOPPED;
                StopReason reason = result == Result.STOPPED ? STOP_REASONS.pick(random) : null;
                LocalDate end = result == Result.STOPPED
                        ? start.plusDays(20 + random.nextInt(240))
                        : plannedEnd.minusDays(random.nextInt(11));
                if (end.isAfter(today)) {
                    return;
                }
                Ended ended = end(contractId, candidacyId, clusterId, training, province, start, end, 1, result, reason);
                if (result == Result.FAILED && random.nextDouble() < SECOND_SESSION_PASS) {
                    // passed after the second exam session: a correction with the next revision, the same end date
                    LocalDate corrected = LocalDate.of(end.getYear(), 9, 1).minusDays(random.nextInt(10));
                    if (!corrected.isAfter(today)) {
                        result = Result.PASSED;
                        ended = end(contractId, candidacyId, clusterId, training, province, start, end, 2, result,
                                null, at(corrected));
                    }
                }
                if (ended.closure.isPresent()) {
                    outflow(ended, candidacyId, clusterId, training, province);
                    return;
                }
                if (result == Result.STOPPED) {
                    if (reason == StopReason.REORIENTATION && mayReorient && random.nextDouble() < REORIENTED_CONTINUES) {
                        Course other = allCourses.get(random.nextInt(allCourses.size()));
                        if (other != course) {
                            Province where = other.provinces.contains(province) ? province
                                    : other.provinces.get(random.nextInt(other.provinces.size()));
                            candidacy(other, where, ReferralKind.VDAB, end.plusDays(5 + random.nextInt(25)), false);
                        }
                    }
                    return; // stopped without closing: reorientation or an administrative stop
                }
                start = LocalDate.of(start.getYear() + 1, 9, 1).plusDays(random.nextInt(21));
            }
        }

        private Ended end(String contractId, String candidacyId, String clusterId, TrainingYearRef training,
                          Province province, LocalDate start, LocalDate end, int revision, Result result,
                          StopReason reason) {
            return end(contractId, candidacyId, clusterId, training, province, start, end, revision, result, reason,
                    at(end));
        }

        private Ended end(String contractId, String candidacyId, String clusterId, TrainingYearRef training,
                          Province province, LocalDate start, LocalDate end, int revision, Result result,
                          StopReason reason, Instant recordedAt) {
            Optional<ClusterRule.Closure> closure = ClusterRule.closure(
                    new ClusterRule.LastEnd(training.finalYear(), end, result, reason));
            emit(recordedAt, new CourseEnded(contractId, candidacyId, clusterId, revision, person, training, province,
                    start, end, result, reason, closure.isPresent(), closure.map(ClusterRule.Closure::ending).orElse(null),
                    closure.map(ClusterRule.Closure::measurementDate).orElse(null)));
            return new Ended(closure);
        }

        private void outflow(Ended ended, String candidacyId, String clusterId, TrainingYearRef training,
                             Province province) {
            ClusterRule.Closure closure = ended.closure.orElseThrow();
            LocalDate measuredOn = closure.measurementDate().plusDays(random.nextInt(15));
            if (measuredOn.isAfter(today)) {
                return;
            }
            boolean atWork = random.nextDouble() < (closure.ending() == CourseEnded.Ending.POSITIVE
                    ? AT_WORK_POSITIVE : AT_WORK_NON_POSITIVE);
            emit(at(measuredOn), new OutflowRecorded(clusterId, candidacyId, person, training, province,
                    closure.clusterEnd(), closure.ending(), closure.measurementDate(), measuredOn, atWork));
        }

        private void emit(Instant time, OkotEvent payload) {
            sink.accept(new Event(uuid(random), time, payload));
        }

        /** During office hours on the day, Brussels time: when a counsellor would have recorded it. */
        private Instant at(LocalDate day) {
            return day.atTime(8 + random.nextInt(9), random.nextInt(60), random.nextInt(60)).atZone(BRUSSELS).toInstant();
        }
    }

    private record Ended(Optional<ClusterRule.Closure> closure) {
    }

    /** MurmurHash3's 64-bit finaliser: nearby inputs give unrelated outputs. */
    private static long mix(long value) {
        long z = (value ^ (value >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    /** A random (version 4) UUID from the seeded stream. */
    static String uuid(SplittableRandom random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    /** An OKOT course as a chain of training years, year 1 up to its first final year, and its provinces. */
    private record Course(String code, List<TrainingYearRef> chain, List<Province> provinces) {

        static Optional<Course> of(Catalogue.Course course, List<Province> provinces) {
            List<TrainingYearRef> chain = new ArrayList<>();
            for (Catalogue.TrainingYear year : course.trainingYears()) {
                if (year.year() == chain.size() + 1) {
                    chain.add(new TrainingYearRef(course.code(), year.code(), year.name(), year.year(), year.finalYear(),
                            course.type(), course.sector(), course.programme()));
                    if (year.finalYear()) {
                        return Optional.of(new Course(course.code(), List.copyOf(chain), List.copyOf(provinces)));
                    }
                }
            }
            return Optional.empty(); // no final year reachable: no diploma to plan towards
        }
    }

    /** Values drawn with integer weights (cumulative table, binary search free: the tables are short). */
    record Weighted<T>(List<T> values, int[] cumulative) {

        static <T extends Comparable<? super T>> Weighted<T> of(Map<T, Integer> weights) {
            List<T> values = weights.keySet().stream().sorted().toList(); // Map.of has no order: sort for the seed
            int[] cumulative = new int[values.size()];
            int sum = 0;
            for (int i = 0; i < values.size(); i++) {
                sum += weights.get(values.get(i));
                cumulative[i] = sum;
            }
            return new Weighted<>(values, cumulative);
        }

        T pick(SplittableRandom random) {
            int draw = random.nextInt(cumulative[cumulative.length - 1]);
            for (int i = 0; ; i++) {
                if (draw < cumulative[i]) {
                    return values.get(i);
                }
            }
        }

        /** The index of a row of {@code table}, weighted by its last column. */
        static int pick(SplittableRandom random, int[][] table) {
            int total = 0;
            for (int[] row : table) {
                total += row[row.length - 1];
            }
            int draw = random.nextInt(total);
            for (int i = 0; ; i++) {
                draw -= table[i][table[i].length - 1];
                if (draw < 0) {
                    return i;
                }
            }
        }
    }
}
