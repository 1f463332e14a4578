package be.vdab.okot.runner.demo;

import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.TokenIssuer;
import be.vdab.okot.runner.demo.DemoPlan.Candidacy;
import be.vdab.okot.runner.demo.DemoPlan.Contract;
import be.vdab.okot.runner.demo.DemoPlan.Cost;
import be.vdab.okot.runner.demo.DemoPlan.End;
import be.vdab.okot.runner.demo.DemoPlan.Person;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Drives a {@link DemoPlan} through the public REST APIs of a running platform, as counsellors
 * and social workers would, with many clients at once. Every POST carries an Idempotency-Key
 * derived from the plan, so a retry after a timeout, or a second run of the same demo, creates
 * nothing twice. The work goes in phases (intake, contracts, ends, measurements) with a wait for
 * the events in between, so that a step rarely finds its precondition still on its way; when it
 * does (409 "not known here yet"), it is retried.
 */
public final class DemoDriver {

    /** Conflicts that only mean an event is still on its way to the service asked. */
    private static final List<String> NOT_YET = List.of("candidacy-unknown", "contract-unknown", "cluster-unknown",
            "candidacy-not-approved", "contracts-overlap", "cluster-open");
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
    private static final int MEASUREMENTS_PER_CALL = 1000;

    /** What a run did and how fast. */
    public record Report(int persons, long calls, Duration driving, Duration settling, List<String> phases) {

        public double callsPerSecond() {
            return calls * 1000.0 / Math.max(1, driving.toMillis());
        }
    }

    private final Map<Service, String> baseUrls;
    private final TokenIssuer tokens;
    private final int parallel;
    private final PrintStream out;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Map<String, String> tokenByRole = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    public DemoDriver(Map<Service, String> baseUrls, TokenIssuer tokens, int parallel, PrintStream out) {
        this.baseUrls = Map.copyOf(baseUrls);
        this.tokens = tokens;
        this.parallel = parallel;
        this.out = out;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
    }

