package be.vdab.okot.runner.rebuild;

import be.vdab.okot.runner.bench.Progress;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rebuild watch against a stub of stats-service's rebuild endpoint (JDK HttpServer on loopback). */
class RebuildWatchTest {

    private HttpServer server;
    /** Scripted answers, in order: {status, body}; the POST takes the first, each GET the next. */
    private final Deque<String[]> answers = new ArrayDeque<>();
    private final List<String> calls = new ArrayList<>();
    private final ByteArrayOutputStream progressOutput = new ByteArrayOutputStream();

    @BeforeEach
    void stub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/stats/rebuild", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        calls.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
        String[] answer = answers.isEmpty() ? new String[]{"500", "{}"} : answers.poll();
        byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer[0].startsWith("4")
                ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static String[] status(int http, String id, String state, long target, long read, double rate, String error) {
        boolean finished = state.equals("SWAPPED") || state.equals("FAILED");
        return new String[]{Integer.toString(http), String.format(java.util.Locale.ROOT, "{\"id\":\"%s\",\"state\":\"%s\","
                        + "\"startedAt\":\"2026-11-30T06:00:00Z\",\"finishedAt\":%s,\"eventsTarget\":%d,\"eventsRead\":%d,"
                        + "\"eventsPerSecond\":%.1f,\"durationMillis\":%d,\"error\":%s}", id, state,
                finished ? "\"2026-11-30T06:01:40Z\"" : "null", target, read, rate, read * 1000 / Math.max(1, (long) rate),
                error == null ? "null" : "\"" + error + "\"")};
    }

    private RebuildWatch.Outcome watch(boolean follow) {
        RebuildClient client = new RebuildClient("http://127.0.0.1:" + server.getAddress().getPort(), () -> "t0k3n",
                Duration.ofSeconds(5));
        Progress progress = new Progress(new PrintStream(progressOutput, true, StandardCharsets.UTF_8), false);
        return new RebuildWatch(client, progress, Duration.ofMillis(1), Duration.ofMinutes(1)).run(follow);
    }

    @Test
    void pollsUntilSwappedInAndEndsWithZero() {
        answers.add(status(202, "r1", "REPLAYING", 1000, 0, 0, null));
        answers.add(status(200, "r1", "REPLAYING", 1000, 400, 8000, null));
        answers.add(status(200, "r1", "LOADING", 1000, 1000, 9000, null));
        answers.add(status(200, "r1", "CATCHING_UP", 1000, 1010, 9000, null));
        answers.add(status(200, "r1", "SWAPPED", 1000, 1012, 9100, null));

        RebuildWatch.Outcome outcome = watch(false);

        assertThat(outcome.exitCode()).isEqualTo(RebuildWatch.SWAPPED);
        assertThat(outcome.status().eventsRead()).isEqualTo(1012);
        assertThat(outcome.problem()).isNull();
        assertThat(calls).containsExactly("POST Bearer t0k3n", "GET Bearer t0k3n", "GET Bearer t0k3n", "GET Bearer t0k3n",
                "GET Bearer t0k3n");
        assertThat(progressOutput.toString(StandardCharsets.UTF_8))
                .contains("rebuild r1: 1012/1000").contains("SWAPPED, 1,012 events in 0.1 s, 9,100 events/s");
    }

    @Test
    void aFailedRebuildEndsWithOneAndItsError() {
        answers.add(status(202, "r2", "REPLAYING", 500, 0, 0, null));
        answers.add(status(200, "r2", "FAILED", 500, 120, 600, "broker away"));

        RebuildWatch.Outcome outcome = watch(false);

        assertThat(outcome.exitCode()).isEqualTo(RebuildWatch.FAILED);
        assertThat(outcome.problem()).contains("broker away");
    }

    @Test
    void aRunningRebuildEndsWithThreeUnlessFollowed() {
        String[] conflict = {"409", "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,"
                + "\"detail\":\"A rebuild is running\"}"};
        answers.add(conflict);

        RebuildWatch.Outcome refused = watch(false);

        assertThat(refused.exitCode()).isEqualTo(RebuildWatch.ALREADY_RUNNING);
        assertThat(refused.problem()).contains("A rebuild is running").contains("--follow");
        assertThat(calls).containsExactly("POST Bearer t0k3n");

        answers.add(conflict);
        answers.add(status(200, "r3", "CATCHING_UP", 10, 9, 90, null));
        answers.add(status(200, "r3", "SWAPPED", 10, 10, 90, null));

        RebuildWatch.Outcome followed = watch(true);

        assertThat(followed.exitCode()).isEqualTo(RebuildWatch.SWAPPED);
        assertThat(followed.status().id()).isEqualTo("r3");
    }

    @Test
    void aRefusalOrAnAnswerOutsideTheContractEndsWithTwo() {
        answers.add(new String[]{"403", "{\"status\":403,\"title\":\"Forbidden\"}"});
        assertThat(watch(false)).satisfies(outcome -> {
            assertThat(outcome.exitCode()).isEqualTo(RebuildWatch.UNREACHABLE);
            assertThat(outcome.problem()).contains("HTTP 403");
        });

        answers.add(status(202, "r4", "REPLAYING", 10, 0, 0, null));
        answers.add(new String[]{"404", ""});
        assertThat(watch(false)).satisfies(outcome -> {
            assertThat(outcome.exitCode()).isEqualTo(RebuildWatch.UNREACHABLE);
            assertThat(outcome.problem()).contains("404");
        });

        answers.add(new String[]{"202", "<html>not json</html>"});
        assertThat(watch(false).exitCode()).isEqualTo(RebuildWatch.UNREACHABLE);
    }

    @Test
    void noAnswerAtAllEndsWithTwo() {
        server.stop(0);

        RebuildWatch.Outcome outcome = watch(false);

        assertThat(outcome.exitCode()).isEqualTo(RebuildWatch.UNREACHABLE);
        assertThat(outcome.problem()).contains("does not answer");
    }
}
