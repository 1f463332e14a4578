package be.vdab.okot.runner.demo;

import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.TokenIssuer;
import be.vdab.okot.runner.demo.DemoPlan.Candidacy;
import be.vdab.okot.runner.demo.DemoPlan.Contract;
import be.vdab.okot.runner.demo.DemoPlan.Cost;
import be.vdab.okot.runner.demo.DemoPlan.End;
import be.vdab.okot.runner.demo.DemoPlan.Person;
import be.vdab.okot.runner.http.OkotClient;
import be.vdab.okot.runner.http.RetryPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Drives a {@link DemoPlan} through the public REST APIs of a running platform, as counsellors and social workers
 * would, through the runner's one HTTP client ({@link OkotClient}).
 * <p>
 * What a counsellor registers by the list goes through the bulk paths (README "Bulk imports") with
 * {@link BulkSender}: candidacies ({@code POST /candidacies/submissions}), screenings ({@code POST /screenings}),
 * contracts ({@code POST /contracts/starts}), course ends ({@code POST /contracts/ends}) and outflow measurements
 * ({@code POST /outflow/measurements}), in chunks of {@link #DEFAULT_CHUNK} items, {@link #DEFAULT_BULK_PARALLEL} calls
 * at once ({@link #bulkCalls}).
 * The few single acts — the OCMWs' formal agreements, the cost entries, the cancellations — stay single calls,
 * {@code parallel} clients at once.
 * <p>
 * Order: a person's candidacies go in rounds (all first candidacies, their agreements and screenings, then all
 * second ones, ...), so is a person's sequence of contracts (round j holds each person's j-th contract, in plan
 * order) and a contract's ends (round e holds each contract's e-th end: a correction after the end it corrects).
 * <p>
 * Nothing twice: every call carries an {@code Idempotency-Key} derived from the plan (single calls as before; bulk
 * calls by list, chunk and attempt), so a retry after a timeout, or a second run of the same demo within the
 * services' key retention, replays the stored answers; beyond it the bulk paths answer a repeat {@code unchanged}.
 * The work goes in phases (intake, contracts, costs, ends, measurements) with a wait for the events in between, so
 * that a step rarely finds its precondition still on its way; when it does (409 "not known here yet",
 * {@link RetryPolicy#NOT_YET}), the call or the item is sent again.
 */
public final class DemoDriver {

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
    private static final Duration NOT_YET_PAUSE = Duration.ofMillis(500);
    private static final Duration SINGLE_TIMEOUT = Duration.ofSeconds(60);
    /** A bulk call of 2,000 items applies them one transaction each: allow minutes on a loaded machine. */
    private static final Duration BULK_TIMEOUT = Duration.ofMinutes(10);

    /** Items per bulk call by default (issue 15: at most 2,000). */
    public static final int DEFAULT_CHUNK = 1000;
    /** Bulk calls at once by default. */
    public static final int DEFAULT_BULK_PARALLEL = 4;

    /**
     * What a run did and how fast.
     *
     * @param calls HTTP calls (attempts included)
     * @param items what the calls registered: a bulk call's items, a single call's one
     */
    public record Report(int persons, long calls, Duration driving, Duration settling, List<String> phases,
                         long items) {

        public double callsPerSecond() {
            return calls * 1000.0 / Math.max(1, driving.toMillis());
        }

        public double itemsPerSecond() {
            return items * 1000.0 / Math.max(1, driving.toMillis());
        }
    }

    private final Map<Service, String> baseUrls;
    private final TokenIssuer tokens;
    private final int parallel;
    private final PrintStream out;
    private final OkotClient client = new OkotClient();
    private final ObjectMapper json = client.json();
    private BulkSender bulk;
    private final Map<String, String> tokenByRole = new ConcurrentHashMap<>();
    /** Per phase: calls, items, nanoseconds (phases of several rounds add up). */
    private final Map<String, long[]> tallies = new LinkedHashMap<>();

    public DemoDriver(Map<Service, String> baseUrls, TokenIssuer tokens, int parallel, PrintStream out) {
        this.baseUrls = Map.copyOf(baseUrls);
        this.tokens = tokens;
        this.parallel = parallel;
        this.out = out;
        bulkCalls(DEFAULT_CHUNK, DEFAULT_BULK_PARALLEL);
    }

    /**
     * How the bulk paths are called: {@code chunkSize} items per call (1 to 2,000), {@code parallel} calls at once.
     *
     * @return this driver
     */
    public DemoDriver bulkCalls(int chunkSize, int parallel) {
        if (chunkSize < 1 || chunkSize > 2000) {
            throw new IllegalArgumentException("A bulk call carries 1 to 2000 items, not " + chunkSize);
        }
        this.bulk = new BulkSender(json, chunkSize, parallel, GIVE_UP_AFTER, NOT_YET_PAUSE, Clock.systemUTC(),
                pause -> Thread.sleep(pause.toMillis()));
        return this;
    }

    /** Fails at once, rather than after minutes of retries, when a service does not answer at all. */
    public void requireReachable() {
        for (Map.Entry<Service, String> service : baseUrls.entrySet()) {
            try {
                client.exchange(client.plainGet(URI.create(service.getValue() + "/q/health/ready"),
                        Duration.ofSeconds(10)));
            } catch (IOException | OkotClient.CallFailed e) {
                throw new DemoFailure(service.getKey().moduleName + " does not answer at "
                        + service.getValue() + " (" + e + "): is the platform running (./okot up)?");
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
        List<Person> persons = plan.persons();
        String[][] candidacyIds = new String[persons.size()][];
        String[][][] contractIds = new String[persons.size()][][];
        String[][][] clusterIds = new String[persons.size()][][];
        for (Person person : persons) {
            int p = person.index();
            candidacyIds[p] = new String[person.candidacies().size()];
            contractIds[p] = new String[person.candidacies().size()][];
            clusterIds[p] = new String[person.candidacies().size()][];
            for (int c = 0; c < person.candidacies().size(); c++) {
                contractIds[p][c] = new String[person.candidacies().get(c).contracts().size()];
                clusterIds[p][c] = new String[person.candidacies().get(c).contracts().size()];
            }
        }
        List<String> phases = new ArrayList<>();
        tallies.clear();
        Instant begin = Instant.now();
        long callsBefore = client.calls();
        // intake-service learns the catalogue from enrolment-service's events: right after a start it may not have yet
        Duration settlingTotal = awaitSettled();

        // intake, in rounds: each person's c-th candidacy, then its formal agreement, then its screening
        int rounds = persons.stream().mapToInt(person -> person.candidacies().size()).max().orElse(0);
        for (int c = 0; c < rounds; c++) {
            int round = c;
            List<Person> applying = persons.stream().filter(person -> person.candidacies().size() > round).toList();
            List<JsonNode> submitted = bulkPhase("candidacies (bulk)", Service.INTAKE, "/candidacies/submissions",
                    keyPrefix + "submissions-r" + c,
                    applying.stream().map(person -> submission(person, person.candidacies().get(round))).toList());
            for (int i = 0; i < applying.size(); i++) {
                candidacyIds[applying.get(i).index()][c] = submitted.get(i).path("candidacyId").asText();
            }
            List<Person> referred = applying.stream()
                    .filter(person -> person.candidacies().get(round).ocmwId() != null).toList();
            singlePhase("formal agreements (OCMW)", referred, person -> {
                Candidacy candidacy = person.candidacies().get(round);
                send("POST", Service.INTAKE, "/candidacies/" + candidacyIds[person.index()][round] + "/formal-agreement",
                        json.createObjectNode().put("agreedOn", candidacy.agreedOn().toString()),
                        ocmw(candidacy.ocmwId()), keyPrefix + person.index() + "-" + round + "-agree");
            });
            bulkPhase("screenings (bulk)", Service.INTAKE, "/screenings", keyPrefix + "screenings-r" + c,
                    applying.stream().map(person -> screening(candidacyIds[person.index()][round],
                            person.candidacies().get(round))).toList());
        }
        phases.addAll(reports("candidacies (bulk)", "formal agreements (OCMW)", "screenings (bulk)"));
        settlingTotal = settlingTotal.plus(awaitSettled());

        // contracts, in rounds: each person's j-th contract in the plan's order (candidacy by candidacy, year by year)
        List<List<int[]>> contractsOf = persons.stream().map(person -> {
            List<int[]> places = new ArrayList<>();
            for (int c = 0; c < person.candidacies().size(); c++) {
                for (int k = 0; k < person.candidacies().get(c).contracts().size(); k++) {
                    places.add(new int[] {c, k});
                }
            }
            return places;
        }).toList();
        int contractRounds = contractsOf.stream().mapToInt(List::size).max().orElse(0);
        for (int j = 0; j < contractRounds; j++) {
            int round = j;
            List<Person> starting = persons.stream().filter(person -> contractsOf.get(person.index()).size() > round)
                    .toList();
            List<JsonNode> started = bulkPhase("contracts (bulk)", Service.ENROLMENT, "/contracts/starts",
                    keyPrefix + "starts-r" + j, starting.stream().map(person -> {
                        int[] place = contractsOf.get(person.index()).get(round);
                        return contractStart(candidacyIds[person.index()][place[0]],
                                person.candidacies().get(place[0]).contracts().get(place[1]));
                    }).toList());
            for (int i = 0; i < starting.size(); i++) {
                int[] place = contractsOf.get(starting.get(i).index()).get(round);
                contractIds[starting.get(i).index()][place[0]][place[1]] = started.get(i).path("id").asText();
                clusterIds[starting.get(i).index()][place[0]][place[1]] = started.get(i).path("clusterId").asText();
            }
        }
        phases.addAll(reports("contracts (bulk)"));
        settlingTotal = settlingTotal.plus(awaitSettled());

        // before the cancellations: a cancelled contract takes corrections only (its costs stay, F9)
        Map<Integer, List<Integer>> costsByPerson = new HashMap<>();
        for (int i = 0; i < plan.costs().size(); i++) {
            costsByPerson.computeIfAbsent(plan.costs().get(i).person(), person -> new ArrayList<>()).add(i);
        }
        String[] costIds = new String[plan.costs().size()];
        List<Person> paying = persons.stream().filter(person -> costsByPerson.containsKey(person.index())).toList();
        // a correction names the entry it corrects: one person's entries in order, by one client
        singlePhase("cost entries", paying, person -> {
            for (int i : costsByPerson.get(person.index())) {
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
        }, costsByPerson.values().stream().mapToInt(List::size).sum());
        phases.addAll(reports("cost entries"));

        // course ends, in rounds: each contract's e-th end (a second session's correction after the first)
        List<int[]> contractPlaces = new ArrayList<>();
        for (Person person : persons) {
            for (int[] place : contractsOf.get(person.index())) {
                contractPlaces.add(new int[] {person.index(), place[0], place[1]});
            }
        }
        int endRounds = contractPlaces.stream().mapToInt(place -> contract(plan, place).ends().size()).max().orElse(0);
        for (int e = 0; e < endRounds; e++) {
            int round = e;
            List<ObjectNode> ends = contractPlaces.stream().filter(place -> contract(plan, place).ends().size() > round)
                    .map(place -> end(contractIds[place[0]][place[1]][place[2]], contract(plan, place).ends().get(round)))
                    .toList();
            bulkPhase("course ends, corrections (bulk)", Service.OUTCOME, "/contracts/ends", keyPrefix + "ends-r" + e,
                    ends);
        }
        List<int[]> cancelled = contractPlaces.stream().filter(place -> contract(plan, place).cancelled()).toList();
        singlePhase("cancellations", cancelled, place -> send("POST", Service.ENROLMENT,
                "/contracts/" + contractIds[place[0]][place[1]][place[2]] + "/cancellation", null, counsellor(),
                keyPrefix + place[0] + "-" + place[1] + "-" + place[2] + "-cancel"));
        phases.addAll(reports("course ends, corrections (bulk)", "cancellations"));

        List<JsonNode> measurements = new ArrayList<>();
        for (int[] place : contractPlaces) {
            Contract contract = contract(plan, place);
            if (contract.measurement() != null) {
                measurements.add(json.createObjectNode().put("clusterId", clusterIds[place[0]][place[1]][place[2]])
                        .put("measuredOn", contract.measurement().measuredOn().toString())
                        .put("atWork", contract.measurement().atWork()));
            }
        }
        bulkPhase("outflow measurements (bulk)", Service.OUTCOME, "/outflow/measurements", keyPrefix + "measurements",
                measurements);
        phases.addAll(reports("outflow measurements (bulk)"));
        Duration driving = Duration.between(begin, Instant.now()).minus(settlingTotal);
        Duration settling = awaitSettled();
        long items = tallies.values().stream().mapToLong(tally -> tally[1]).sum();
        return new Report(persons.size(), client.calls() - callsBefore, driving, settlingTotal.plus(settling), phases,
                items);
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
                        total.isObject() ? outflow(total) : total.asText());
            }
            headlines.put(figure, byYear);
        }
        return headlines;
    }

    /** An outflow total: {@code 56.5 % (5886 of 10410)}, or {@code no closed cluster} for a year without any. */
    private static String outflow(JsonNode total) {
        if (total.path("closedClusters").asLong() == 0 || total.path("rate").isNull()) {
            return "no closed cluster";
        }
        return total.path("rate").asText() + " % (" + total.path("atWork").asText() + " of "
                + total.path("closedClusters").asText() + ")";
    }

    /** stats-service's check of its facts and figures against the event log (GET /stats/reconciliation). */
    public JsonNode reconciliation() {
        try {
            HttpResponse<String> response = client.exchange(client.get(
                    URI.create(baseUrls.get(Service.STATS) + "/stats/reconciliation"), analystToken(),
                    Duration.ofMinutes(10)));
            if (response.statusCode() != 200) {
                throw new DemoFailure("GET /stats/reconciliation → " + response.statusCode() + " " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException | OkotClient.CallFailed e) {
            throw new DemoFailure("GET /stats/reconciliation → " + e);
        }
    }

    // ---------------------------------------------------------------- the items

    /** An item of {@code POST /candidacies/submissions}: the body of {@code POST /candidacies}. */
    private ObjectNode submission(Person person, Candidacy candidacy) {
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
        return body;
    }

    /** An item of {@code POST /screenings}: the body of {@code POST /candidacies/{id}/screening} and the id. */
    private ObjectNode screening(String candidacyId, Candidacy candidacy) {
        ObjectNode screening = json.createObjectNode().put("candidacyId", candidacyId)
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
        return screening;
    }

    /** An item of {@code POST /contracts/starts}: the body of {@code POST /contracts}. */
    private ObjectNode contractStart(String candidacyId, Contract contract) {
        return json.createObjectNode().put("candidacyId", candidacyId)
                .put("trainingCode", contract.trainingCode()).put("province", contract.province())
                .put("school", contract.school()).put("startDate", contract.startDate().toString())
                .put("plannedEndDate", contract.plannedEndDate().toString());
    }

    /** An item of {@code POST /contracts/ends}: the body of {@code PUT /contracts/{id}/end} and the id. */
    private ObjectNode end(String contractId, End end) {
        ObjectNode body = json.createObjectNode().put("contractId", contractId)
                .put("endDate", end.endDate().toString()).put("result", end.result());
        if (end.stopReason() != null) {
            body.put("stopReason", end.stopReason());
        }
        return body;
    }

    private static Contract contract(DemoPlan plan, int[] place) {
        return plan.persons().get(place[0]).candidacies().get(place[1]).contracts().get(place[2]);
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

    /**
     * One call through {@link OkotClient}: sent again while its precondition is on its way or the service is briefly
     * unavailable ({@link RetryPolicy}); any other refusal stops the demo.
     */
    JsonNode send(String method, Service service, String path, JsonNode body, String token, String idempotencyKey) {
        try {
            return client.send(method, URI.create(baseUrls.get(service) + path), body, token, idempotencyKey,
                    SINGLE_TIMEOUT);
        } catch (OkotClient.CallFailed e) {
            throw new DemoFailure(e.getMessage());
        }
    }

    // ---------------------------------------------------------------- phases and settling

    /** Sends {@code items} through a bulk path ({@link BulkSender}), counted in phase {@code name}. */
    private List<JsonNode> bulkPhase(String name, Service service, String path, String keyPrefix,
                                     List<? extends JsonNode> items) {
        long begin = System.nanoTime();
        long callsBefore = client.calls();
        List<JsonNode> accepted = items.isEmpty() ? List.of() : bulk.send("POST " + path, keyPrefix, items,
                (chunk, key) -> {
                    try {
                        return client.send("POST", URI.create(baseUrls.get(service) + path), chunk, counsellor(), key,
                                BULK_TIMEOUT);
                    } catch (OkotClient.CallFailed e) {
                        throw new DemoFailure(e.getMessage());
                    }
                });
        tally(name, client.calls() - callsBefore, items.size(), System.nanoTime() - begin);
        return accepted;
    }

    /** Runs {@code step} for each of {@code items}, {@code parallel} at once; one item each. */
    private <T> void singlePhase(String name, List<T> items, Consumer<T> step) {
        singlePhase(name, items, step, items.size());
    }

    private <T> void singlePhase(String name, List<T> items, Consumer<T> step, int itemCount) {
        long begin = System.nanoTime();
        long callsBefore = client.calls();
        ExecutorService workers = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (T item : items) {
                done.add(workers.submit(() -> step.accept(item)));
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
                    out.printf("  ... %s: %d calls%n", name, client.calls() - callsBefore);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("Interrupted");
        } finally {
            workers.shutdownNow();
        }
        tally(name, client.calls() - callsBefore, itemCount, System.nanoTime() - begin);
    }

    private void tally(String name, long calls, long items, long nanos) {
        long[] tally = tallies.computeIfAbsent(name, n -> new long[3]);
        tally[0] += calls;
        tally[1] += items;
        tally[2] += nanos;
    }

    /** Prints and answers each phase's line: calls, items, seconds, items/s. */
    private List<String> reports(String... names) {
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            long[] tally = tallies.getOrDefault(name, new long[3]);
            double seconds = tally[2] / 1e9;
            String line = String.format("%-34s %7d calls %7d items in %6.1f s (%6.0f items/s)", name, tally[0],
                    tally[1], seconds, tally[1] / Math.max(0.001, seconds));
            out.println("  " + line);
            lines.add(line);
        }
        return lines;
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
                HttpResponse<String> metrics = client.exchange(client.plainGet(
                        URI.create(baseUrls.get(service) + "/q/metrics"), Duration.ofSeconds(10)));
                if (metrics.statusCode() != 200 || pending(metrics.body()) > 0) {
                    return false;
                }
            } catch (IOException e) {
                return false;
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
