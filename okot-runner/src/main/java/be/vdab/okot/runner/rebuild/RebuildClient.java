package be.vdab.okot.runner.rebuild;

import be.vdab.okot.runner.http.OkotClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * stats-service's rebuild endpoint: {@code POST /stats/rebuild} starts one (202 with its status, 409 while one
 * runs), {@code GET /stats/rebuild} tells the status of the running or last one (404 when none ran). Bearer
 * token with role admin.
 */
public final class RebuildClient {

    /** The service answered something other than the contract's success (status, problem details or body). */
    public static final class RebuildRefused extends RuntimeException {
        private final int status;

        RebuildRefused(int status, String body) {
            super("HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body));
            this.status = status;
        }

        /** HTTP status; 0 when the service could not be reached. */
        public int status() {
            return status;
        }
    }

    private final URI rebuild;
    private final Supplier<String> adminToken;
    private static final ObjectMapper JSON = OkotClient.newJson();

    private final OkotClient http = new OkotClient();
    private final Duration requestTimeout;

    /** @param statsBaseUrl e.g. {@code http://localhost:8084}; {@code adminToken} gives a bearer token (role admin) */
    public RebuildClient(String statsBaseUrl, Supplier<String> adminToken, Duration requestTimeout) {
        this.rebuild = URI.create(statsBaseUrl + "/stats/rebuild");
        this.adminToken = adminToken;
        this.requestTimeout = requestTimeout;
    }

    /** Starts a rebuild; {@link RebuildRefused} with status 409 when one is running, or on any other answer. */
    public RebuildStatus start() {
        HttpResponse<String> answer = send(request("POST"));
        if (answer.statusCode() != 202) {
            throw new RebuildRefused(answer.statusCode(), answer.body());
        }
        return parse(answer);
    }

    /** The running or last rebuild; empty when none ran (404). */
    public Optional<RebuildStatus> status() {
        HttpResponse<String> answer = send(request("GET"));
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        if (answer.statusCode() != 200) {
            throw new RebuildRefused(answer.statusCode(), answer.body());
        }
        return Optional.of(parse(answer));
    }

    private HttpRequest request(String method) {
        return http.request(method, rebuild, null, adminToken.get(), null, requestTimeout);
    }

    /** One exchange through the runner's client, no retry: the caller judges every answer. */
    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.exchange(request);
        } catch (IOException e) {
            throw new RebuildRefused(0, "stats-service does not answer at " + rebuild + " (" + e + ")");
        } catch (OkotClient.CallFailed e) {
            throw new RebuildRefused(0, "interrupted");
        }
    }

    private static RebuildStatus parse(HttpResponse<String> answer) {
        try {
            return JSON.readValue(answer.body(), RebuildStatus.class);
        } catch (JsonProcessingException e) {
            throw new RebuildRefused(answer.statusCode(), "not a rebuild status: " + answer.body());
        }
    }
}
