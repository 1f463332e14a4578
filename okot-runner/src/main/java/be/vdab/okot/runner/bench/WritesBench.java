package be.vdab.okot.runner.bench;

import be.vdab.okot.events.Topics;
import be.vdab.okot.runner.OkotCli;
import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.demo.Catalogue;
import be.vdab.okot.runner.demo.FreshnessProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * {@code ./okot bench writes}: the write path end to end on the running platform. Each chosen write endpoint, as a
 * pipeline (candidacies → screenings → contracts → course ends → outflow measurements, each phase writing on what
 * the one before created), first at full speed (closed loop) and then at fixed rates (open loop); each load's
 * writes counted by the stats figure they change; beside them, in the same run, the bare endpoint
 * {@code GET /q/health/live} of the same service with the same client and connections, and Kafka's
 * ProducerPerformance; the start-up time and resident memory of each process, the bytes on disk per event and what
 * the load generator itself costs.
 */
@Command(name = "writes", description = {
        "Measures the write path of the running platform (./okot up) end to end. For each endpoint of --endpoints, in",
        "pipeline order (candidacies, screenings, contracts, ends, outflow; each phase writes on what the one before",
        "created, the platform settled in between): first the anchor GET /q/health/live of the same service, closed",
        "loop with --connections clients for --seconds; then the writes closed loop the same way (each client sends",
        "its next call when the previous one answered); then open loop at each of --rates. For every load, the stats",
        "figure the writes change (funnel, starts, diplomas, outflow) is polled until it counts every accepted write:",
        "the end-to-end rate (accepted ÷ time from the first call until counted) and how long after the load stopped",
        "that was. Then Kafka's ProducerPerformance (acks=all, --record-size bytes) on the scratch topic",
        "okot.bench.producer-perf, and the ratios writes/s ÷ bare endpoint and ÷ producer records/s; per process the",
        "time ./okot up took until it was ready, its RSS at rest and its peak during the loads (sampled every 200 ms);",
        "bytes on disk (H2 files, the broker's log directory) per event on the okot.*.v1 topics; the bench's own CPU",
        "time per write. The persons written stay on the platform (serials 010-099, shared with bench freshness).",
        "Exit code 1 when a call failed or a write was not counted in time, 2 when the platform does not answer."})
public final class WritesBench implements Callable<Integer> {

    /**
     * The write endpoints in pipeline order, with the service that answers them and the figure their writes change.
     * Bulk endpoints (POST /screenings, bulk course ends) belong here as entries of their own once they exist: one
     * call carries many items, so their load counts items per second and the pipeline hands each call a block of ids.
     */
    enum Endpoint {
        CANDIDACIES("candidacies", "POST /candidacies", Service.INTAKE, "funnel", null),
        SCREENINGS("screenings", "POST /candidacies/{id}/screening", Service.INTAKE, null, null),
        CONTRACTS("contracts", "POST /contracts", Service.ENROLMENT, "starts", null),
        ENDS("ends", "PUT /contracts/{id}/end", Service.OUTCOME, "diplomas", null),
        OUTFLOW("outflow", "POST /clusters/{id}/outflow", Service.OUTCOME, "outflow", "closedClusters");

        final String option;
        final String call;
        final Service service;
        /** The stats figure whose total counts each accepted write, or null (a screening changes no figure). */
        final String figure;
        /** The field of the total that counts, when the total is an object. */
        final String totalField;

        Endpoint(String option, String call, Service service, String figure, String totalField) {
            this.option = option;
            this.call = call;
            this.service = service;
            this.figure = figure;
            this.totalField = totalField;
        }

        static Endpoint ofOption(String option) {
            return Arrays.stream(values()).filter(endpoint -> endpoint.option.equals(option)).findFirst().orElse(null);
        }
    }

    @CommandLine.Mixin
    BenchOptions options;

    @CommandLine.Mixin
    LocalKafka kafka;

    @Option(names = "--endpoints", split = ",", description = "Write endpoints, a pipeline from the first: candidacies, "
            + "screenings, contracts, ends, outflow (default: ${DEFAULT-VALUE}; a later one needs the ones before it)",
            defaultValue = "candidacies")
    List<String> endpointNames;

    @Option(names = "--connections", description = "Clients of the closed loops, each with its own connection "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "32")
    int connections;

    @Option(names = "--seconds", description = "How long each load runs: each closed loop and each rate "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "10")
    int seconds;

