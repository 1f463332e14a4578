package be.vdab.okot.runner.demo;

import be.vdab.okot.events.AgeBandRule;
import be.vdab.okot.events.enrolment.StartRule;
import be.vdab.okot.runner.demo.DemoPlan.Candidacy;
import be.vdab.okot.runner.demo.DemoPlan.Contract;
import be.vdab.okot.runner.demo.DemoPlan.Person;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * What every planner of the demo population shares: the seeded randomness, the persons planned so far (each with a
 * unique, valid national register number and a name), the candidacy of a course in a province, the offers of the
 * catalogue, and who starts an OKOT contract in which year ({@link StartRule}). The planners of the published
 * questions ({@link Question562Planner} and the others) add their persons here, one after the other, so that a later
 * planner can see what an earlier one planned.
 */
public final class PopulationBuilder {

    /** The year whose offers (F5) the catalogue gives: the demo's provinces and schools come from them. */
    public static final int OFFERS_YEAR = 2020;
    public static final Map<String, String> OCMW_BY_PROVINCE = Map.of("ANT", "ocmw-antwerpen", "LIM", "ocmw-hasselt",
            "OVL", "ocmw-gent", "VBR", "ocmw-leuven", "WVL", "ocmw-brugge", "BXL", "ocmw-brussel");

    private static final String[] FIRST_NAMES_V = {"An", "Els", "Sarah", "Fatima", "Lotte", "Nora", "Ines", "Marie",
            "Julie", "Amira", "Hanne", "Leen", "Sofie", "Yasmina", "Eva", "Katrien"};
    private static final String[] FIRST_NAMES_M = {"Jan", "Tom", "Mohamed", "Pieter", "Wout", "Bram", "Youssef",
            "Koen", "Dries", "Ali", "Stijn", "Jonas", "Thomas", "Ahmed", "Ruben", "Kevin"};
    private static final String[] LAST_NAMES = {"Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems",
            "Claes", "Goossens", "Wouters", "De Smet", "Dubois", "El Amrani", "Vermeulen", "Aerts", "Lambrechts",
            "Van den Broeck", "Bulut", "Hermans", "Pauwels", "Smets"};

    private final Catalogue catalogue;
    private final Random random;
    private final Map<String, Catalogue.Course> courseByTrainingCode = new HashMap<>();
    private final Map<String, List<Catalogue.Offer>> offersByCourse = new HashMap<>();
    private final Set<String> usedInsz = new HashSet<>();
    private final List<Person> persons = new ArrayList<>();
    /** Who starts an OKOT contract (not cancelled) in which year: person indexes. */
    private final Map<Integer, Set<Integer>> okotStartersByYear = new HashMap<>();

