package be.vdab.okot.e2e;

import be.vdab.okot.runner.Platform.Service;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static be.vdab.okot.e2e.TrajectoryEndToEndIT.as;
import static be.vdab.okot.e2e.TrajectoryEndToEndIT.retryWhile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A module 4b training through the public APIs of the four services (api.md "Module 4a/4b trainings"): the
 * candidacy and its screening (intake), one contract and a refused second one (enrolment), an end by a stop to
 * reorient, which closes a module cluster, and its outflow measurement (outcome); stats-service counts it in F7 —
 * the knelpunt counts and knelpunt-outflow with stopped=true — and in none of F1–F4. Counted as differences, so any
 * other data on the platform does not matter.
 */
class ModuleTrainingEndToEndIT {

    @Test
    void aModuleTrainingRegisteredThroughTheApisCountsInF7AndItsOutflowOnly() {
        String token = RunningPlatform.token("counsellor");
        String analyst = RunningPlatform.token("analyst");
        int startedBefore = knelpunt(analyst, "STARTED");
        int stoppedBefore = knelpunt(analyst, "STOPPED_EARLY");
        int stoppersBefore = stoppers(analyst);
        int okotStartsBefore = figureTotal(analyst, "starts");

        String candidacyBody = """
                { "person": { "insz": "86021412316", "firstName": "Tom", "lastName": "Claes",
                              "birthDate": "1986-02-14", "gender": "M", "registeredAsJobSeeker": true, "working": false,
                              "holdsTargetQualification": false, "inTemporaryWorkExperience": false },
                  "courseCode": "knelpunt-module-4b", "province": "WVL", "submittedOn": "2023-11-06",
                  "referral": { "kind": "VDAB" } }""";
        String candidacyId = retryWhile(422, () -> as(token, Service.INTAKE).body(candidacyBody).post("/candidacies"))
                .then().statusCode(201).extract().path("id");
        as(token, Service.INTAKE).body("""
                { "motivation": "SUFFICIENT", "preconditions": { "financial": "OK", "mobility": "OK", "childcare": "OK" },
                  "fitsPathToWork": true, "learningAbility": "SUFFICIENT", "decision": "APPROVED",
                  "probableStartDate": "2024-01-08", "probableLocation": "VDAB Brugge", "screenedOn": "2023-11-20" }""")
                .post("/candidacies/{id}/screening", candidacyId).then().statusCode(200);

        String contractBody = """
                { "candidacyId": "%s", "trainingCode": "knelpunt-module-4b-1", "province": "WVL", "school": "VDAB Brugge",
                  "startDate": "%s", "plannedEndDate": "%s" }""";
        Response contract = retryWhile(409, () -> as(token, Service.ENROLMENT).body(contractBody
                .formatted(candidacyId, "2024-01-08", "2024-05-31")).post("/contracts"));
        contract.then().statusCode(201);
        as(token, Service.ENROLMENT).body(contractBody.formatted(candidacyId, "2024-09-02", "2024-12-20")).post("/contracts")
                .then().statusCode(409).body("type", containsString("module-has-one-training"));
        String contractId = contract.path("id");
        String clusterId = contract.path("clusterId");

        retryWhile(409, () -> as(token, Service.OUTCOME)
                .body("{ \"endDate\": \"2024-03-29\", \"result\": \"STOPPED\", \"stopReason\": \"REORIENTATION\" }")
                .put("/contracts/{id}/end", contractId)).then().statusCode(200);
        as(token, Service.OUTCOME).queryParam("on", "2024-06-29").queryParam("from", "2024-06-29").queryParam("size", 200)
                .get("/outflow/due").then().statusCode(200)
                .body("items.find { it.clusterId == '" + clusterId + "' }.clusterEnd", equalTo("2024-03-29"));
        as(token, Service.OUTCOME).body("{ \"measuredOn\": \"2024-07-01\", \"atWork\": true }")
                .post("/clusters/{id}/outflow", clusterId).then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(knelpunt(analyst, "STARTED")).isEqualTo(startedBefore + 1);
            assertThat(knelpunt(analyst, "STOPPED_EARLY")).isEqualTo(stoppedBefore + 1);
            assertThat(stoppers(analyst)).isEqualTo(stoppersBefore + 1);
        });
        assertThat(figureTotal(analyst, "starts")).isEqualTo(okotStartsBefore);
    }

    /** One of the four counts of 2024 for module 4b. */
    private static int knelpunt(String analyst, String count) {
        Integer value = as(analyst, Service.STATS).queryParam("year", 2024).queryParam("by", "module").get("/stats/knelpunt")
                .then().statusCode(200).extract().path("rows.find { it.key == ['" + count + "', '4B'] }.value");
        return value == null ? 0 : value;
    }

    private static int stoppers(String analyst) {
        return as(analyst, Service.STATS).queryParam("year", 2024).queryParam("stopped", "true").get("/stats/knelpunt-outflow")
                .then().statusCode(200).extract().path("total.closedClusters");
    }

    private static int figureTotal(String analyst, String figure) {
        return as(analyst, Service.STATS).queryParam("year", 2024).get("/stats/" + figure)
                .then().statusCode(200).extract().path("total");
    }
}
