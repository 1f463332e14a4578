package be.vdab.okot.runner.bench;

import be.vdab.okot.runner.FreshnessCommand;
import be.vdab.okot.runner.OkotCli;
import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.demo.FreshnessProbe;
import be.vdab.okot.runner.demo.PopulationBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./okot bench freshness}: candidacies written at fixed rates, open loop, through intake's public API, and
 * how long until stats-service's funnel of their month counts them; beside it the anchor {@code GET /q/health/live} of
 * intake-service at the same rate.
 */
@Command(name = "freshness", description = "For each rate: first the anchor, GET /q/health/live of intake-service "
        + "at that rate; then new candidacies (POST /candidacies, a new person each, submitted on --day) at that rate, "
        + "open loop (each call is due at its time and its latency counts from then, so a stall is not hidden), while "
        + "one client polls the funnel of that day's month on stats-service (its live aggregate). Prints the achieved "
        + "write rate, write latency and freshness: from a write's answer until the funnel counted as many writes as "
        + "had been answered. The persons "
        + "stay on the platform (national register serials 010–099, which the demo and the probes never use). "
        + "Exit code 1 when any call failed or a write was not counted in time.")
public final class FreshnessBench implements Callable<Integer> {

    /** Serials 010–099: the demo takes 100–997, the freshness probes 998, the propagation probes 999. */
    static final int FIRST_SERIAL = 10;
    static final int SERIALS = 90;
    /** Bench persons before one comes round again: every birth date of the probes with every bench serial. */
    static final int PERSONS = FreshnessProbe.PROBE_PERSONS * SERIALS;

    @CommandLine.Mixin
    BenchOptions options;

    @Option(names = "--rates", split = ",", description = "Writes per second, one run each (default: ${DEFAULT-VALUE})",
            defaultValue = "50,200,500")
    List<Integer> rates;

    @Option(names = "--seconds", description = "How long each rate runs, and its anchor (default: ${DEFAULT-VALUE})",
            defaultValue = "10")
    int seconds;

    @Option(names = "--day", description = "Submission day of the candidacies; the funnel of its month is polled "
            + "(default: a day of the year five years ago that no earlier run used; keep other writes out of that "
            + "month during the run)")
    LocalDate day;

    @Option(names = "--timeout", description = "Seconds after the last answer to wait for the funnel to count every "
            + "write; the writes not counted by then are errors (default: ${DEFAULT-VALUE})", defaultValue = "60")
    int timeoutSeconds;

    @Option(names = "--max-in-flight", description = "Calls open at once at most; a call due while all are open waits, "
            + "and its wait counts (default: ${DEFAULT-VALUE})", defaultValue = "256")
    int maxInFlight;

    @Option(names = "--poll-millis", description = "Pause between two funnel reads (default: ${DEFAULT-VALUE})",
            defaultValue = "10")
    int pollMillis;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What was measured at one rate. */
    record RateResult(int rate, Latencies anchor, double anchorRate, Latencies writes, double writeRate,
                      Latencies freshness, Latencies funnelQueries) {
    }

    @Override
    public Integer call() throws Exception {
        if (rates.isEmpty() || rates.stream().anyMatch(rate -> rate < 1) || seconds < 1 || timeoutSeconds < 1
                || maxInFlight < 1 || pollMillis < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--rates ≥ 1 each, --seconds ≥ 1, --timeout ≥ 1, --max-in-flight ≥ 1, --poll-millis ≥ 0");
        }
        BenchOptions.Target target = options.connect(spec.commandLine());
        if (target == null) {
            return 2;
        }
        LocalDate submittedOn = day != null ? day : nextDay();
        String course = FreshnessProbe.oneYearCourse(target.driver().catalogue()).code();
        int writes = rates.stream().mapToInt(rate -> new OpenLoop.Schedule(rate, Duration.ofSeconds(seconds)).count()).sum();
        int firstPerson = FreshnessCommand.takePersons(OkotCli.stateDir().resolve("bench-next-person"), writes, PERSONS);
        String run = Long.toString(System.currentTimeMillis(), 36);
        Progress progress = Progress.onStandardError();
        progress.say(String.format("Freshness: rates %s/s, %d s each, candidacies submitted on %s, funnel %s", rates,
                seconds, submittedOn, monthOf(submittedOn)));

        List<RateResult> results = new ArrayList<>();
        int person = firstPerson;
        for (int rate : rates) {
            results.add(measure(target, rate, submittedOn, course, run, person, progress));
            person += new OpenLoop.Schedule(rate, Duration.ofSeconds(seconds)).count();
        }

        if (options.json) {
            BenchOptions.printJson(json(results, submittedOn));
        } else {
            PercentileTable table = PercentileTable.withLabelsAndRate("target/s", "measured");
            for (RateResult result : results) {
                String rate = Integer.toString(result.rate());
                table.add(result.anchor(), result.anchorRate(), rate, "anchor: GET intake /q/health/live");
                table.add(result.writes(), result.writeRate(), rate, "write: POST /candidacies (from due time)");
                table.add(result.freshness(), rate, "freshness: answered → counted by funnel");
                table.add(result.funnelQueries(), rate, "  (funnel read while polling)");
            }
            System.out.printf("Open loop, %d s per rate, at most %d calls open; candidacies of %s, counted by "
                    + "/stats/funnel?%s:%n", seconds, maxInFlight, submittedOn, monthOf(submittedOn));
            System.out.print(table.render());
        }
        boolean clean = results.stream().allMatch(result -> result.anchor().errorCount() == 0
                && result.writes().errorCount() == 0 && result.freshness().errorCount() == 0);
        return clean ? 0 : 1;
    }

