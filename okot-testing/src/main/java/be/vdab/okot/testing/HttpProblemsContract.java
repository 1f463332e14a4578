package be.vdab.okot.testing;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Every error status a service answers has an RFC 9457 problem-details body (api.md, general rules), also the
 * ones produced outside the resources by the HTTP server itself: unknown path, wrong method or media type,
 * a body, URI or headers too large, malformed JSON. A service's test extends it as a {@code @QuarkusTest}.
 */
public abstract class HttpProblemsContract {

    /** What an error body must never show: Java types and packages. */
    public static final Pattern JAVA_NAMES = Pattern.compile(
            "java\\.|javax\\.|jakarta\\.|com\\.fasterxml|be\\.vdab|io\\.quarkus|io\\.vertx|LocalDate|Integer|Boolean|`"
                    + "|@Consumes|@Produces|resource method");

    /** A path of the service that takes a JSON body by POST (or PUT, see {@link #jsonMethod()}). */
    protected abstract String jsonPath();

    /** A token of a role that may call {@link #jsonPath()}. */
    protected abstract String token();

    protected String jsonMethod() {
        return "POST";
    }

    /** False for a service without JSON bodies: {@link #jsonPath()} is then a path it reads with GET. */
    protected boolean takesJson() {
        return true;
    }

    @Test
    void anUnknownPathIsA404Problem() {
        problem(given().auth().oauth2(token()).when().get("/no/such/path"), 404);
        problem(given().when().get("/no-such-path-either.txt"), 404);
    }

    @Test
    void aWrongMethodIsA405Problem() {
        problem(given().auth().oauth2(token()).contentType(ContentType.JSON).body("{}").when().patch(jsonPath()), 405);
    }

    @Test
    void anUnsupportedContentTypeIsA415Problem() {
        Assumptions.assumeTrue(takesJson());
        problem(given().auth().oauth2(token()).contentType(ContentType.TEXT).body("hello")
                .when().request(jsonMethod(), jsonPath()), 415);
    }

    @Test
    void anUnacceptableMediaTypeIsA406Problem() {
        Assumptions.assumeTrue(takesJson());
        problem(given().auth().oauth2(token()).contentType(ContentType.JSON).accept("image/png").body("{}")
                .when().request(jsonMethod(), jsonPath()), 406);
    }

    @Test
    void malformedJsonIsA400ProblemThatQuotesNoMoreThanAnExcerpt() {
        Assumptions.assumeTrue(takesJson());
        String body = problem(given().auth().oauth2(token()).contentType(ContentType.JSON)
                .body("x".repeat(1_000_000)).when().request(jsonMethod(), jsonPath()), 400)
                .body("type", equalTo("https://okot.vdab.be/problems/malformed-json")).extract().asString();
        assertThat(body.length()).isLessThan(2_000);
        problem(given().auth().oauth2(token()).contentType(ContentType.JSON).body("tru")
                .when().request(jsonMethod(), jsonPath()), 400);
    }

    @Test
    void aUriOf20KbIsA414Problem() throws IOException {
        String answer = raw("GET " + jsonPath() + "?q=" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertRawProblem(answer, 414);
    }

    @Test
    void headersOf20KbAreA431Problem() throws IOException {
        String answer = raw("GET " + jsonPath() + " HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "x".repeat(20_500)
                + "\r\nConnection: close\r\n\r\n");
        assertRawProblem(answer, 431);
    }

    @Test
    void aBodyAboveTheLimitIsA413ProblemBeforeItIsRead() throws IOException {
        String answer = raw((takesJson() ? jsonMethod() : "GET") + " " + jsonPath() + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 104857600\r\n\r\n{\"a\":");
        assertRawProblem(answer, 413);
    }

    /** The answer is a problem of this status: problem+json, the status in the body, no Java or JAX-RS names. */
    public static ValidatableResponse problem(io.restassured.response.Response response, int status) {
        ValidatableResponse validatable = response.then().statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("title", org.hamcrest.Matchers.notNullValue());
        assertThat(response.asString()).doesNotContainPattern(JAVA_NAMES);
        return validatable;
    }

    private static void assertRawProblem(String answer, int status) {
        assertThat(answer).startsWith("HTTP/1.1 " + status);
        assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(answer).contains("\"status\":" + status).doesNotContainPattern(JAVA_NAMES);
        assertThat(answer.length()).isLessThan(2_000);
    }

    /** Sends bytes as they are (no client shortens or refuses them) and reads the answer until the server closes. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
