package be.vdab.okot.runner.demo;

import be.vdab.okot.runner.Platform.Service;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Measures how fresh the figures are: for each step of a trajectory, the time from the API's
 * answer (the event is then committed in the producer's outbox) until stats-service's figure
 * shows it. Every probe is a new person with a whole trajectory in {@code year - 1} and
 * {@code year}: candidacy → F8 funnel, contract → F1 starts, passed final year → F2 diplomas,
 * outflow measurement → F4 outflow. The probes run one after another, so a figure rising by
 * one is the probe's own event; other data (a demo running at the same time) must stay out of
 * those years. The probe persons stay on the platform, like any registration; each has a
 * national register number of its own (serial 998, which the demo never takes).
 */
public final class FreshnessProbe {

    /** The steps measured, in the order of a trajectory. */
    public enum Step {
        CANDIDACY("candidacy submitted (intake) → funnel"),
        CONTRACT("contract started (enrolment) → starts"),
        END("course passed (outcome) → diplomas"),
        MEASUREMENT("outflow measured (outcome) → outflow");

        public final String label;

        Step(String label) {
            this.label = label;
        }
    }

    /**
     * Milliseconds until the figure showed the event, per step; {@code -1} when it did not within the
     * timeout, which the percentiles and the maximum count as {@link Long#MAX_VALUE}.
     */
    public record Result(Map<Step, List<Long>> millis, Duration timeout, long queryMillisMedian) {

        public long percentile(Step step, int percent) {
            List<Long> sorted = millis.get(step).stream().map(value -> value < 0 ? Long.MAX_VALUE : value).sorted()
                    .toList();
            return sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
        }

        public long max() {
            return millis.values().stream().flatMap(List::stream)
                    .mapToLong(value -> value < 0 ? Long.MAX_VALUE : value).max().orElse(0);
        }
    }

    private static final Duration POLL = Duration.ofMillis(10);
    /** A serial the demo population never uses (it takes 100–997), so probe persons never meet demo persons. */
    private static final int PROBE_SERIAL = 998;
    private static final LocalDate FIRST_BIRTH_DATE = LocalDate.of(1950, 1, 1);
    /** Birth dates 1950–1999: so many probe persons before one comes round again. */
    public static final int PROBE_PERSONS = (int) java.time.temporal.ChronoUnit.DAYS.between(FIRST_BIRTH_DATE,
            LocalDate.of(2000, 1, 1));

    private final DemoDriver driver;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Long> queryMillis = new ArrayList<>();

    public FreshnessProbe(DemoDriver driver) {
        this.driver = driver;
    }

    /**
     * Runs {@code probes} probes with persons {@code firstPerson}, {@code firstPerson + 1}, ...: a person
     * index stands for one national register number, so the caller hands out each index once.
     */
    public Result run(int firstPerson, int probes, int year, Duration timeout) {
        Catalogue.Course course = oneYearCourse(driver.catalogue());
        String training = course.trainingYears().get(0).code();
        String run = Long.toString(System.currentTimeMillis(), 36);
        Map<Step, List<Long>> millis = new LinkedHashMap<>();
        for (Step step : Step.values()) {
            millis.put(step, new ArrayList<>());
        }
        for (int probe = 0; probe < probes; probe++) {
            String key = "freshness-" + run + "-" + probe;
            LocalDate birthDate = probeBirthDate(firstPerson + probe);

            int funnel = total("/stats/funnel?year=" + (year - 1), JsonNode::asInt);
            String candidacy = submit(key, birthDate, course.code(), year);
            millis.get(Step.CANDIDACY).add(untilAbove("/stats/funnel?year=" + (year - 1), JsonNode::asInt, funnel, timeout));

            ObjectNode screening = json.createObjectNode().put("motivation", "SUFFICIENT").put("fitsPathToWork", true)
                    .put("learningAbility", "SUFFICIENT").put("decision", "APPROVED")
                    .put("screenedOn", LocalDate.of(year - 1, 6, 14).toString())
                    .put("probableStartDate", LocalDate.of(year - 1, 9, 1).toString())
                    .put("probableLocation", "Probe school");
            screening.putObject("preconditions").put("financial", "OK").put("mobility", "OK").put("childcare", "OK");
            driver.send("POST", Service.INTAKE, "/candidacies/" + candidacy + "/screening", screening,
                    driver.counsellor(), key + "-screen");

            int starts = total("/stats/starts?year=" + (year - 1), JsonNode::asInt);
            // enrolment-service may not know the approval yet: DemoDriver.send retries that
            JsonNode contract = driver.send("POST", Service.ENROLMENT, "/contracts", json.createObjectNode()
                    .put("candidacyId", candidacy).put("trainingCode", training).put("province", "ANT")
                    .put("school", "Probe school").put("startDate", LocalDate.of(year - 1, 9, 1).toString())
                    .put("plannedEndDate", LocalDate.of(year, 6, 30).toString()), driver.counsellor(), key + "-contract");
            millis.get(Step.CONTRACT).add(untilAbove("/stats/starts?year=" + (year - 1), JsonNode::asInt, starts, timeout));

            int diplomas = total("/stats/diplomas?year=" + year, JsonNode::asInt);
            driver.send("PUT", Service.OUTCOME, "/contracts/" + contract.path("id").asText() + "/end",
                    json.createObjectNode().put("endDate", LocalDate.of(year, 6, 30).toString()).put("result", "PASSED"),
                    driver.counsellor(), null);
            millis.get(Step.END).add(untilAbove("/stats/diplomas?year=" + year, JsonNode::asInt, diplomas, timeout));

            ToIntFunction<JsonNode> closed = total -> total.path("closedClusters").asInt();
            int outflow = total("/stats/outflow?year=" + year, closed);
            ArrayNode measurement = json.createArrayNode();
            measurement.addObject().put("clusterId", contract.path("clusterId").asText())
                    .put("measuredOn", LocalDate.of(year, 9, 30).toString()).put("atWork", true);
            JsonNode answer = driver.send("POST", Service.OUTCOME, "/outflow/measurements", measurement,
                    driver.counsellor(), null);
            if (!"ACCEPTED".equals(answer.path("items").path(0).path("status").asText())) {
                throw new DemoDriver.DemoFailure("Outflow measurement refused: " + answer);
            }
            millis.get(Step.MEASUREMENT).add(untilAbove("/stats/outflow?year=" + year, closed, outflow, timeout));
        }
        List<Long> sorted = queryMillis.stream().sorted().toList();
        return new Result(millis, timeout, sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2));
    }

    /** The first OKOT course of the catalogue with a single training year: a probe's trajectory is one contract. */
    public static Catalogue.Course oneYearCourse(Catalogue catalogue) {
        return catalogue.courses().stream().filter(candidate -> candidate.trainingYears().size() == 1)
                .findFirst().orElseThrow(() -> new DemoDriver.DemoFailure("No one-year OKOT course in the catalogue"));
    }

    /** One birth date per person index, from 1950 on: with the probe serial, one national register number. */
    public static LocalDate probeBirthDate(int person) {
        return FIRST_BIRTH_DATE.plusDays(Math.floorMod(person, PROBE_PERSONS));
    }

    private String submit(String key, LocalDate birthDate, String courseCode, int year) {
        return submitProbeCandidacy(driver, key, PopulationBuilder.insz(birthDate, PROBE_SERIAL), "Versheid", "V",
                birthDate, courseCode, year);
    }

    /**
     * Registers a probe person's candidacy through intake's API (a VDAB referral, submitted 15 May of the
     * year before {@code year}, as a counsellor, Idempotency-Key {@code key-submit}) and returns its id.
     */
    static String submitProbeCandidacy(DemoDriver driver, String key, String insz, String lastName, String gender,
                                       LocalDate birthDate, String courseCode, int year) {
        ObjectNode body = probeCandidacy(key, insz, lastName, gender, birthDate, courseCode, LocalDate.of(year - 1, 5, 15));
        return driver.send("POST", Service.INTAKE, "/candidacies", body, driver.counsellor(), key + "-submit")
                .path("id").asText();
    }

    /**
     * The body of {@code POST /candidacies} for a probe person: first name {@code Probe}, e-mail
     * {@code key@example.org}, a job seeker, province ANT, a VDAB referral submitted on {@code submittedOn}.
     */
    public static ObjectNode probeCandidacy(String key, String insz, String lastName, String gender, LocalDate birthDate,
                                            String courseCode, LocalDate submittedOn) {
        ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        body.putObject("person").put("insz", insz)
                .put("firstName", "Probe").put("lastName", lastName).put("birthDate", birthDate.toString())
                .put("gender", gender).put("email", key + "@example.org").put("registeredAsJobSeeker", true)
                .put("working", false).put("holdsTargetQualification", false).put("inTemporaryWorkExperience", false);
        body.put("courseCode", courseCode).put("province", "ANT").put("submittedOn", submittedOn.toString());
        body.putObject("referral").put("kind", "VDAB");
        return body;
    }

    private int total(String path, ToIntFunction<JsonNode> value) {
        long begin = System.nanoTime();
        JsonNode answer = driver.send("GET", Service.STATS, path, null, driver.analystToken(), null);
        queryMillis.add((System.nanoTime() - begin) / 1_000_000);
        return value.applyAsInt(answer.path("total"));
    }

    /** Polls the figure until it is above {@code before}; the milliseconds that took, or -1 after the timeout. */
    private long untilAbove(String path, ToIntFunction<JsonNode> value, int before, Duration timeout) {
        long begin = System.nanoTime();
        while (System.nanoTime() - begin < timeout.toNanos()) {
            if (total(path, value) > before) {
                return (System.nanoTime() - begin) / 1_000_000;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoDriver.DemoFailure("Interrupted");
            }
        }
        return -1;
    }
}
