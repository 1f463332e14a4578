package be.vdab.okot.runner.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runner's one HTTP client for the services' REST APIs (api.md): {@code java.net.http} on HTTP/1.1 (forced: the
 * cleartext upgrade to HTTP/2 stalls against Vert.x), JSON through Jackson (bodies as records or Jackson trees, dates
 * as ISO-8601 text, unknown fields ignored), a bearer token per call, an optional {@code Idempotency-Key}, and the
 * {@link RetryPolicy}: a 5xx, no answer, or a 409 "not known here yet" is sent again, with the same key, until the
 * policy gives up.
 * <p>
 * Thread-safe: one instance serves all the demo's clients at once. {@link #calls()} counts the exchanges of
 * {@link #send} (attempts included), not the raw {@link #exchange}s of health and metrics polls.
 */
public final class OkotClient {

    /** The JSON of every runner call: JSR-310 dates as ISO text, unknown fields in answers ignored. */
    public static ObjectMapper newJson() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A call the service refused, or that failed until the retry policy gave up. */
    public static final class CallFailed extends RuntimeException {
        private final int status;
        private final String body;

        CallFailed(String message, int status, String body) {
            super(message);
            this.status = status;
            this.body = body;
        }

        /** The last answer's HTTP status; 0 when there was none (I/O failure, timeout). */
        public int status() {
            return status;
        }

        /** The last answer's body (a problem JSON for a 4xx); null when there was none. */
        public String body() {
            return body;
        }
    }

    /** Pauses between attempts; a test passes one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    private final HttpClient http;
    private final ObjectMapper json = newJson();
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AtomicLong calls = new AtomicLong();

    /** HTTP/1.1, connect timeout 5 s, {@link RetryPolicy#DEFAULT}. */
    public OkotClient() {
        this(RetryPolicy.DEFAULT, Clock.systemUTC(), pause -> Thread.sleep(pause.toMillis()));
    }

    public OkotClient(RetryPolicy policy, Clock clock, Sleeper sleeper) {
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4, runnable -> {
                    Thread thread = new Thread(runnable, "okot-client");
                    thread.setDaemon(true);
                    return thread;
                })).build();
    }

    /** The Jackson mapper of this client (for building bodies as trees). */
    public ObjectMapper json() {
        return json;
    }

    /** The exchanges of {@link #send} so far, attempts included. */
    public long calls() {
        return calls.get();
    }

    /**
     * One call, sent again under the {@link RetryPolicy}.
     *
     * @param method         GET, POST, PUT, ...
     * @param uri            the full URL
     * @param body           a record, a Jackson tree or null (no body)
     * @param bearerToken    the token (without "Bearer "); null for none
     * @param idempotencyKey the {@code Idempotency-Key} header, the same on every attempt; null for none
     * @param timeout        how long one attempt may wait for its answer
     * @return the 2xx answer's JSON; an empty object for an empty body
     * @throws CallFailed on a refusal the policy does not retry, or when it gives up (the last answer in it)
     */
    public JsonNode send(String method, URI uri, Object body, String bearerToken, String idempotencyKey,
                         Duration timeout) {
        HttpRequest request = request(method, uri, body, bearerToken, idempotencyKey, timeout);
        Instant giveUpAt = clock.instant().plus(policy.giveUpAfter());
        for (int failures = 1; ; failures++) {
            int status;
            String answer;
            String failure;
            try {
                HttpResponse<String> response = exchange(request);
                calls.incrementAndGet();
                status = response.statusCode();
                answer = response.body();
                if (status / 100 == 2) {
                    return answer == null || answer.isEmpty() ? json.createObjectNode() : json.readTree(answer);
                }
                failure = method + " " + uri.getRawPath() + " → " + status + " " + answer;
            } catch (IOException e) {
                status = 0;
                answer = null;
                failure = method + " " + uri.getRawPath() + " → " + e;
            }
            if (!policy.retries(status, answer)) {
                throw new CallFailed(failure, status, answer);
            }
            if (clock.instant().isAfter(giveUpAt)) {
                throw new CallFailed("Gave up after " + policy.giveUpAfter().toSeconds() + " s: " + failure, status,
                        answer);
            }
            pause(policy.pause(failures));
        }
    }

    /**
     * One exchange, no retry, any status, not counted in {@link #calls()}: for health, metrics and checks that judge
     * the answer themselves.
     */
    public HttpResponse<String> exchange(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("Interrupted", 0, null);
        }
    }

    /** A GET of {@code uri} with {@code Accept: application/json}, the token when not null. */
    public HttpRequest get(URI uri, String bearerToken, Duration timeout) {
        return request("GET", uri, null, bearerToken, null, timeout);
    }

    /**
     * A GET of {@code uri} with no headers, for what is not JSON: {@code /q/metrics} answers 406 to
     * {@code Accept: application/json}.
     */
    public HttpRequest plainGet(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    }

    /**
     * The request {@link #send} sends, for {@link #exchange}: {@code Accept: application/json}, the bearer token and
     * the {@code Idempotency-Key} when not null, the body (a record or a Jackson tree) as JSON when not null.
     */
    public HttpRequest request(String method, URI uri, Object body, String bearerToken, String idempotencyKey,
                               Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        return request.build();
    }

    private String write(Object body) {
        try {
            return body instanceof JsonNode tree ? tree.toString() : json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not serialisable as JSON: " + body.getClass().getName(), e);
        }
    }

    private void pause(Duration pause) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("Interrupted", 0, null);
        }
    }
}