    /** Fails at once, rather than after minutes of retries, when a service does not answer at all. */
    public void requireReachable() {
        for (Map.Entry<Service, String> service : baseUrls.entrySet()) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(service.getValue() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new DemoFailure(service.getKey().moduleName + " does not answer at "
                        + service.getValue() + " (" + e + "): is the platform running (./okot up)?");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoFailure("Interrupted");
            }
        }
    }

    /** The OKOT courses and the offers of the detail year, from enrolment-service. */
    public Catalogue catalogue() {
        JsonNode courses = send("GET", Service.ENROLMENT, "/courses", null, counsellor(), null);
        JsonNode offers = send("GET", Service.ENROLMENT, "/offers?year=" + PopulationPlanner.DETAIL_YEAR, null,
                counsellor(), null);
        try {
            return new Catalogue(
                    List.of(json.treeToValue(courses, Catalogue.Course[].class)),
                    List.of(json.treeToValue(offers, Catalogue.Offer[].class)));
        } catch (IOException e) {
            throw new IllegalStateException("Unexpected catalogue from enrolment-service", e);
        }
    }

    public Report run(DemoPlan plan) {
        String keyPrefix = "demo-" + plan.seed() + "-" + plan.fromYear() + "-" + plan.toYear() + "-";
        int persons = plan.persons().size();
        String[][] candidacyIds = new String[persons][];
        String[][][] contractIds = new String[persons][][];
        String[][][] clusterIds = new String[persons][][];
        List<String> phases = new ArrayList<>();
        Instant begin = Instant.now();
        // intake-service learns the catalogue from enrolment-service's events: right after a start it may not have yet
        Duration settlingTotal = awaitSettled();

        phases.add(phase("candidacies, agreements, screenings", plan, person -> {
            List<Candidacy> candidacies = person.candidacies();
            candidacyIds[person.index()] = new String[candidacies.size()];
            for (int c = 0; c < candidacies.size(); c++) {
                candidacyIds[person.index()][c] = submit(keyPrefix + person.index() + "-" + c, person, candidacies.get(c));
            }
        }));
        settlingTotal = settlingTotal.plus(awaitSettled());

        phases.add(phase("contracts", plan, person -> {
            List<Candidacy> candidacies = person.candidacies();
            contractIds[person.index()] = new String[candidacies.size()][];
            clusterIds[person.index()] = new String[candidacies.size()][];
            for (int c = 0; c < candidacies.size(); c++) {
                List<Contract> contracts = candidacies.get(c).contracts();
                contractIds[person.index()][c] = new String[contracts.size()];
                clusterIds[person.index()][c] = new String[contracts.size()];
                for (int k = 0; k < contracts.size(); k++) {
                    JsonNode started = startContract(keyPrefix + person.index() + "-" + c + "-" + k,
                            candidacyIds[person.index()][c], contracts.get(k));
                    contractIds[person.index()][c][k] = started.path("id").asText();
                    clusterIds[person.index()][c][k] = started.path("clusterId").asText();
                }
            }
        }));
        settlingTotal = settlingTotal.plus(awaitSettled());

        // before the cancellations: a cancelled contract takes corrections only (its costs stay, F9)
        Map<Integer, List<Integer>> costsByPerson = new HashMap<>();
        for (int i = 0; i < plan.costs().size(); i++) {
            costsByPerson.computeIfAbsent(plan.costs().get(i).person(), person -> new ArrayList<>()).add(i);
        }
        String[] costIds = new String[plan.costs().size()];
        phases.add(phase("cost entries (" + plan.costs().size() + ")", plan, person -> {
            for (int i : costsByPerson.getOrDefault(person.index(), List.of())) {
                Cost cost = plan.costs().get(i);
                ObjectNode body = json.createObjectNode().put("kind", cost.kind()).put("amount", cost.amount())
                        .put("bookedOn", cost.bookedOn().toString());
                if (cost.corrects() != null) {
                    body.put("corrects", costIds[cost.corrects()]);
                }
                String contractId = contractIds[cost.person()][cost.candidacy()][cost.contract()];
                costIds[i] = send("POST", Service.ENROLMENT, "/contracts/" + contractId + "/costs", body, counsellor(),
                        keyPrefix + "cost-" + i).path("id").asText();
            }
        }));

        phases.add(phase("course ends, corrections, cancellations", plan, person -> {
            for (int c = 0; c < person.candidacies().size(); c++) {
                List<Contract> contracts = person.candidacies().get(c).contracts();
                for (int k = 0; k < contracts.size(); k++) {
                    String contractId = contractIds[person.index()][c][k];
                    for (End end : contracts.get(k).ends()) {
                        ObjectNode body = json.createObjectNode().put("endDate", end.endDate().toString())
                                .put("result", end.result());
                        if (end.stopReason() != null) {
                            body.put("stopReason", end.stopReason());
                        }
                        send("PUT", Service.OUTCOME, "/contracts/" + contractId + "/end", body, counsellor(), null);
                    }
                    if (contracts.get(k).cancelled()) {
                        send("POST", Service.ENROLMENT, "/contracts/" + contractId + "/cancellation", null, counsellor(),
                                keyPrefix + person.index() + "-" + c + "-" + k + "-cancel");
                    }
                }
            }
        }));

        Instant measuring = Instant.now();
        long callsBefore = calls.get();
        ArrayNode measurements = json.createArrayNode();
        for (Person person : plan.persons()) {
            for (int c = 0; c < person.candidacies().size(); c++) {
                List<Contract> contracts = person.candidacies().get(c).contracts();
                for (int k = 0; k < contracts.size(); k++) {
                    if (contracts.get(k).measurement() != null) {
                        measurements.addObject().put("clusterId", clusterIds[person.index()][c][k])
                                .put("measuredOn", contracts.get(k).measurement().measuredOn().toString())
                                .put("atWork", contracts.get(k).measurement().atWork());
                    }
                }
            }
        }
        for (int from = 0; from < measurements.size(); from += MEASUREMENTS_PER_CALL) {
            ArrayNode chunk = json.createArrayNode();
            for (int i = from; i < Math.min(measurements.size(), from + MEASUREMENTS_PER_CALL); i++) {
                chunk.add(measurements.get(i));
            }
            recordMeasurements(chunk);
        }
        phases.add(report("outflow measurements (" + measurements.size() + " clusters)", calls.get() - callsBefore,
                Duration.between(measuring, Instant.now())));
        Duration driving = Duration.between(begin, Instant.now()).minus(settlingTotal);
        Duration settling = awaitSettled();
        return new Report(persons, calls.get(), driving, settlingTotal.plus(settling), phases);
    }

    /** The headline figure of each year as stats-service now answers it: {figure → {year → total}}. */
    public Map<String, Map<Integer, String>> headlines(int fromYear, int toYear) {
        String analyst = analystToken();
        Map<String, Map<Integer, String>> headlines = new java.util.LinkedHashMap<>();
        for (String figure : List.of("starts", "diplomas", "dropouts", "outflow")) {
            Map<Integer, String> byYear = new java.util.TreeMap<>();
            for (JsonNode answer : send("GET", Service.STATS, "/stats/" + figure + "/evolution?fromYear=" + fromYear
                    + "&toYear=" + toYear, null, analyst, null)) {
                JsonNode total = answer.path("total");
                byYear.put(Integer.parseInt(answer.path("period").path("from").asText().substring(0, 4)),
                        total.isObject() ? total.path("rate").asText() + " % (" + total.path("atWork").asText() + " of "
                                + total.path("closedClusters").asText() + ")" : total.asText());
            }
            headlines.put(figure, byYear);
        }
        return headlines;
    }

    /** stats-service's check of its facts and figures against the event log (GET /stats/reconciliation). */
    public JsonNode reconciliation() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(baseUrls.get(Service.STATS) + "/stats/reconciliation"))
                    .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + analystToken())
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            calls.incrementAndGet();
            if (response.statusCode() != 200) {
                throw new DemoFailure("GET /stats/reconciliation → " + response.statusCode() + " " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new DemoFailure("GET /stats/reconciliation → " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("Interrupted");
        }
    }

    // ---------------------------------------------------------------- the calls

    private String submit(String key, Person person, Candidacy candidacy) {
        ObjectNode body = json.createObjectNode();
        body.putObject("person")
                .put("insz", person.insz()).put("firstName", person.firstName()).put("lastName", person.lastName())
                .put("birthDate", person.birthDate().toString()).put("gender", person.gender())
                .put("email", (person.firstName() + "." + person.lastName()).toLowerCase().replaceAll("[^a-z.]", "")
                        + person.index() + "@example.org")
                .put("registeredAsJobSeeker", person.registeredAsJobSeeker())
                .put("working", false).put("holdsTargetQualification", false).put("inTemporaryWorkExperience", false);
        body.put("courseCode", candidacy.courseCode()).put("province", candidacy.province())
                .put("submittedOn", candidacy.submittedOn().toString());
        ObjectNode referral = body.putObject("referral").put("kind", candidacy.referral());
        if (candidacy.ocmwId() != null) {
            referral.put("ocmwId", candidacy.ocmwId()).putObject("socialWorker")
                    .put("name", "Maatschappelijk werker " + candidacy.ocmwId().substring(5))
                    .put("email", "trajectbegeleiding@" + candidacy.ocmwId() + ".example");
        }
        String id = send("POST", Service.INTAKE, "/candidacies", body, counsellor(), key + "-submit").path("id").asText();
        if (candidacy.ocmwId() != null) {
            send("POST", Service.INTAKE, "/candidacies/" + id + "/formal-agreement",
                    json.createObjectNode().put("agreedOn", candidacy.agreedOn().toString()),
                    ocmw(candidacy.ocmwId()), key + "-agree");
        }
        ObjectNode screening = json.createObjectNode()
                .put("motivation", candidacy.approved() ? "SUFFICIENT" : "INSUFFICIENT")
                .put("fitsPathToWork", true).put("learningAbility", "SUFFICIENT")
                .put("decision", candidacy.approved() ? "APPROVED" : "REJECTED")
                .put("screenedOn", candidacy.screenedOn().toString());
        screening.putObject("preconditions").put("financial", "OK").put("mobility", "OK").put("childcare", "OK");
        if (candidacy.approved()) {
            screening.put("probableStartDate", candidacy.contracts().get(0).startDate().toString())
                    .put("probableLocation", candidacy.contracts().get(0).school());
        } else {
            screening.put("remarks", "Motivation for this course not shown in the interview");
        }
        send("POST", Service.INTAKE, "/candidacies/" + id + "/screening", screening, counsellor(), key + "-screen");
        return id;
    }

    private JsonNode startContract(String key, String candidacyId, Contract contract) {
        ObjectNode body = json.createObjectNode().put("candidacyId", candidacyId)
                .put("trainingCode", contract.trainingCode()).put("province", contract.province())
                .put("school", contract.school()).put("startDate", contract.startDate().toString())
                .put("plannedEndDate", contract.plannedEndDate().toString());
        return send("POST", Service.ENROLMENT, "/contracts", body, counsellor(), key + "-contract");
    }

    /** Bulk measurements; items refused because a cluster is not closed here yet are sent again. */
    private void recordMeasurements(ArrayNode items) {
        Instant deadline = Instant.now().plus(GIVE_UP_AFTER);
        ArrayNode pending = items;
        while (true) {
            JsonNode result = send("POST", Service.OUTCOME, "/outflow/measurements", pending, counsellor(), null);
            ArrayNode refused = json.createArrayNode();
            for (JsonNode item : result.path("items")) {
                if (!"ACCEPTED".equals(item.path("status").asText())) {
                    if (Instant.now().isAfter(deadline) || !isNotYet(item.path("detail").asText() + item)) {
                        throw new DemoFailure("Outflow measurement refused: " + item);
                    }
                    refused.add(pending.get(item.path("index").asInt()));
                }
            }
            if (refused.isEmpty()) {
                return;
            }
            pause(Duration.ofMillis(500));
            pending = refused;
        }
    }

    public String analystToken() {
        return tokenByRole.computeIfAbsent("analyst",
                role -> tokens.issue("demo-analyst@vdab", role, null, TokenIssuer.MAX_VALIDITY));
    }

    public String counsellor() {
        return tokenByRole.computeIfAbsent("counsellor",
                role -> tokens.issue("demo-counsellor@vdab", role, null, TokenIssuer.MAX_VALIDITY));
    }

    private String ocmw(String ocmwId) {
        return tokenByRole.computeIfAbsent("ocmw:" + ocmwId,
                role -> tokens.issue("demo-social-worker@" + ocmwId, "ocmw", ocmwId, TokenIssuer.MAX_VALIDITY));
    }

    /** One call, retried while its precondition is on its way or the service is briefly unavailable. */
    JsonNode send(String method, Service service, String path, JsonNode body, String token, String idempotencyKey) {
        Instant deadline = Instant.now().plus(GIVE_UP_AFTER);
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrls.get(service) + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            String failure;
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                calls.incrementAndGet();
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
                }
                failure = method + " " + path + " → " + status + " " + response.body();
                boolean retry = status >= 500 || status == 409 && isNotYet(response.body());
                if (!retry) {
                    throw new DemoFailure(failure);
                }
            } catch (IOException e) {
                failure = method + " " + path + " → " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoFailure("Interrupted");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DemoFailure("Gave up after " + GIVE_UP_AFTER.toMinutes() + " min: " + failure);
            }
            pause(backoff);
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2)
                    : backoff.multipliedBy(2);
        }
    }

    private static boolean isNotYet(String problem) {
        return NOT_YET.stream().anyMatch(problem::contains);
    }

    // ---------------------------------------------------------------- phases and settling

    private String phase(String name, DemoPlan plan, Consumer<Person> step) {
        Instant begin = Instant.now();
        long callsBefore = calls.get();
        ExecutorService workers = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Person person : plan.persons()) {
                done.add(workers.submit(() -> step.accept(person)));
            }
            long lastReport = System.nanoTime();
            for (Future<?> future : done) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof DemoFailure failure ? failure
                            : new DemoFailure(name + ": " + e.getCause());
                }
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    out.printf("  ... %s: %d calls%n", name, calls.get() - callsBefore);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("Interrupted");
        } finally {
            workers.shutdownNow();
        }
        return report(name, calls.get() - callsBefore, Duration.between(begin, Instant.now()));
    }

    private String report(String name, long phaseCalls, Duration took) {
        String line = String.format("%-42s %7d calls in %6.1f s (%5.0f calls/s)", name, phaseCalls,
                took.toMillis() / 1000.0, phaseCalls * 1000.0 / Math.max(1, took.toMillis()));
        out.println("  " + line);
        return line;
    }

    /**
     * Waits until every service has published its whole outbox and every consumer has read
     * everything on its topics (Kafka's records-lag, from the Prometheus metrics), twice in a row.
     */
    public Duration awaitSettled() {
        Instant begin = Instant.now();
        Instant deadline = begin.plus(Duration.ofMinutes(20));
        int quietInARow = 0;
        while (quietInARow < 2) {
            if (Instant.now().isAfter(deadline)) {
                throw new DemoFailure("The platform did not settle within 20 minutes");
            }
            pause(Duration.ofMillis(500));
            quietInARow = isQuiet() ? quietInARow + 1 : 0;
        }
        return Duration.between(begin, Instant.now());
    }

    private boolean isQuiet() {
        for (Service service : baseUrls.keySet()) {
            try {
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                                URI.create(baseUrls.get(service) + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (metrics.statusCode() != 200 || pending(metrics.body()) > 0) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoFailure("Interrupted");
            }
        }
        return true;
    }

    /** Events not yet published plus events not yet consumed, by this service's own metrics. */
    static double pending(String prometheusText) {
        double pending = 0;
        boolean lagSeen = false;
        for (String line : prometheusText.split("\n")) {
            boolean backlog = line.startsWith("okot_outbox_backlog ") || line.startsWith("okot_outbox_backlog{");
            boolean lag = line.startsWith("kafka_consumer_fetch_manager_records_lag{");
            if (backlog || lag) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (!Double.isNaN(value)) {
                    pending += Math.max(0, value);
                }
                lagSeen |= lag;
            }
        }
        // a consumer without partitions yet reports no lag: not settled
        return lagSeen ? pending : Math.max(1, pending);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("Interrupted");
        }
    }

    /** A call the platform refused for another reason than an event on its way: the demo stops. */
    public static final class DemoFailure extends RuntimeException {
        public DemoFailure(String message) {
            super(message);
        }
    }
}
