package be.vdab.okot.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * Problem details for the errors the HTTP server and the Vert.x router produce before or around the REST
 * resources: an unknown path or method outside them (404, 405), a request too large (413 body, 414 URI,
 * 431 headers) and a failure of a route (500).
 * <p>
 * 414 and 431: the HTTP codec of Vert.x refuses a request line or headers above its limits
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) before any route runs, and
 * answers with an empty body through Vert.x' default invalid-request handler, which Quarkus gives no way to
 * replace. So the codec's limits are raised to a hard ceiling (64 KB, in okot-web's configuration) and the
 * limits that apply ({@code okot.http.max-uri-length}, {@code okot.http.max-header-size}) are checked here, as
 * the first route, answering with problem details. Only a request above the ceiling still gets the codec's
 * empty 414/431.
 */
@ApplicationScoped
public class HttpProblems {

    private static final Logger LOG = Logger.getLogger(HttpProblems.class);

    private static final Map<Integer, String> DETAILS = Map.ofEntries(
            Map.entry(400, "The request is not well-formed"),
            Map.entry(404, "There is nothing at this path"),
            Map.entry(405, "This path does not take this method"),
            Map.entry(406, "This path cannot answer in the media type the Accept header asks for"),
            Map.entry(411, "The request body needs a Content-Length"),
            Map.entry(413, "The request body is larger than this service accepts"),
            Map.entry(414, "The URI is longer than this service accepts"),
            Map.entry(415, "This path does not take a body of this Content-Type"),
            Map.entry(431, "The request headers are larger than this service accepts"),
            Map.entry(500, "The request could not be completed; nothing was changed. The error is logged."));

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "okot.http.max-uri-length", defaultValue = "4096")
    int maxUriLength;

    @ConfigProperty(name = "okot.http.max-header-size", defaultValue = "20K")
    MemorySize maxHeaderSize;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    /** The reason phrase of a status, or "HTTP nnn". */
    public static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return status == 431 ? "Request Header Fields Too Large"
                : status == 500 ? "Internal error"
                : known != null ? known.getReasonPhrase() : "HTTP " + status;
    }

    /** A sentence for the client about a status the server produced by itself. */
    public static String detail(int status) {
        return DETAILS.getOrDefault(status, title(status));
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkLimits).failureHandler(this::failed);
        for (int status = 400; status <= 431; status++) {
            router.errorHandler(status, this::failed);
        }
        router.errorHandler(500, this::failed);
    }

    private void checkLimits(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > maxUriLength) {
            refuse(context, 414, "The URI has " + request.uri().length() + " characters; at most " + maxUriLength
                    + " are accepted");
            return;
        }
        long headerSize = headerSize(request.headers());
        if (headerSize > maxHeaderSize.asLongValue()) {
            refuse(context, 431, "The request headers have " + headerSize + " bytes; at most "
                    + maxHeaderSize.asLongValue() + " are accepted");
            return;
        }
        String length = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && isLongerThan(length, maxBodySize.asLongValue())) {
            refuse(context, 413, "The request body is larger than " + maxBodySize.asLongValue() + " bytes");
            return;
        }
        context.next();
    }

    private static boolean isLongerThan(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the codec refuses a Content-Length that is not a number
        }
    }

    private static long headerSize(MultiMap headers) {
        long size = 0;
        for (Map.Entry<String, String> header : headers) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        return size;
    }

    /** A refusal before the request is read: the connection is closed after the answer (the body is unread). */
    private void refuse(RoutingContext context, int status, String detail) {
        context.response().putHeader(HttpHeaderNames.CONNECTION, "close")
                .endHandler(ended -> context.request().connection().close());
        write(context, status, detail);
    }

    private void failed(RoutingContext context) {
        Throwable failure = context.failure();
        if (failure != null && failure.getClass().getName().startsWith("io.quarkus.security.")) {
            context.next(); // authentication failures: Quarkus answers them with their challenge
            return;
        }
        int status = context.statusCode() > 0 ? context.statusCode() : 500;
        if (status >= 500 && context.failure() != null) {
            LOG.errorf(context.failure(), "Unexpected error on %s", context.request().path());
        }
        write(context, status, detail(status));
    }

    private void write(RoutingContext context, int status, String detail) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        String path = context.request().path();
        Problem problem = Problem.of(status, status == 500 ? "internal" : "http-" + status, title(status), detail,
                path, (List<Problem.Violation>) null);
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        response.setStatusCode(status).putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
