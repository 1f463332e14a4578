package be.vdab.okot.runner.bench;

import be.vdab.okot.runner.Platform.Service;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./okot bench queries}: the latency of every figure of stats-service in six shapes (no breakdown, one,
 * two, a range of whole months, compared with the previous year, an evolution over ten years), one client, one
 * call after another, beside the anchor {@code GET /q/health/live} of stats-service with the same client, called
 * after each measured call.
 */
@Command(name = "queries", description = "Measures the latency (p50, p99, max) of each figure of stats-service with "
        + "one client, one call after another: no breakdown, one breakdown, two breakdowns, January–September, "
        + "compare=previous-year and the evolution over ten years; beside it the anchor GET /q/health/live of "
        + "stats-service with the same client, one anchor call after each measured call, so it samples the machine "
        + "during the whole run. A 4xx/5xx answer is counted as an error, never timed. "
        + "Exit code 1 when any call failed.")
public final class QueriesBench implements Callable<Integer> {

    /** The figures of api.md with a one- and a two-breakdown query valid for each (stats-service FigureKind). */
    enum Figure {
        STARTS("starts", "age5", "training,province"),
        DIPLOMAS("diplomas", "diploma", "course,gender"),
        DROPOUTS("dropouts", "reason", "type,province"),
        OUTFLOW("outflow", "ending", "type,ending"),
        OFFERS("offers", "type", "course,province"),
        KNELPUNT("knelpunt", "module", "module,age3"),
        KNELPUNT_OUTFLOW("knelpunt-outflow", "gender", "module,age3"),
        FUNNEL("funnel", "referral", "referral,course"),
        SPENDING("spending", "kind", "type,province");

        final String path;
        final String oneBreakdown;
        final String twoBreakdowns;

        Figure(String path, String oneBreakdown, String twoBreakdowns) {
            this.path = path;
            this.oneBreakdown = oneBreakdown;
            this.twoBreakdowns = twoBreakdowns;
        }

        static Figure ofPath(String path) {
            return Arrays.stream(values()).filter(figure -> figure.path.equals(path)).findFirst().orElse(null);
        }
    }

    /** One measured query: the figure (or {@code anchor}), what shape, and the path with its query string. */
    record Query(String figure, String shape, String path) {
    }

    @CommandLine.Mixin
    BenchOptions options;

    @Option(names = "--requests", description = "Measured calls per query (default: ${DEFAULT-VALUE})", defaultValue = "100")
    int requests;

    @Option(names = "--warmup", description = "Calls per query before measuring, not counted (default: ${DEFAULT-VALUE})",
            defaultValue = "10")
    int warmup;

    @Option(names = "--year", description = "Year of the one-year queries (default: ${DEFAULT-VALUE})", defaultValue = "2020")
    int year;

    @Option(names = "--from-year", description = "First year of the evolution (default: ${DEFAULT-VALUE})", defaultValue = "2013")
    int fromYear;

    @Option(names = "--to-year", description = "Last year of the evolution (default: ${DEFAULT-VALUE}: ten years)",
            defaultValue = "2022")
    int toYear;

    @Option(names = "--figures", split = ",", description = "Only these figures (default: all: starts, diplomas, "
            + "dropouts, outflow, offers, knelpunt, knelpunt-outflow, funnel, spending)")
    List<String> figures;