    @Option(names = "--rates", split = ",", description = "Writes per second of the open loops, one run each "
            + "(default: ${DEFAULT-VALUE}; none: --rates '')", defaultValue = "500,1000,2000")
    List<Integer> rates;

    @Option(names = "--max-closed-writes", description = "A closed loop stops after this many writes even before "
            + "--seconds (persons are reserved for it; the unused ones are given back) (default: ${DEFAULT-VALUE})",
            defaultValue = "50000")
    int maxClosedWrites;

    @Option(names = "--warmup-seconds", description = "Candidacies closed loop before the measured loads, not "
            + "counted (0: none) (default: ${DEFAULT-VALUE})", defaultValue = "5")
    int warmupSeconds;

    @Option(names = "--max-in-flight", description = "Calls open at once at most in an open loop (default: "
            + "${DEFAULT-VALUE})", defaultValue = "256")
    int maxInFlight;

    @Option(names = "--day", description = "Submission day of the candidacies; the funnel of its month is polled "
            + "(default: a day of the year five years ago that no earlier bench run used)")
    LocalDate day;

    @Option(names = "--timeout", description = "Seconds after a load stopped to wait for the figure to count every "
            + "accepted write (default: ${DEFAULT-VALUE})", defaultValue = "60")
    int timeoutSeconds;

    @Option(names = "--poll-millis", description = "Pause between two reads of the figure (default: ${DEFAULT-VALUE})",
            defaultValue = "10")
    int pollMillis;

    @Option(names = "--producer-records", description = "Records ProducerPerformance sends (default: ${DEFAULT-VALUE}; "
            + "0: no producer anchor)", defaultValue = "300000")
    long producerRecords;

    @Option(names = "--record-size", description = "Bytes per ProducerPerformance record, about an event's value with "
            + "its CloudEvents headers (default: ${DEFAULT-VALUE})", defaultValue = "700")
    int recordSize;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One load on one endpoint: what was called, how fast, what the figure counted, what the client's CPU took. */
    record Load(String label, Latencies latencies, double ratePerSecond, long accepted, EndToEnd endToEnd,
                long clientCpuNanos) {

        /** The client's CPU time per call made, in microseconds; NaN without calls. */
        double clientCpuMicrosPerCall() {
            long calls = latencies.count() + latencies.errorCount();
            return calls == 0 ? Double.NaN : clientCpuNanos / 1e3 / calls;
        }
    }

    /** Everything measured on one endpoint. */
    record EndpointResult(Endpoint endpoint, Load anchor, List<Load> loads, String figureQuery) {

