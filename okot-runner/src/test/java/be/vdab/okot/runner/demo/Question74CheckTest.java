package be.vdab.okot.runner.demo;

import be.vdab.okot.runner.demo.PlanFigures.Fact;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check of question 74 against a stub of stats-service (JDK HttpServer on loopback) that answers with the demo's
 * plan counted by the rules ({@link PlanFigures}): every published cell is compared, and the only differences are the
 * contradiction with question 562 the plan keeps (908020, drop-outs 2020, and that column's Totaal).
 */
class Question74CheckTest {

    private static Catalogue catalogue;
    private static PlanFigures figures;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Predicate<Fact> ONDERWIJS = fact -> Question74Planner.SECTOR.equals(fact.course().sector());

    private HttpServer server;
    private final List<String> queries = new ArrayList<>();
    /** A figure the stub leaves out of its answers (a row code, or "persons"). */
    private String leftOut = "";

    @BeforeAll
    static void plan() throws IOException {
        catalogue = ShippedCatalogue.load();
        figures = new PlanFigures(new PopulationPlanner(catalogue, 562).plan(PopulationPlanner.FIRST_YEAR,
                Question74Planner.LAST_YEAR), catalogue);
    }

    @BeforeEach
    void stub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/stats/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void everyCellIsComparedAndOnlyTheContradictionWithQuestion562Differs() {
        PublishedFiguresCheck.Result result = check(2013, 2022);

        assertThat(result.cellsChecked()).isEqualTo(208);
        assertThat(result.differences()).isEmpty();
        assertThat(result.contradictions()).hasSize(2).anySatisfy(contradiction -> assertThat(contradiction).startsWith(
                "q74_onderwijs_dropouts_by_training_year.csv, row '908020', column n_2020: published 13, platform 10 ("
                        + "question 562 (8 March 2021) publishes 10 Master drop-outs in 2020"))
                .anySatisfy(contradiction -> assertThat(contradiction).startsWith(
                "q74_onderwijs_dropouts_by_training_year.csv, row 'Totaal', column n_2020: published 270, platform 267"));
        assertThat(queries).contains("/stats/starts?year=2018&sector=ONDERWIJS&by=training",
                "/stats/dropouts?from=2022-01-01&to=2022-06-30&sector=ONDERWIJS&by=training");
    }

    @Test
    void onlyTheYearsTheDemoLoadedAreChecked() {
        PublishedFiguresCheck.Result result = check(2013, 2019);

        // the non-blank cells of 2018 and 2019, Totaal rows included: starts 16 + 19, diplomas 7 + 8, drop-outs 14 + 18
        assertThat(result.cellsChecked()).isEqualTo(16 + 19 + 7 + 8 + 14 + 18);
        assertThat(result.differences()).isEmpty();
        assertThat(queries).noneMatch(query -> query.contains("2020") || query.contains("2021") || query.contains("2022"));
    }

    @Test
    void aMissingRowAndADropOutTotalWithoutPersonsAreDifferences() {
        leftOut = "908031";
        assertThat(check(2018, 2018).differences()).contains(
                "q74_onderwijs_starts_by_training_year.csv, row '908031', column n_2018: published 69, platform no such row");
        queries.clear();
        leftOut = "persons";
        assertThat(check(2018, 2018).differences()).containsExactly(
                "q74_onderwijs_dropouts_by_training_year.csv, row 'Totaal', column n_2018: published 99, platform no such row");
    }

    private PublishedFiguresCheck.Result check(int fromYear, int toYear) {
        CellCheck cells = new CellCheck("http://127.0.0.1:" + server.getAddress().getPort(), "token", null, fromYear, toYear);
        new Question74Check().check(cells);
        return cells.result();
    }

    /** The figure as stats-service answers it, by training within sector ONDERWIJS, counted from the plan. */
    private synchronized void answer(HttpExchange exchange) throws IOException {
        String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        queries.add(exchange.getRequestURI().getPath() + "?" + query);
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            parameters.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        LocalDate from = parameters.containsKey("year") ? PlanFigures.firstDay(Integer.parseInt(parameters.get("year")))
                : LocalDate.parse(parameters.get("from"));
        LocalDate to = parameters.containsKey("year") ? PlanFigures.lastDay(Integer.parseInt(parameters.get("year")))
                : LocalDate.parse(parameters.get("to"));
        assertThat(parameters).containsEntry("sector", "ONDERWIJS").containsEntry("by", "training");
        String figure = exchange.getRequestURI().getPath().substring("/stats/".length());
        Map<String, Integer> rows = switch (figure) {
            case "starts" -> figures.starts(from, to, ONDERWIJS, fact -> fact.contract().trainingCode());
            case "diplomas" -> figures.diplomas(from, to, ONDERWIJS, fact -> fact.contract().trainingCode());
            default -> figures.dropouts(from, to, ONDERWIJS, fact -> fact.contract().trainingCode());
        };
        ObjectNode answer = JSON.createObjectNode().put("figure", figure);
        ArrayNode rowNodes = answer.putArray("rows");
        rows.forEach((code, value) -> {
            if (!code.equals(leftOut)) {
                ObjectNode row = rowNodes.addObject();
                row.putArray("key").add(code);
                row.putArray("label").add(code + ": " + name(code));
                row.put("value", value);
                if (figure.equals("dropouts")) {
                    row.put("persons", value);
                }
            }
        });
        answer.put("total", figure.equals("starts") ? figures.startingPersons(from, to, ONDERWIJS)
                : rows.values().stream().mapToInt(Integer::intValue).sum());
        if (figure.equals("dropouts") && !leftOut.equals("persons")) {
            answer.put("persons", figures.droppingOutPersons(from, to, ONDERWIJS));
        }
        byte[] body = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String name(String code) {
        return catalogue.courses().stream().flatMap(course -> course.trainingYears().stream())
                .filter(year -> year.code().equals(code)).findFirst().orElseThrow().name();
    }
}
