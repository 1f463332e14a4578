package be.vdab.okot.runner.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The care-sector check against a stub of stats-service (JDK HttpServer on loopback) that answers
 * {@code compare=previous-year} in the shape of stats-service ({@code FigureAnswer}: {@code total},
 * {@code compare.total}, {@code compare.difference}).
 */
class CareSectorCheckTest {

    private HttpServer server;
    /** figure → {2023 total, 2022 total}. */
    private final Map<String, long[]> totals = new HashMap<>();
    private final List<String> queries = new ArrayList<>();

    @BeforeEach
    void stub() throws IOException {
        totals.put("starts", new long[]{2702, 2938});
        totals.put("diplomas", new long[]{810, 853});
        totals.put("dropouts", new long[]{744, 780});
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/stats/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        String figure = exchange.getRequestURI().getPath().substring("/stats/".length());
        queries.add(figure + "?" + query);
        long[] values = totals.get(figure);
        String json = String.format("{\"figure\":\"%s\",\"unit\":\"%s\",\"period\":{\"from\":\"2023-01-01\",\"to\":"
                        + "\"2023-09-30\"},\"by\":[],\"filters\":{\"sector\":\"ZORG\"},\"rows\":[],\"total\":%d,"
                        + "\"provisional\":false,\"asOf\":\"2026-12-01T06:00:00Z\",\"compare\":{\"with\":\"previous-year\","
                        + "\"period\":{\"from\":\"2022-01-01\",\"to\":\"2022-09-30\"},\"rows\":[],\"total\":%d,"
                        + "\"difference\":%d}}", figure, figure.equals("starts") ? "persons" : "contracts", values[0],
                values[1], values[0] - values[1]);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private PublishedFiguresCheck.Result check(int fromYear, int toYear) {
        CellCheck cells = new CellCheck("http://127.0.0.1:" + server.getAddress().getPort(), "t0k3n", null, fromYear,
                toYear);
        new CareSectorCheck().check(cells);
        return cells.result();
    }

    @Test
    void comparesSevenFiguresOfSeed001WithTheSectorsJanuaryToSeptember() {
        PublishedFiguresCheck.Result result = check(2013, 2023);

        assertThat(result.differences()).isEmpty();
        assertThat(result.figuresChecked()).isEqualTo(7).isEqualTo(CareSectorCheck.FIGURES);
        assertThat(result.cellsChecked()).isZero();
        assertThat(queries).containsExactly(
                "starts?from=2023-01-01&to=2023-09-30&sector=ZORG&compare=previous-year",
                "diplomas?from=2023-01-01&to=2023-09-30&sector=ZORG&compare=previous-year",
                "dropouts?from=2023-01-01&to=2023-09-30&sector=ZORG&compare=previous-year");
    }

    @Test
    void aDifferenceNamesTheFigureThePeriodAndBothValues() {
        totals.put("starts", new long[]{2702, 2937});
        totals.put("dropouts", new long[]{745, 700});

        PublishedFiguresCheck.Result result = check(2023, 2023);

        assertThat(result.differences()).containsExactlyInAnyOrder(
                "seed 001 (care sector, text), row 'starters', column January–September 2022: published 2938, platform 2937",
                "seed 001 (care sector, text), row 'starters', column difference: published -236, platform -235",
                "seed 001 (care sector, text), row 'drop-outs', column January–September 2023: published 744, platform 745");
    }

    @Test
    void yearsWithout2023CheckNothing() {
        PublishedFiguresCheck.Result result = check(2013, 2022);

        assertThat(result.figuresChecked()).isZero();
        assertThat(queries).isEmpty();
    }
}