        Load closedLoop() {
            return loads.get(0);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<Service, Load> anchors = new EnumMap<>(Service.class);

    @Override
    public Integer call() throws Exception {
        List<Endpoint> endpoints = selectedEndpoints();
        if (connections < 1 || seconds < 1 || rates.stream().anyMatch(rate -> rate < 1) || maxClosedWrites < 1
                || maxInFlight < 1 || timeoutSeconds < 1 || pollMillis < 0 || producerRecords < 0 || recordSize < 1
                || warmupSeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--connections, --seconds, --rates, "
                    + "--max-closed-writes, --max-in-flight, --timeout, --record-size ≥ 1; --poll-millis, "
                    + "--producer-records, --warmup-seconds ≥ 0");
        }
        String bootstrapServers = kafka.bootstrapServers(spec.commandLine());
        BenchOptions.Target target = options.connect(spec.commandLine());
        if (target == null) {
            return 2;
        }
        Path state = OkotCli.stateDir();
        Map<String, Duration> startup = StartupTimes.read(state.resolve(StartupTimes.FILE));
        Map<String, Long> restKb = ResourceSampler.now();
        Progress progress = Progress.onStandardError();
        Pipeline pipeline = new Pipeline(endpoints, day != null ? day : FreshnessBench.nextDay(),
                FreshnessProbe.oneYearCourse(target.driver().catalogue()), Long.toString(System.currentTimeMillis(), 36));
        progress.say(String.format("Writes: %s; closed loop %d clients and open loop at %s/s, %d s each; "
                + "candidacies submitted on %s", endpoints.stream().map(endpoint -> endpoint.option).toList(),
                connections, rates, seconds, pipeline.submittedOn));

        List<EndpointResult> results = new ArrayList<>();
        Map<String, Long> peakKb;
        try (ResourceSampler sampler = ResourceSampler.start(200)) {
            for (Endpoint endpoint : endpoints) {
                if (endpoint != Endpoint.CANDIDACIES) {
                    Progress.Task settling = progress.start("settling before " + endpoint.call, 0);
                    target.driver().awaitSettled(); // the events of the phase before reached every service
                    settling.done("");
                }
                results.add(measure(endpoint, pipeline, target, progress));
            }
            peakKb = sampler.peakKilobytes();
        } finally {
            pipeline.giveBackPersons(state);
        }

        Progress.Task settling = progress.start("settling before the disk is measured", 0);
        target.driver().awaitSettled();
        settling.done("");
        ConsumerPerfAnchor counter = new ConsumerPerfAnchor(bootstrapServers, ConsumerPerfAnchor.runnerLib());
        long events = counter.recordsOn(Topics.ALL).values().stream().mapToLong(Long::longValue).sum();
        DiskUsage disk = DiskUsage.measure(state.resolve("data"), ResourceSampler.PROCESSES.subList(1, 5),
                state.resolve("kafka"), ProducerPerfAnchor.TOPIC, events);

        ProducerPerfAnchor.Run producer = null;
        if (producerRecords > 0) {
            ProducerPerfAnchor tool = new ProducerPerfAnchor(bootstrapServers, ConsumerPerfAnchor.runnerLib());
            tool.createTopic(tool.partitionsOf(Topics.INTAKE));
            Progress.Task task = progress.start("anchor: ProducerPerformance, " + producerRecords + " records of "
                    + recordSize + " B, acks=all", 0);
            producer = tool.send(producerRecords, recordSize);
            task.done(String.format(Locale.ROOT, "%,.0f records/s", producer.recordsPerSecond()));
        }

        Report report = new Report(results, producer, startup, restKb, peakKb, disk);
        if (options.json) {
            BenchOptions.printJson(report.json());
        } else {
            System.out.print(report.render());
        }
        boolean clean = results.stream().allMatch(result -> result.anchor().latencies().errorCount() == 0
                && result.loads().stream().allMatch(load -> load.latencies().errorCount() == 0
                && (load.endToEnd() == null || load.endToEnd().counted())));
        return clean ? 0 : 1;
    }

