package be.vdab.okot.runner.bench;

import be.vdab.okot.runner.Platform.Service;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The measured calls of a bench: {@code java.net.http.HttpClient} on HTTP/1.1 (keep-alive), to the services
 * of the local platform. An answer is a success only with a 2xx status; anything else — a 4xx/5xx status, a
 * timeout, a refused connection — is an error of its kind, counted and never timed.
 */
public final class BenchClient {

    /** What came back: a status and body, or {@code status} 0 and the failure's kind and message. */
    public record Answer(int status, String body, String failureKind, String failure) {

        public boolean ok() {
            return status / 100 == 2;
        }

        /** {@code HTTP 503}, {@code timeout}, {@code ConnectException}, … */
        public String errorKind() {
            return status > 0 ? "HTTP " + status : failureKind;
        }

        public String errorExample() {
            return status > 0 ? body : failure;
        }

        /** Records a success's time, or the error. */
        public void recordIn(Latencies latencies, long nanos) {
            if (ok()) {
                latencies.record(nanos);
            } else {
                latencies.error(errorKind(), errorExample());
            }
        }
    }

    private final Map<Service, String> baseUrls;
    private final Duration timeout;
    private final HttpClient http;

    public BenchClient(Map<Service, String> baseUrls, Duration timeout) {
        this.baseUrls = Map.copyOf(baseUrls);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A GET of {@code path} (with its query) on {@code service}; {@code token} null for an open endpoint. */
    public HttpRequest get(Service service, String path, String token) {
        return request(service, path, token).GET().build();
    }

    /** A POST of a JSON body with an Idempotency-Key, as every client of the write APIs sends it. */
    public HttpRequest post(Service service, String path, JsonNode body, String token, String idempotencyKey) {
        return request(service, path, token).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    /** A PUT of a JSON body (a PUT is idempotent by itself: no Idempotency-Key). */
    public HttpRequest put(Service service, String path, JsonNode body, String token) {
        return request(service, path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest.Builder request(Service service, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrls.get(service) + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** Sends and waits for the whole body. */
    public Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), null, null);
        } catch (IOException e) {
            return failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Sends without waiting; the future completes with the answer (never exceptionally). */
    public CompletableFuture<Answer> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> response != null
                        ? new Answer(response.statusCode(), response.body(), null, null)
                        : failure(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error));
    }

    private static Answer failure(Throwable error) {
        String kind = error instanceof HttpTimeoutException ? "timeout" : error.getClass().getSimpleName();
        return new Answer(0, null, kind, String.valueOf(error.getMessage()));
    }
}