    private RateResult measure(BenchOptions.Target target, int rate, LocalDate submittedOn, String course, String run,
                               int firstPerson, Progress progress) {
        BenchClient client = target.client();
        OpenLoop.Schedule schedule = new OpenLoop.Schedule(rate, Duration.ofSeconds(seconds));
        Duration drain = Duration.ofSeconds(options.requestTimeoutSeconds + 5L);

        Latencies anchor = new Latencies();
        HttpRequest live = client.get(Service.INTAKE, "/q/health/live", null);
        Progress.Task anchorTask = progress.start(rate + "/s anchor GET /q/health/live", schedule.count());
        OpenLoop.Result anchorRun = OpenLoop.run(schedule, maxInFlight, index -> client.sendAsync(live), anchor,
                anchorTask, drain);
        anchorTask.done(String.format(Locale.ROOT, "%.1f/s, p99 %s ms", anchorRun.achievedRate(),
                PercentileTable.millis(anchor.percentileMillis(99))));

        FunnelPoller poller = new FunnelPoller(client, target.driver().analystToken(), monthOf(submittedOn), pollMillis);
        long before = poller.readCount();
        Latencies writes = new Latencies();
        String counsellor = target.driver().counsellor();
        Progress.Task writeTask = progress.start(rate + "/s writes POST /candidacies", schedule.count());
        Thread polling = new Thread(poller, "funnel-poller");
        polling.setDaemon(true);
        polling.start();
        OpenLoop.Result writeRun;
        try {
            writeRun = OpenLoop.run(schedule, maxInFlight, index -> client.sendAsync(client.post(Service.INTAKE,
                    "/candidacies", candidacy(run, firstPerson + index, course, submittedOn), counsellor,
                    "bench-" + run + "-" + (firstPerson + index) + "-submit")), writes, writeTask, drain);
            writeTask.done(String.format(Locale.ROOT, "%.1f/s, p99 %s ms", writeRun.achievedRate(),
                    PercentileTable.millis(writes.percentileMillis(99))));
            Progress.Task counting = progress.start(rate + "/s until the funnel counts them", writeRun.successes());
            poller.awaitCount(before, before + writeRun.successes(), Duration.ofSeconds(timeoutSeconds), counting);
            counting.done("");
        } finally {
            poller.stop();
            join(polling);
        }

        Latencies freshness = new Latencies();
        for (long lag : FreshnessCurve.lags(writeRun.successTimes(), poller.observations(), before)) {
            if (lag == FreshnessCurve.NOT_SEEN) {
                freshness.error("not counted", "not counted by the funnel " + timeoutSeconds + " s after the last answer");
            } else {
                freshness.record(lag);
            }
        }
        return new RateResult(rate, anchor, anchorRun.achievedRate(), writes, writeRun.achievedRate(), freshness,
                poller.queries());
    }

    /**
     * The query of the whole month of {@code day}: a run of whole months reads stats-service's live aggregate,
     * the path whose freshness matters (a day range is recounted from the facts at every read).
     */
    static String monthOf(LocalDate day) {
        return "from=" + day.withDayOfMonth(1) + "&to=" + day.withDayOfMonth(day.lengthOfMonth());
    }

    /** A day of the year five years ago that no earlier run took (until all 365 were taken). */
    static LocalDate nextDay() {
        LocalDate first = LocalDate.of(Year.now().getValue() - 5, 1, 1);
        return first.plusDays(FreshnessCommand.takePersons(OkotCli.stateDir().resolve("bench-next-day"), 1, 365));
    }

    /** A new person's candidacy: a bench person's national register number, submitted on {@code submittedOn}. */
    static JsonNode candidacy(String run, int person, String course, LocalDate submittedOn) {
        LocalDate birthDate = FreshnessProbe.probeBirthDate(person);
        int serial = serial(person);
        return FreshnessProbe.probeCandidacy("bench-" + run + "-" + person, PopulationBuilder.insz(birthDate, serial),
                "Bench", serial % 2 == 1 ? "M" : "V", birthDate, course, submittedOn);
    }

    /** The serial of bench person {@code person}: 010–099, the next one each time the birth dates come round. */
    static int serial(int person) {
        return FIRST_SERIAL + Math.floorMod(person, PERSONS) / FreshnessProbe.PROBE_PERSONS;
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ObjectNode json(List<RateResult> results, LocalDate submittedOn) {
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("bench", "freshness").put("seconds", seconds)
                .put("maxInFlight", maxInFlight).put("day", submittedOn.toString())
                .put("freshnessFigure", "/stats/funnel?" + monthOf(submittedOn));
        ArrayNode rows = root.putArray("rates");
        for (RateResult result : results) {
            ObjectNode row = rows.addObject().put("targetRate", result.rate());
            result.anchor().writeTo(row.putObject("anchor").put("path", "GET intake-service /q/health/live")
                    .put("achievedRate", round(result.anchorRate())));
            result.writes().writeTo(row.putObject("writes").put("path", "POST intake-service /candidacies")
                    .put("achievedRate", round(result.writeRate())).put("latencyFrom", "due time"));
            result.freshness().writeTo(row.putObject("freshness").put("from", "write answered")
                    .put("until", "the funnel counts as many writes"));
            result.funnelQueries().writeTo(row.putObject("funnelQueries"));
        }
        return root;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