    private List<Endpoint> selectedEndpoints() {
        List<Endpoint> selected = new ArrayList<>();
        for (String name : endpointNames) {
            Endpoint endpoint = Endpoint.ofOption(name.strip());
            if (endpoint == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Unknown endpoint " + name
                        + ": use candidacies, screenings, contracts, ends or outflow");
            }
            selected.add(endpoint);
        }
        selected = selected.stream().distinct().sorted().toList();
        if (selected.isEmpty() || selected.get(selected.size() - 1).ordinal() != selected.size() - 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--endpoints is a pipeline from candidacies: "
                    + "each endpoint needs the ones before it (e.g. candidacies,screenings,contracts)");
        }
        return selected;
    }

    /** The anchor (once per service), the closed loop, then each rate, on one endpoint. */
    private EndpointResult measure(Endpoint endpoint, Pipeline pipeline, BenchOptions.Target target, Progress progress) {
        BenchClient client = target.client();
        Load anchor = anchors.computeIfAbsent(endpoint.service, service -> {
            Latencies latencies = new Latencies();
            var live = client.get(service, "/q/health/live", null);
            Progress.Task task = progress.start("anchor GET " + service.moduleName + " /q/health/live, closed "
                    + connections, 0);
            long cpu = cpuNanos();
            ClosedLoop.Result run = ClosedLoop.run(connections, Duration.ofSeconds(seconds), Integer.MAX_VALUE,
                    index -> client.sendAsync(live), latencies, task);
            task.done(String.format(Locale.ROOT, "%,.0f/s", run.ratePerSecond()));
            return new Load("closed " + connections, latencies, run.ratePerSecond(), run.successes(), null,
                    cpuNanos() - cpu);
        });
        String figureQuery = endpoint.figure == null ? null : pipeline.figureQuery(endpoint);
        List<Load> loads = new ArrayList<>();

        int openLoopNeed = pipeline.openLoopNeed(rates, seconds);
        if (endpoint == Endpoint.CANDIDACIES) {
            pipeline.reservePersons((warmupSeconds > 0 ? 2 * maxClosedWrites : maxClosedWrites) + openLoopNeed);
            if (warmupSeconds > 0) {
                warmUp(endpoint, pipeline, client, target, progress);
            }
        }
        // on a later phase the ids are the ones the phase before created: the open loops keep what they need of
        // them, but at most half, so that the closed loop has some too; an open loop short of ids runs shorter
        int available = pipeline.available(endpoint);
        int closedCalls = Math.min(maxClosedWrites, available - Math.min(openLoopNeed, available / 2));
        if (closedCalls > 0) {
            int base = pipeline.start(endpoint);
            IntFunction<CompletableFuture<BenchClient.Answer>> call = pipeline.call(endpoint, base, client, target);
            FunnelPoller poller = poller(endpoint, figureQuery, client, target);
            Latencies latencies = new Latencies();
            Progress.Task task = progress.start(endpoint.call + " closed " + connections, 0);
            long cpu = cpuNanos();
            ClosedLoop.Result run = withPoller(poller, () -> ClosedLoop.run(connections, Duration.ofSeconds(seconds),
                    closedCalls, call, latencies, task));
            long cpuTaken = cpuNanos() - cpu;
            pipeline.used(endpoint, (int) (run.successes() + run.errors()));
            task.done(String.format(Locale.ROOT, "%,.0f/s", run.ratePerSecond()));
            EndToEnd endToEnd = counted(poller, run.successes(), run.startNanos(), run.stoppedNanos(), progress,
                    endpoint);
            loads.add(new Load("closed " + connections, latencies, run.ratePerSecond(), run.successes(), endToEnd,
                    cpuTaken));
        }
        for (int rate : rates) {
            available = pipeline.available(endpoint);
            int count = new OpenLoop.Schedule(rate, Duration.ofSeconds(seconds)).count();
            if (endpoint != Endpoint.CANDIDACIES && available < count) {
                count = available;
            }
            if (count < 1) {
                progress.say("  " + endpoint.call + " at " + rate + "/s: nothing left to write on (the phase before "
                        + "accepted too few)");
                continue;
            }
            OpenLoop.Schedule schedule = new OpenLoop.Schedule(rate, Duration.ofNanos(Math.round(count * 1e9 / rate)));
            int base = pipeline.start(endpoint);
            IntFunction<CompletableFuture<BenchClient.Answer>> call = pipeline.call(endpoint, base, client, target);
            FunnelPoller poller = poller(endpoint, figureQuery, client, target);
            Latencies latencies = new Latencies();
            Progress.Task task = progress.start(endpoint.call + " at " + rate + "/s", schedule.count());
            long cpu = cpuNanos();
            OpenLoop.Result run = withPoller(poller, () -> OpenLoop.run(schedule, maxInFlight, call, latencies, task,
                    Duration.ofSeconds(options.requestTimeoutSeconds + 5L)));
            long cpuTaken = cpuNanos() - cpu;
            pipeline.used(endpoint, schedule.count());
            task.done(String.format(Locale.ROOT, "%,.0f/s, p99 %s ms", run.achievedRate(),
                    PercentileTable.millis(latencies.percentileMillis(99))));
            long[] answered = run.successTimes();
            long stopped = answered.length == 0 ? run.startNanos() : answered[answered.length - 1];
            EndToEnd endToEnd = counted(poller, run.successes(), run.startNanos(), stopped, progress, endpoint);
            loads.add(new Load("open " + rate + "/s", latencies, run.achievedRate(), run.successes(), endToEnd,
                    cpuTaken));
        }
        return new EndpointResult(endpoint, anchor, loads, figureQuery);
    }

    /**
     * Candidacies closed loop for {@code --warmup-seconds}, not measured (the services' JIT and pools warm up, as
     * in a service that has been running), then a wait until the platform settled, so the figure's count before
     * the measured load holds them all. They are new candidacies like the others, and the screenings use them.
     */
    private void warmUp(Endpoint endpoint, Pipeline pipeline, BenchClient client, BenchOptions.Target target,
                        Progress progress) {
        int base = pipeline.start(endpoint);
        Progress.Task task = progress.start(endpoint.call + " warm-up, closed " + connections, 0);
        ClosedLoop.Result run = ClosedLoop.run(connections, Duration.ofSeconds(warmupSeconds), maxClosedWrites,
                pipeline.call(endpoint, base, client, target), new Latencies(), task);
        pipeline.used(endpoint, (int) (run.successes() + run.errors()));
        task.done(String.format(Locale.ROOT, "%,.0f/s (not counted)", run.ratePerSecond()));
        Progress.Task settling = progress.start("settling after the warm-up", 0);
        target.driver().awaitSettled();
        settling.done("");
    }

    private FunnelPoller poller(Endpoint endpoint, String figureQuery, BenchClient client, BenchOptions.Target target) {
        return endpoint.figure == null ? null : new FunnelPoller(client, target.driver().analystToken(), endpoint.figure,
                figureQuery, endpoint.totalField, pollMillis);
    }

    /** Runs {@code load} while {@code poller} (if any) reads the figure on a thread of its own. */
    private static <T> T withPoller(FunnelPoller poller, java.util.function.Supplier<T> load) {
        if (poller == null) {
            return load.get();
        }
        poller.start(poller.readCount());
        return load.get();
    }

    /** Waits until the figure counts {@code accepted} more than before the load, then stops the poller. */
    private EndToEnd counted(FunnelPoller poller, long accepted, long start, long stopped, Progress progress,
                             Endpoint endpoint) {
        if (poller == null) {
            return null;
        }
        Progress.Task task = progress.start("  until /stats/" + endpoint.figure + " counts them", accepted);
        try {
            poller.awaitCount(poller.before(), poller.before() + accepted, Duration.ofSeconds(timeoutSeconds), task);
        } finally {
            poller.stopAndJoin();
        }
        EndToEnd endToEnd = EndToEnd.of(accepted, start, stopped, poller.observations(), poller.before());
        task.done(endToEnd.counted() ? String.format(Locale.ROOT, "%.0f ms after the load stopped",
                endToEnd.countedAfterStopMillis()) : "not all counted");
        return endToEnd;
    }

    /** This JVM's CPU time (all threads: the clients, the HTTP client's selector, the figure poller), in ns. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The pipeline's state: the persons of the candidacies, and what each phase created for the next one
     * (candidacy ids for the screenings, approved candidacy ids for the contracts, contract ids for the ends,
     * closed cluster ids for the outflow). Dates: submitted and screened on the day, started two weeks later,
     * ended (passed) 40 weeks after the start, measured three months after the end.
     */
    private final class Pipeline {
        final LocalDate submittedOn;
        final Catalogue.Course course;
        final String run;
        private int firstPerson = -1;
        private int reservedPersons;
        private int usedPersons;
        /** Per phase: the ids it writes on (from the phase before), and how many of them it used. */
        private final Map<Endpoint, List<String>> inputs = new EnumMap<>(Endpoint.class);
        private final Map<Endpoint, Integer> consumed = new EnumMap<>(Endpoint.class);
        /** Per call of the running phase: what its answer created for the next phase. */
        private final Map<Endpoint, String[]> outputs = new EnumMap<>(Endpoint.class);

        private final List<Endpoint> selected;

        Pipeline(List<Endpoint> selected, LocalDate submittedOn, Catalogue.Course course, String run) {
            this.selected = selected;
            this.submittedOn = submittedOn;
            this.course = course;
            this.run = run;
        }

        LocalDate screenedOn() {
            return submittedOn;
        }

        LocalDate startDate() {
            return submittedOn.plusWeeks(2);
        }

        LocalDate endDate() {
            return startDate().plusWeeks(40);
        }

        LocalDate measuredOn() {
            return endDate().plusMonths(3);
        }

        /** The figure's period: the month of the writes' date (for outflow the year of the measurement date). */
        String figureQuery(Endpoint endpoint) {
            return switch (endpoint) {
                case CANDIDACIES -> FreshnessBench.monthOf(submittedOn);
                case CONTRACTS -> FreshnessBench.monthOf(startDate());
                case ENDS -> FreshnessBench.monthOf(endDate());
                // F4 selects a cluster by its measurement date (its end + 3 months), figures.md
                case OUTFLOW -> "year=" + endDate().plusMonths(3).getYear();
                case SCREENINGS -> null;
            };
        }

        void reservePersons(int count) {
            firstPerson = BenchPersons.take(BenchPersons.counter(OkotCli.stateDir()), count);
            reservedPersons = count;
        }

        void giveBackPersons(Path state) {
            if (firstPerson >= 0) {
                BenchPersons.giveBack(BenchPersons.counter(state), firstPerson, reservedPersons, usedPersons);
            }
        }

        /** How many calls the endpoint can still make (persons for candidacies, ids from the phase before). */
        int available(Endpoint endpoint) {
            if (endpoint == Endpoint.CANDIDACIES) {
                return firstPerson < 0 ? Integer.MAX_VALUE : reservedPersons - usedPersons;
            }
            return inputs.computeIfAbsent(endpoint, this::collect).size() - consumed.getOrDefault(endpoint, 0);
        }

        /** The writes the open loops of one endpoint need. */
        int openLoopNeed(List<Integer> rates, int seconds) {
            return rates.stream().mapToInt(rate -> new OpenLoop.Schedule(rate, Duration.ofSeconds(seconds)).count())
                    .sum();
        }

        /** The index of the next unused person or id of the endpoint: the base of the next load. */
        int start(Endpoint endpoint) {
            return endpoint == Endpoint.CANDIDACIES ? usedPersons : consumed.getOrDefault(endpoint, 0);
        }

        void used(Endpoint endpoint, int calls) {
            if (endpoint == Endpoint.CANDIDACIES) {
                usedPersons += calls;
            } else {
                consumed.merge(endpoint, calls, Integer::sum);
            }
        }

        /** The ids the phase before created, in the order of its calls. */
        private List<String> collect(Endpoint endpoint) {
            String[] created = outputs.getOrDefault(Endpoint.values()[endpoint.ordinal() - 1], new String[0]);
            return Arrays.stream(created).filter(id -> id != null).toList();
        }

        /** Call {@code base + index} of the endpoint: its request, sent, its answer's id kept for the next phase. */
        IntFunction<CompletableFuture<BenchClient.Answer>> call(Endpoint endpoint, int base, BenchClient client,
                                                                BenchOptions.Target target) {
            String counsellor = target.driver().counsellor();
            // the answers are read only when the next phase needs what they created
            boolean keep = endpoint.ordinal() < Endpoint.values().length - 1
                    && selected.contains(Endpoint.values()[endpoint.ordinal() + 1]);
            String[] created = keep ? outputs.compute(endpoint, (key, old) -> grow(old, base + maxCalls(endpoint)))
                    : null;
            List<String> input = endpoint == Endpoint.CANDIDACIES ? null : inputs.get(endpoint);
            return index -> {
                int item = base + index;
                String key = "bench-" + run + "-" + endpoint.option + "-" + item;
                var request = switch (endpoint) {
                    case CANDIDACIES -> client.post(Service.INTAKE, "/candidacies", FreshnessBench.candidacy(run,
                            firstPerson + item, course.code(), submittedOn), counsellor, key);
                    case SCREENINGS -> client.post(Service.INTAKE, "/candidacies/" + input.get(item) + "/screening",
                            screening(), counsellor, key);
                    case CONTRACTS -> client.post(Service.ENROLMENT, "/contracts", contract(input.get(item)),
                            counsellor, key);
                    case ENDS -> client.put(Service.OUTCOME, "/contracts/" + input.get(item) + "/end", end(),
                            counsellor);
                    case OUTFLOW -> client.post(Service.OUTCOME, "/clusters/" + input.get(item) + "/outflow",
                            measurement(), counsellor, key);
                };
                CompletableFuture<BenchClient.Answer> answer = client.sendAsync(request);
                if (!keep) {
                    return answer;
                }
                return answer.thenApply(result -> {
                    if (result.ok()) {
                        created[item] = switch (endpoint) {
                            case SCREENINGS -> input.get(item); // the candidacy, now approved
                            case ENDS -> field(result, "clusterId"); // closed by its only contract's end
                            default -> field(result, "id");
                        };
                    }
                    return result;
                });
            };
        }

        private int maxCalls(Endpoint endpoint) {
            return endpoint == Endpoint.CANDIDACIES ? reservedPersons : available(endpoint);
        }

        private String[] grow(String[] old, int size) {
            if (old == null) {
                return new String[size];
            }
            return old.length >= size ? old : Arrays.copyOf(old, size);
        }

        private String field(BenchClient.Answer answer, String name) {
            try {
                return json.readTree(answer.body()).path(name).asText(null);
            } catch (Exception e) {
                return null;
            }
        }

        private JsonNode screening() {
            ObjectNode screening = json.createObjectNode().put("motivation", "SUFFICIENT").put("fitsPathToWork", true)
                    .put("learningAbility", "SUFFICIENT").put("decision", "APPROVED")
                    .put("screenedOn", screenedOn().toString()).put("probableStartDate", startDate().toString())
                    .put("probableLocation", "Bench school");
            screening.putObject("preconditions").put("financial", "OK").put("mobility", "OK").put("childcare", "OK");
            return screening;
        }

        private JsonNode contract(String candidacyId) {
            return json.createObjectNode().put("candidacyId", candidacyId)
                    .put("trainingCode", course.trainingYears().get(0).code()).put("province", "ANT")
                    .put("school", "Bench school").put("startDate", startDate().toString())
                    .put("plannedEndDate", endDate().toString());
        }

        private JsonNode end() {
            return json.createObjectNode().put("endDate", endDate().toString()).put("result", "PASSED");
        }

        private JsonNode measurement() {
            return json.createObjectNode().put("measuredOn", measuredOn().toString()).put("atWork", true);
        }
    }

    /** The printed and JSON results. */
    record Report(List<EndpointResult> endpoints, ProducerPerfAnchor.Run producer, Map<String, Duration> startup,
                  Map<String, Long> restKb, Map<String, Long> peakKb, DiskUsage disk) {

        String render() {
            StringBuilder text = new StringBuilder();
            PercentileTable table = PercentileTable.withLabelsAndRate("endpoint", "load");
            for (EndpointResult result : endpoints) {
                table.add(result.anchor().latencies(), result.anchor().ratePerSecond(),
                        "anchor GET " + result.endpoint().service.moduleName + " /q/health/live", result.anchor().label());
                for (Load load : result.loads()) {
                    table.add(load.latencies(), load.ratePerSecond(), result.endpoint().call, load.label());
                }
            }
            text.append(String.format(Locale.ROOT, "%nCalls (closed loop: latency from sending; open loop: from the "
                    + "due time):%n")).append(table.render());

            text.append(String.format(Locale.ROOT, "%nEnd to end, counted by stats (accepted writes ÷ time from the "
                    + "first call until the figure counted the last one):%n"));
            text.append(String.format(Locale.ROOT, "  %-34s %-11s %9s %9s %12s %16s %13s%n", "endpoint", "load",
                    "accepted", "calls/s", "end-to-end/s", "counted after", "client CPU/call"));
            for (EndpointResult result : endpoints) {
                for (Load load : result.loads()) {
                    EndToEnd endToEnd = load.endToEnd();
                    String after = endToEnd == null ? "-" : endToEnd.counted()
                            ? String.format(Locale.ROOT, "%.0f ms", endToEnd.countedAfterStopMillis()) : "not counted";
                    String rate = endToEnd == null || !endToEnd.counted() ? "-"
                            : String.format(Locale.ROOT, "%.1f", endToEnd.ratePerSecond());
                    text.append(String.format(Locale.ROOT, "  %-34s %-11s %9d %9.1f %12s %16s %10.0f µs%n",
                            result.endpoint().call, load.label(), load.accepted(), load.ratePerSecond(), rate, after,
                            load.clientCpuMicrosPerCall()));
                }
                if (result.figureQuery() != null) {
                    text.append(String.format(Locale.ROOT, "    (figure: /stats/%s?%s)%n", result.endpoint().figure,
                            result.figureQuery()));
                }
            }

            text.append(String.format(Locale.ROOT, "%nAnchors and ratios (closed loops, same run):%n"));
            if (producer != null) {
                text.append(String.format(Locale.ROOT, "  Kafka ProducerPerformance (acks=all): %,d records, %,.0f "
                                + "records/s, %.1f MB/s, latency avg %.1f ms, p50 %d ms, p99 %d ms%n", producer.records(),
                        producer.recordsPerSecond(), producer.megabytesPerSecond(), producer.averageMillis(),
                        producer.p50Millis(), producer.p99Millis()));
            }
            for (EndpointResult result : endpoints) {
                if (result.loads().isEmpty() || !result.loads().get(0).label().startsWith("closed")) {
                    continue;
                }
                double writes = result.closedLoop().ratePerSecond();
                text.append(String.format(Locale.ROOT, "  %-34s %,9.1f writes/s = %5.2f %% of the bare endpoint (%,.0f "
                                + "req/s)%s%n", result.endpoint().call, writes, 100 * writes / result.anchor().ratePerSecond(),
                        result.anchor().ratePerSecond(), producer == null ? "" : String.format(Locale.ROOT,
                                ", %.2f %% of the producer's records/s", 100 * writes / producer.recordsPerSecond())));
            }

            text.append(String.format(Locale.ROOT, "%nProcesses:%n  %-18s %14s %12s %14s %12s%n", "process",
                    "ready after up", "RSS at rest", "RSS peak load", "database"));
            for (String process : ResourceSampler.PROCESSES) {
                Duration ready = startup.get(process);
                Long database = disk.databaseBytes().get(process);
                text.append(String.format(Locale.ROOT, "  %-18s %14s %12s %14s %12s%n", process,
                        ready == null ? "unknown" : String.format(Locale.ROOT, "%.1f s", ready.toMillis() / 1000.0),
                        megabytes(restKb.get(process), 1024), megabytes(peakKb.get(process), 1024),
                        process.equals("kafka") ? megabytes(disk.brokerBytes(), 1 << 20) + " log"
                                : megabytes(database, 1 << 20)));
            }
            text.append(String.format(Locale.ROOT, "%nOn disk: databases %s + broker %s = %s for %,d events on "
                            + "okot.*.v1: %,.0f bytes per event (databases %,.0f, broker %,.0f)%n",
                    megabytes(disk.databasesBytes(), 1 << 20), megabytes(disk.brokerBytes(), 1 << 20),
                    megabytes(disk.totalBytes(), 1 << 20), disk.events(), disk.bytesPerEvent(),
                    disk.databaseBytesPerEvent(), disk.brokerBytesPerEvent()));
            return text.toString();
        }

        private static String megabytes(Long amount, long unitsPerMegabyte) {
            return amount == null ? "-" : String.format(Locale.ROOT, "%.0f MB", amount / (double) unitsPerMegabyte);
        }

        ObjectNode json() {
            ObjectNode root = JsonNodeFactory.instance.objectNode().put("bench", "writes");
            ArrayNode rows = root.putArray("endpoints");
            for (EndpointResult result : endpoints) {
                ObjectNode row = rows.addObject().put("endpoint", result.endpoint().call)
                        .put("service", result.endpoint().service.moduleName);
                if (result.figureQuery() != null) {
                    row.put("figure", "/stats/" + result.endpoint().figure + "?" + result.figureQuery());
                }
                writeLoad(row.putObject("anchor").put("path", "GET /q/health/live"), result.anchor());
                ArrayNode loads = row.putArray("loads");
                result.loads().forEach(load -> writeLoad(loads.addObject(), load));
                if (!result.loads().isEmpty() && result.closedLoop().label().startsWith("closed")) {
                    double writes = result.closedLoop().ratePerSecond();
                    row.put("closedLoopShareOfBareEndpoint", writes / result.anchor().ratePerSecond());
                    if (producer != null) {
                        row.put("closedLoopShareOfProducerPerf", writes / producer.recordsPerSecond());
                    }
                }
            }
            if (producer != null) {
                root.putObject("producerPerformance").put("topic", ProducerPerfAnchor.TOPIC).put("acks", "all")
                        .put("records", producer.records()).put("recordsPerSecond", producer.recordsPerSecond())
                        .put("megabytesPerSecond", producer.megabytesPerSecond())
                        .put("averageLatencyMillis", producer.averageMillis()).put("p50Millis", producer.p50Millis())
                        .put("p99Millis", producer.p99Millis());
            }
            ObjectNode processes = root.putObject("processes");
            for (String process : ResourceSampler.PROCESSES) {
                ObjectNode node = processes.putObject(process);
                if (startup.containsKey(process)) {
                    node.put("readyAfterUpMillis", startup.get(process).toMillis());
                }
                if (restKb.containsKey(process)) {
                    node.put("rssAtRestKb", restKb.get(process));
                }
                if (peakKb.containsKey(process)) {
                    node.put("rssPeakKb", peakKb.get(process));
                }
                if (disk.databaseBytes().containsKey(process)) {
                    node.put("databaseBytes", disk.databaseBytes().get(process));
                }
            }
            root.putObject("disk").put("databasesBytes", disk.databasesBytes()).put("brokerBytes", disk.brokerBytes())
                    .put("events", disk.events()).put("bytesPerEvent", disk.bytesPerEvent())
                    .put("databaseBytesPerEvent", disk.databaseBytesPerEvent())
                    .put("brokerBytesPerEvent", disk.brokerBytesPerEvent());
            return root;
        }

        private static void writeLoad(ObjectNode node, Load load) {
            load.latencies().writeTo(node.put("load", load.label()).put("ratePerSecond", load.ratePerSecond())
                    .put("accepted", load.accepted()).put("clientCpuMicrosPerCall", load.clientCpuMicrosPerCall()));
            if (load.endToEnd() != null) {
                node.put("counted", load.endToEnd().counted());
                if (load.endToEnd().counted()) {
                    node.put("endToEndPerSecond", load.endToEnd().ratePerSecond())
                            .put("countedAfterStopMillis", load.endToEnd().countedAfterStopMillis());
                }
            }
        }
    }
}