    public PopulationBuilder(Catalogue catalogue, long seed) {
        this.catalogue = catalogue;
        this.random = new Random(seed);
        catalogue.courses().forEach(course -> course.trainingYears()
                .forEach(year -> courseByTrainingCode.put(year.code(), course)));
        catalogue.offers().stream().filter(offer -> offer.year() == OFFERS_YEAR)
                .sorted(Comparator.comparing(Catalogue.Offer::courseCode).thenComparing(Catalogue.Offer::province))
                .forEach(offer -> offersByCourse.computeIfAbsent(offer.courseCode(), code -> new ArrayList<>()).add(offer));
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public Random random() {
        return random;
    }

    /** The persons planned so far, in the order they were added (a person's index is its place). */
    public List<Person> persons() {
        return Collections.unmodifiableList(persons);
    }

    /** How many persons start an OKOT contract in {@code year} so far (F1's unit, {@link StartRule}). */
    public int okotStartersIn(int year) {
        return okotStartersByYear.getOrDefault(year, Set.of()).size();
    }

    /** Whether {@code courseCode} has an offer in {@link #OFFERS_YEAR} (a province to register it in). */
    public boolean isOffered(String courseCode) {
        return offersByCourse.containsKey(courseCode);
    }

    /** Adds a person with a fresh national register number and name; returns its index. */
    public int addPerson(LocalDate birthDate, String gender, List<Candidacy> candidacies) {
        int index = persons.size();
        boolean male = gender.equals("M") || gender.equals("X") && random.nextBoolean();
        String first = male ? FIRST_NAMES_M[random.nextInt(FIRST_NAMES_M.length)]
                : FIRST_NAMES_V[random.nextInt(FIRST_NAMES_V.length)];
        String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        persons.add(new Person(index, insz(birthDate, male), first, last, birthDate, gender, random.nextInt(100) < 85,
                List.copyOf(candidacies)));
        for (Candidacy candidacy : candidacies) {
            Catalogue.Course course = catalogue.courses().stream()
                    .filter(candidate -> candidate.code().equals(candidacy.courseCode())).findFirst().orElseThrow(
                            () -> new IllegalArgumentException("No course " + candidacy.courseCode() + " in the catalogue"));
            for (Contract contract : candidacy.contracts()) {
                if (StartRule.isOkotContract(course.programme(), contract.cancelled())) {
                    okotStartersByYear.computeIfAbsent(contract.startDate().getYear(), year -> new HashSet<>()).add(index);
                }
            }
        }
        return index;
    }

    /**
     * An approved candidacy for {@code course} in the offer's province, submitted 30–120 days before
     * {@code firstStart} and screened 5–25 days later; one in sixteen via an OCMW (with its formal agreement).
     */
    public Candidacy candidacy(Catalogue.Course course, Catalogue.Offer offer, LocalDate firstStart,
                               List<Contract> contracts) {
        LocalDate submitted = firstStart.minusDays(30 + random.nextInt(90));
        LocalDate screened = submitted.plusDays(5 + random.nextInt(20));
        String referral = referral();
        String ocmwId = referral.equals("OCMW") ? OCMW_BY_PROVINCE.get(offer.province()) : null;
        return new Candidacy(course.code(), offer.province(), referral, ocmwId, submitted,
                ocmwId != null ? submitted.plusDays(1 + random.nextInt(4)) : null, screened, true, contracts);
    }

    /** SELF, VDAB or OCMW, as candidacies come in (6 % via an OCMW). */
    public String referral() {
        int draw = random.nextInt(100);
        return draw < 6 ? "OCMW" : draw < 70 ? "VDAB" : "SELF";
    }

    /**
     * A national register number for the birth date: odd serial for men, even for women, unique;
     * serials from 100 on, so that the demo never takes a number the tests use (below 100).
     */
    private String insz(LocalDate birthDate, boolean male) {
        int serial = 100 + random.nextInt(890);
        if (male == (serial % 2 == 0)) {
            serial++;
        }
        for (int tries = 0; tries < 500; tries++, serial = serial + 2 > 997 ? (male ? 101 : 100) : serial + 2) {
            String insz = insz(birthDate, serial);
            if (usedInsz.add(insz)) {
                return insz;
            }
        }
        throw new IllegalStateException("No free national register number for " + birthDate);
    }

    /** The national register number with this birth date and serial, with its check digits. */
    public static String insz(LocalDate birthDate, int serial) {
        String nine = String.format("%02d%02d%02d%03d", birthDate.getYear() % 100, birthDate.getMonthValue(),
                birthDate.getDayOfMonth(), serial);
        long number = Long.parseLong((birthDate.getYear() >= 2000 ? "2" : "") + nine);
        return nine + String.format("%02d", 97 - number % 97);
    }

    // ---------------------------------------------------------------- dates and ages

    /** A birth date that gives {@code age} in completed years on {@code on}, as the figures count it ({@link AgeBandRule}). */
    public LocalDate birthDateForAge(int age, LocalDate on) {
        AgeBandRule.BirthDates born = AgeBandRule.bornAtAge(age, on);
        return randomDate(born.earliest(), born.latest());
    }

    /** A day from {@code from} to {@code to}, both included. */
    public LocalDate randomDate(LocalDate from, LocalDate to) {
        return from.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(from, to) + 1));
    }

    /** An index drawn with these weights. */
    public int weighted(int[] weights) {
        int draw = random.nextInt(Arrays.stream(weights).sum());
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    // ---------------------------------------------------------------- the catalogue

    /** The course a training-year code belongs to. */
    public Catalogue.Course courseOf(String trainingCode) {
        Catalogue.Course course = courseByTrainingCode.get(trainingCode);
        if (course == null) {
            throw new IllegalArgumentException("No training year " + trainingCode + " in the catalogue");
        }
        return course;
    }

    /** The offers of a course in {@link #OFFERS_YEAR}, by province. */
    public List<Catalogue.Offer> offersOf(Catalogue.Course course) {
        List<Catalogue.Offer> offers = offersByCourse.get(course.code());
        if (offers == null) {
            throw new IllegalArgumentException("Course " + course.code() + " has no offer in " + OFFERS_YEAR);
        }
        return offers;
    }

    /** One of the course's offers, drawn. */
    public Catalogue.Offer offerOf(Catalogue.Course course) {
        List<Catalogue.Offer> offers = offersOf(course);
        return offers.get(random.nextInt(offers.size()));
    }

    /** One of the offer's schools, drawn ("Campus ANT" when it names none). */
    public String schoolOf(Catalogue.Offer offer) {
        return offer.schools() == null || offer.schools().isEmpty() ? "Campus " + offer.province()
                : offer.schools().get(random.nextInt(offer.schools().size()));
    }

    // ---------------------------------------------------------------- lists from published counts

    /** Each label as often as its count, shuffled: zipped with other such lists, every count stays exact. */
    public <T> List<T> expand(Map<String, Integer> counts, Function<String, T> value) {
        List<T> values = new ArrayList<>();
        counts.forEach((label, count) -> {
            T converted = value.apply(label);
            if (converted == null) {
                throw new IllegalStateException("Unknown published label " + label);
            }
            for (int i = 0; i < count; i++) {
                values.add(converted);
            }
        });
        Collections.shuffle(values, random);
        return values;
    }
}
