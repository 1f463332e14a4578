package be.vdab.okot.e2e;

import be.vdab.okot.runner.Platform.Service;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Drives the public APIs the way a counsellor and an analyst do. */
final class Candidacies {

    private static final AtomicInteger SERIAL = new AtomicInteger();

    private Candidacies() {
    }

    /** Registers a candidacy of a new person (a fresh, valid INSZ) and returns its personId. */
    static String submitNew() {
        return submit("{ \"kind\": \"SELF\" }").path("personId");
    }

    /** The same, returning the candidacy's id. */
    static String submitNewCandidacy() {
        return submit("{ \"kind\": \"SELF\" }").path("id");
    }

    /** The same for a client referred by an OCMW. */
    static String submitNewOcmwClient(String ocmwId) {
        return submit("{ \"kind\": \"OCMW\", \"ocmwId\": \"" + ocmwId + "\", \"socialWorker\": { \"name\": \"MA\" } }")
                .path("personId");
    }

    /**
     * The JSON body of a {@code POST /candidacies} for a new self-referred person (a fresh, valid INSZ at every
     * call), for a test that sends it with its own HTTP client.
     */
    static String newCandidacyBody() {
        return body("{ \"kind\": \"SELF\" }");
    }

    private static ExtractableResponse<Response> submit(String referral) {
        String body = body(referral);
        String token = RunningPlatform.token("counsellor");
        // the catalogue reaches intake-service asynchronously from enrolment-service: right after
        // start-up a course may still be unknown there (422) for a moment
        Response response = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().baseUri(RunningPlatform.url(Service.INTAKE)).auth().oauth2(token)
                        .contentType(ContentType.JSON).body(body).when().post("/candidacies"),
                        answer -> answer.statusCode() != 422);
        return response.then().statusCode(201).extract();
    }

    private static String body(String referral) {
        int serial = SERIAL.incrementAndGet();
        LocalDate birthDate = LocalDate.of(1970, 1, 1).plusDays(serial % 10_000);
        String firstNine = String.format("%02d%02d%02d%03d", birthDate.getYear() % 100, birthDate.getMonthValue(),
                birthDate.getDayOfMonth(), serial / 10_000 % 997 + 1);
        String insz = firstNine + String.format("%02d", 97 - Long.parseLong(firstNine) % 97);
        return """
                { "person": { "insz": "%s", "firstName": "Test", "lastName": "Persoon %d",
                              "birthDate": "%s", "gender": "%s",
                              "registeredAsJobSeeker": true, "working": false,
                              "holdsTargetQualification": false, "inTemporaryWorkExperience": false },
                  "courseCode": "pba-verpleegkunde", "province": "ANT", "referral": %s }"""
                .formatted(insz, serial, birthDate, serial % 2 == 0 ? "V" : "M", referral);
    }

    /** Every candidacy intake-service holds now, of any status ({@code total} of {@code GET /candidacies}). */
    static int heldByIntake() {
        return given().baseUri(RunningPlatform.url(Service.INTAKE)).auth().oauth2(RunningPlatform.token("counsellor"))
                .queryParam("size", 1)
                .when().get("/candidacies")
                .then().statusCode(200).extract().path("total");
    }

    /** Candidacies submitted this year, as stats-service counts them now. */
    static int countedThisYear() {
        return given().baseUri(RunningPlatform.url(Service.STATS)).auth().oauth2(RunningPlatform.token("analyst"))
                .queryParam("year", LocalDate.now().getYear())
                .when().get("/stats/funnel")
                .then().statusCode(200).extract().path("total");
    }
}
