package be.vdab.okot.intake;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.Topics;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.asOcmw;
import static be.vdab.okot.intake.IntakeFixtures.ocmwCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.selfCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.submitted;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Reading candidacies: the timeline with what the other services report, lists, and who may read what. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class CandidacyReadingTest {

    @BeforeEach
    void catalogue() {
        IntakeFixtures.catalogue();
    }

    @Test
    void anOcmwReadsItsOwnClientsOnlyWhileACounsellorReadsAll() {
        String own = submitted(ocmwCandidacy(LocalDate.of(1984, 1, 4), "tko-kinderzorg", "ocmw-leuven"));
        String other = submitted(ocmwCandidacy(LocalDate.of(1984, 1, 5), "tko-kinderzorg", "ocmw-brugge"));
        String self = submitted(selfCandidacy(LocalDate.of(1984, 1, 6), "tko-kinderzorg"));

        asOcmw("ocmw-leuven").when().get("/candidacies/{id}", own).then().statusCode(200);
        asOcmw("ocmw-leuven").when().get("/candidacies/{id}", other).then().statusCode(403)
                .contentType("application/problem+json");
        asOcmw("ocmw-leuven").when().get("/candidacies/{id}", self).then().statusCode(403);
        asCounsellor().when().get("/candidacies/{id}", other).then().statusCode(200);
        given().auth().oauth2(TestTokens.analyst()).when().get("/candidacies/{id}", own).then().statusCode(403);
        given().when().get("/candidacies/{id}", own).then().statusCode(401);

        asOcmw("ocmw-leuven").when().get("/candidacies").then().statusCode(200)
                .body("items.referral.ocmwId", everyItem(equalTo("ocmw-leuven")))
                .body("items.id", hasItem(own));
        asOcmw("ocmw-leuven").queryParam("ocmwId", "ocmw-brugge").when().get("/candidacies").then().statusCode(403);
    }

    @Test
    void listsCandidaciesByStatusAndOcmwInPages() {
        for (int i = 0; i < 3; i++) {
            submitted(ocmwCandidacy(LocalDate.of(1987, 2, 10 + i), "hbo-verpleegkunde", "ocmw-hasselt"));
        }
        asCounsellor().queryParam("ocmwId", "ocmw-hasselt").queryParam("status", "AWAITING_FORMAL_AGREEMENT")
                .queryParam("size", 2).when().get("/candidacies")
                .then().statusCode(200)
                .body("items", hasSize(2)).body("page", equalTo(0)).body("size", equalTo(2)).body("total", equalTo(3));
        asCounsellor().queryParam("ocmwId", "ocmw-hasselt").queryParam("page", 1).queryParam("size", 2)
                .when().get("/candidacies")
                .then().statusCode(200).body("items", hasSize(1)).body("total", equalTo(3));
        asCounsellor().queryParam("status", "SOMEWHERE").when().get("/candidacies").then().statusCode(400)
                .body("violations.field", hasItem("status"));
        asCounsellor().queryParam("size", 0).when().get("/candidacies").then().statusCode(400);
        asCounsellor().queryParam("page", -1).when().get("/candidacies").then().statusCode(400);
    }

    @Test
    void theTimelineShowsContractStartsAndCourseEndsReportedByTheOtherServices() {
        String id = submitted(ocmwCandidacy(LocalDate.of(1989, 6, 6), "pba-verpleegkunde", "ocmw-gent")
                .replace("\"province\": \"OVL\",", "\"province\": \"OVL\", \"submittedOn\": \"2020-03-02\","));
        asOcmw("ocmw-gent").body("{ \"agreedOn\": \"2020-03-05\" }")
                .when().post("/candidacies/{id}/formal-agreement", id).then().statusCode(200);
        asCounsellor().body(IntakeFixtures.screening("APPROVED").replaceFirst("\"probableStartDate\": \"[0-9-]+\"",
                        "\"probableStartDate\": \"2020-09-14\", \"screenedOn\": \"2020-06-10\""))
                .when().post("/candidacies/{id}/screening", id).then().statusCode(200);
        String personId = asCounsellor().when().get("/candidacies/{id}", id).then().extract().path("personId");

        PersonProfile person = new PersonProfile(personId, LocalDate.of(1989, 6, 6), Gender.V);
        TrainingYearRef year = new TrainingYearRef("pba-verpleegkunde", "pba-verpleegkunde-1", "PBA Verpleegkunde 1ste jaar",
                1, false, "PBA", "ZORG", "OKOT");
        String contractId = UUID.randomUUID().toString();
        String clusterId = UUID.randomUUID().toString();
        KafkaTestClient kafka = new KafkaTestClient(KafkaBrokerResource.bootstrapServers());
        ContractStarted started = new ContractStarted(contractId, id, clusterId, person, year, Province.OVL,
                "HOGENT", LocalDate.of(2020, 9, 21), LocalDate.of(2021, 6, 30));
        kafka.send(Topics.ENROLMENT, personId, EventJson.write(started),
                KafkaTestClient.cloudEventHeaders(null, "okot.contract.started", personId));
        CourseEnded ended = new CourseEnded(contractId, id, clusterId, 1, person, year, Province.OVL,
                LocalDate.of(2020, 9, 21), LocalDate.of(2021, 6, 30), CourseEnded.Result.STOPPED,
                CourseEnded.StopReason.BY_CLIENT, true, CourseEnded.Ending.NON_POSITIVE, LocalDate.of(2021, 9, 30));
        kafka.send(Topics.OUTCOME, personId, EventJson.write(ended),
                KafkaTestClient.cloudEventHeaders(null, "okot.course.ended", personId));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asOcmw("ocmw-gent").when().get("/candidacies/{id}", id)
                .then().statusCode(200)
                .body("status", equalTo("CLOSED"))
                .body("timeline.step", equalTo(List.of("CANDIDACY_SUBMITTED", "FORMAL_AGREEMENT", "JOB_SEEKER_REGISTERED",
                        "SCREENING", "CONTRACT_STARTED", "COURSE_ENDED")))
                .body("timeline[4].reference", equalTo(contractId))
                .body("timeline.size()", greaterThanOrEqualTo(6)));
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithExamples() {
        given().accept(ContentType.JSON).when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/candidacies'.post.responses.'201'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/candidacies/{id}/formal-agreement'.post", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/candidacies/{id}/screening'.post", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/candidacies/{id}'.get", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/candidacies'.get", org.hamcrest.Matchers.notNullValue())
                .body("components.schemas.CandidacyRequest", org.hamcrest.Matchers.notNullValue())
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/candidacies'.post.security", org.hamcrest.Matchers.notNullValue());
    }
}