    @Option(names = "--query-seconds", description = "Stop measuring a query after this many seconds, with the calls "
            + "made so far (default: ${DEFAULT-VALUE})", defaultValue = "60")
    int querySeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (requests < 1 || warmup < 0 || querySeconds < 1 || fromYear > toYear) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--requests ≥ 1, --warmup ≥ 0, --query-seconds ≥ 1 and --from-year ≤ --to-year");
        }
        List<Query> queries = queries(selectedFigures(), year, fromYear, toYear);
        BenchOptions.Target target = options.connect(spec.commandLine());
        if (target == null) {
            return 2;
        }
        String analyst = target.driver().analystToken();
        Progress progress = Progress.onStandardError();
        progress.say(String.format("Figure queries on stats-service: %d queries + the anchor, %d warm-up and %d measured "
                + "calls each, one client", queries.size(), warmup, requests));
        Progress.Task task = progress.start("queries", (long) (queries.size() + 1) * (warmup + requests));

        Query anchor = new Query("anchor", "GET /q/health/live", "/q/health/live");
        Measurer measurer = new Measurer(target.client(), target.client().get(Service.STATS, anchor.path(), null), task);
        measurer.warmUpAnchor();
        List<Latencies> measured = new ArrayList<>();
        for (Query query : queries) {
            measured.add(measurer.measure(target.client().get(Service.STATS, query.path(), analyst), query));
        }
        Latencies anchorLatencies = measurer.anchor;
        long errors = measured.stream().mapToLong(Latencies::errorCount).sum() + anchorLatencies.errorCount();
        task.done(errors == 0 ? "no errors" : errors + " errors");

        if (options.json) {
            BenchOptions.printJson(json(anchor, anchorLatencies, queries, measured));
        } else {
            PercentileTable table = PercentileTable.withLabels("figure", "query");
            table.add(anchorLatencies, anchor.figure(), anchor.shape());
            for (int i = 0; i < queries.size(); i++) {
                table.add(measured.get(i), queries.get(i).figure(), queries.get(i).shape());
            }
            System.out.printf("stats-service, one client, %d calls per query after %d warm-up (year %d, evolution %d–%d); "
                    + "the anchor called after each measured call:%n", requests, warmup, year, fromYear, toYear);
            System.out.print(table.render());
        }
        return errors == 0 ? 0 : 1;
    }

    private List<Figure> selectedFigures() {
        if (figures == null || figures.isEmpty()) {
            return List.of(Figure.values());
        }
        List<Figure> selected = new ArrayList<>();
        for (String name : figures) {
            Figure figure = Figure.ofPath(name.strip());
            if (figure == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Unknown figure " + name
                        + ": use one of " + Arrays.stream(Figure.values()).map(known -> known.path).toList());
            }
            selected.add(figure);
        }
        return selected;
    }

    /** The six queries of each figure, in the order they are measured. */
    static List<Query> queries(List<Figure> figures, int year, int fromYear, int toYear) {
        List<Query> queries = new ArrayList<>();
        for (Figure figure : figures) {
            String base = "/stats/" + figure.path;
            queries.add(new Query(figure.path, "year", base + "?year=" + year));
            queries.add(new Query(figure.path, "by=" + figure.oneBreakdown, base + "?year=" + year + "&by=" + figure.oneBreakdown));
            queries.add(new Query(figure.path, "by=" + figure.twoBreakdowns, base + "?year=" + year + "&by=" + figure.twoBreakdowns));
            queries.add(new Query(figure.path, "Jan–Sep", base + "?from=" + year + "-01-01&to=" + year + "-09-30"));
            queries.add(new Query(figure.path, "compare=previous-year", base + "?year=" + year + "&compare=previous-year"));
            queries.add(new Query(figure.path, "evolution " + fromYear + "–" + toYear,
                    base + "/evolution?fromYear=" + fromYear + "&toYear=" + toYear));
        }
        return queries;
    }

    /**
     * Measures the queries one after another with one client, and the anchor in between: after each measured
     * call of a query, one anchor call, so the anchor samples the machine as it was during the whole run (other
     * processes' load comes and goes), not only at its start.
     */
    private final class Measurer {
        final Latencies anchor = new Latencies();
        private final BenchClient client;
        private final HttpRequest anchorRequest;
        private final Progress.Task task;

        Measurer(BenchClient client, HttpRequest anchorRequest, Progress.Task task) {
            this.client = client;
            this.anchorRequest = anchorRequest;
            this.task = task;
        }

        void warmUpAnchor() {
            task.detail("anchor");
            for (int i = 0; i < warmup + requests; i++) {
                client.send(anchorRequest);
                task.advance();
            }
        }

        /** Warm-up calls, then measured calls, until {@code --requests} or {@code --query-seconds}. */
        Latencies measure(HttpRequest request, Query query) {
            task.detail(query.figure() + " " + query.shape());
            for (int i = 0; i < warmup; i++) {
                client.send(request);
                task.advance();
            }
            Latencies latencies = new Latencies();
            long deadline = System.nanoTime() + querySeconds * 1_000_000_000L;
            for (int i = 0; i < requests && System.nanoTime() < deadline; i++) {
                timed(request, latencies);
                timed(anchorRequest, anchor);
                task.advance();
            }
            return latencies;
        }

        private void timed(HttpRequest request, Latencies latencies) {
            long begin = System.nanoTime();
            BenchClient.Answer answer = client.send(request);
            answer.recordIn(latencies, System.nanoTime() - begin);
        }
    }

    private ObjectNode json(Query anchor, Latencies anchorLatencies, List<Query> queries, List<Latencies> measured) {
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("bench", "queries").put("service", "stats-service")
                .put("clients", 1).put("requests", requests).put("warmup", warmup).put("year", year)
                .put("fromYear", fromYear).put("toYear", toYear);
        anchorLatencies.writeTo(root.putObject("anchor").put("path", anchor.path())
                .put("sampled", "one call after each measured call"));
        ArrayNode rows = root.putArray("queries");
        for (int i = 0; i < queries.size(); i++) {
            Query query = queries.get(i);
            measured.get(i).writeTo(rows.addObject().put("figure", query.figure()).put("query", query.shape())
                    .put("path", query.path()));
        }
        return root;
    }
}
