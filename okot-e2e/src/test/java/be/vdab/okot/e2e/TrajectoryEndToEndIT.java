package be.vdab.okot.e2e;

import be.vdab.okot.runner.Platform.Service;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * An OCMW client's whole trajectory through the four services, each step through a public API:
 * candidacy, formal agreement, screening (intake), contract (enrolment), course end and outflow
 * (outcome), and the timeline the social worker reads back in intake-service. Its dates (2024–2025) lie outside
 * every published period, so that the acceptance test on the same platform (PublishedFiguresAcceptanceIT) counts the
 * demo population only: a care-sector course of 2022–2023 would count in seed 001's figures.
 */
class TrajectoryEndToEndIT {

    @Test
    void anOcmwClientGoesFromCandidacyToOutflowAndTheSocialWorkerFollowsEveryStep() {
        String token = RunningPlatform.token("counsellor");
        String socialWorker = RunningPlatform.get().tokens().issue("els@ocmw-gent", "ocmw", "ocmw-gent", Duration.ofHours(1));
        String candidacyBody = """
                { "person": { "insz": "88010100178", "firstName": "Sara", "lastName": "Janssens",
                              "birthDate": "1988-01-01", "gender": "V", "registeredAsJobSeeker": false, "working": false,
                              "holdsTargetQualification": false, "inTemporaryWorkExperience": false },
                  "courseCode": "tko-kinderzorg", "province": "OVL", "submittedOn": "2024-03-04",
                  "referral": { "kind": "OCMW", "ocmwId": "ocmw-gent",
                                "socialWorker": { "name": "Els De Smet", "email": "els@ocmw-gent.example" } } }""";
        String candidacyId = retryWhile(422, () -> as(token, Service.INTAKE).body(candidacyBody).post("/candidacies"))
                .then().statusCode(201).extract().path("id");

        as(socialWorker, Service.INTAKE).body("{ \"agreedOn\": \"2024-03-06\" }")
                .post("/candidacies/{id}/formal-agreement", candidacyId).then().statusCode(200);
        as(token, Service.INTAKE).body("""
                { "motivation": "SUFFICIENT", "preconditions": { "financial": "OK", "mobility": "OK", "childcare": "OK" },
                  "fitsPathToWork": true, "learningAbility": "SUFFICIENT", "decision": "APPROVED",
                  "probableStartDate": "2024-09-23", "probableLocation": "CVO Gent", "screenedOn": "2024-06-10" }""")
                .post("/candidacies/{id}/screening", candidacyId).then().statusCode(200);

        // the approval reaches enrolment-service through Kafka: 409 until it has
        String contractBody = """
                { "candidacyId": "%s", "trainingCode": "tko-kinderzorg-1", "province": "OVL", "school": "CVO Gent",
                  "startDate": "2024-09-23", "plannedEndDate": "2025-06-30" }""".formatted(candidacyId);
        Response contract = retryWhile(409, () -> as(token, Service.ENROLMENT).body(contractBody).post("/contracts"));
        contract.then().statusCode(201);
        String contractId = contract.path("id");
        String clusterId = contract.path("clusterId");

        retryWhile(409, () -> as(token, Service.OUTCOME).body("{ \"endDate\": \"2025-06-30\", \"result\": \"PASSED\" }")
                .put("/contracts/{id}/end", contractId)).then().statusCode(200).body("revision", equalTo(1));
        as(token, Service.OUTCOME).queryParam("on", "2025-09-30").queryParam("from", "2025-09-30").queryParam("size", 200)
                .get("/outflow/due")
                .then().statusCode(200)
                .body("items.find { it.clusterId == '" + clusterId + "' }.ending", equalTo("POSITIVE"));
        as(token, Service.OUTCOME).body("{ \"measuredOn\": \"2025-09-30\", \"atWork\": true }")
                .post("/clusters/{id}/outflow", clusterId).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(socialWorker, Service.INTAKE)
                .get("/candidacies/{id}", candidacyId).then().statusCode(200)
                .body("status", equalTo("CLOSED"))
                .body("timeline.step", equalTo(List.of("CANDIDACY_SUBMITTED", "FORMAL_AGREEMENT", "JOB_SEEKER_REGISTERED",
                        "SCREENING", "CONTRACT_STARTED", "COURSE_ENDED", "OUTFLOW_MEASURED"))));
    }

    static RequestSpecification as(String token, Service service) {
        return given().baseUri(RunningPlatform.url(service)).auth().oauth2(token).contentType(ContentType.JSON).when();
    }

    /** Repeats a call while it answers the status that means "the event has not arrived yet". */
    static Response retryWhile(int status, Supplier<Response> call) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(call::get, response -> response.statusCode() != status);
    }
}
