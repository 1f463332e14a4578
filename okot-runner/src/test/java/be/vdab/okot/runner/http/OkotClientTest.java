package be.vdab.okot.runner.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runner's HTTP client against a real local HTTP server that answers a script: what it sends (HTTP/1.1, bearer,
 * Idempotency-Key, JSON), and which answers it sends the call again for. The pauses go to a clock of the test's, so
 * nothing here waits.
 */
class OkotClientTest {

    private static final String NOT_YET = """
            {"type":"https://okot.vdab.be/problems/candidacy-unknown","status":409,"detail":"Not known here yet"}""";
    private static final String EXISTS = """
            {"type":"https://okot.vdab.be/problems/candidacy-exists","status":409,"detail":"Already open"}""";

    record Answer(int status, String body) {
    }

    record Seen(String method, String protocol, String authorization, String idempotencyKey, String contentType,
                String body) {
    }

    private HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Seen> seen = new ArrayList<>();
    private final TestClock clock = new TestClock();
    private final List<Duration> pauses = new ArrayList<>();
    private OkotClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer;
            synchronized (this) {
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getProtocol(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
                answer = script.size() > 1 ? script.poll() : script.peek();
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        client = new OkotClient(new RetryPolicy(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(400)),
                clock, pause -> {
                    pauses.add(pause);
                    clock.advance(pause);
                });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    record Body(String candidacyId, LocalDate startDate) {
    }

    @Test
    void anUnavailableServiceAndANotYetConflictAreSentAgainWithTheSameKey() {
        script.add(new Answer(503, ""));
        script.add(new Answer(409, NOT_YET));
        script.add(new Answer(201, "{\"id\":\"c-1\"}"));

        JsonNode answer = client.send("POST", uri("/contracts"), new Body("k-1", LocalDate.of(2020, 9, 1)), "tok",
                "demo-1", Duration.ofSeconds(5));

        assertThat(answer.path("id").asText()).isEqualTo("c-1");
        assertThat(seen).hasSize(3).allSatisfy(call -> {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.protocol()).isEqualTo("HTTP/1.1");
            assertThat(call.authorization()).isEqualTo("Bearer tok");
            assertThat(call.idempotencyKey()).isEqualTo("demo-1");
            assertThat(call.contentType()).isEqualTo("application/json");
            assertThat(call.body()).isEqualTo("{\"candidacyId\":\"k-1\",\"startDate\":\"2020-09-01\"}");
        });
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(client.calls()).isEqualTo(3);
    }

    @Test
    void anotherConflictStopsAtOnceWithTheProblem() {
        script.add(new Answer(409, EXISTS));

        assertThatThrownBy(() -> client.send("POST", uri("/candidacies"), client.json().createObjectNode(), "tok",
                null, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(OkotClient.CallFailed.class, failed -> {
                    assertThat(failed.status()).isEqualTo(409);
                    assertThat(failed.body()).isEqualTo(EXISTS);
                    assertThat(failed.getMessage()).contains("POST /candidacies → 409");
                });
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).idempotencyKey()).isNull();
        assertThat(pauses).isEmpty();
    }

    @Test
    void aServiceThatStaysUnavailableIsGivenUpOnAfterThePolicysTime() {
        script.add(new Answer(503, "down"));

        assertThatThrownBy(() -> client.send("GET", uri("/courses"), null, "tok", null, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(OkotClient.CallFailed.class, failed -> {
                    assertThat(failed.status()).isEqualTo(503);
                    assertThat(failed.getMessage()).startsWith("Gave up after 1 s");
                });
        // at 0, 100, 300, 700 and 1100 ms of the test's clock: the last one is past the second
        assertThat(seen).hasSize(5);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(400));
        assertThat(seen.get(0).body()).isEmpty();
        assertThat(seen.get(0).contentType()).isNull();
    }

    @Test
    void anEmptyAnswerIsAnEmptyObject() {
        script.add(new Answer(204, ""));

        assertThat(client.send("POST", uri("/contracts/x/cancellation"), null, "tok", "k", Duration.ofSeconds(5)))
                .isEmpty();
    }
}
