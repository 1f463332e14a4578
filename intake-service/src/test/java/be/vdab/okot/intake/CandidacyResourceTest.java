package be.vdab.okot.intake;

import be.vdab.okot.events.Topics;
import be.vdab.okot.messaging.outbox.OutboxMessage;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.candidacy;
import static be.vdab.okot.intake.IntakeFixtures.inszFor;
import static be.vdab.okot.intake.IntakeFixtures.ocmwCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.selfCandidacy;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** POST /candidacies: what is accepted, what is refused, and that a refusal changes nothing. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class CandidacyResourceTest {

    @BeforeEach
    void catalogue() {
        IntakeFixtures.catalogue();
    }

    @Test
    void registersAnOcmwCandidacyAndPublishesItsEventWithCloudEventsHeaders() {
        LocalDate birthDate = LocalDate.of(1985, 7, 30);
        String insz = inszFor(birthDate);
        String personId = asCounsellor().body(candidacy(insz, birthDate, "pba-verpleegkunde", """
                        { "kind": "OCMW", "ocmwId": "ocmw-gent",
                          "socialWorker": { "name": "Els De Smet", "email": "els@ocmw-gent.example" } }"""))
                .when().post("/candidacies")
                .then().statusCode(201)
                .header("Location", containsString("/candidacies/"))
                .body("status", equalTo("AWAITING_FORMAL_AGREEMENT"))
                .body("referral.ocmwId", equalTo("ocmw-gent"))
                .body("submittedBy", equalTo("counsellor-test"))
                .body("personId", notNullValue())
                .body("$", not(hasKey("insz")))
                .body("timeline.step", equalTo(List.of("CANDIDACY_SUBMITTED")))
                .extract().path("personId");

        List<ConsumerRecord<String, String>> published = new KafkaTestClient(KafkaBrokerResource.bootstrapServers())
                .await(Topics.INTAKE, record -> personId.equals(record.key()), Duration.ofSeconds(20));

        assertThat(published).hasSize(1);
        ConsumerRecord<String, String> event = published.get(0);
        assertThat(KafkaTestClient.header(event, "ce_specversion")).isEqualTo("1.0");
        assertThat(KafkaTestClient.header(event, "ce_type")).isEqualTo("okot.candidacy.submitted");
        assertThat(KafkaTestClient.header(event, "ce_source")).isEqualTo("/okot/intake-service");
        assertThat(KafkaTestClient.header(event, "ce_subject")).isEqualTo(personId);
        assertThat(KafkaTestClient.header(event, "ce_id")).isNotBlank();
        assertThat(KafkaTestClient.header(event, "ce_time")).isNotBlank();
        assertThat(event.value())
                .contains("\"personId\":\"" + personId + "\"", "\"birthDate\":\"1985-07-30\"", "\"referralKind\":\"OCMW\"",
                        "\"ocmwId\":\"ocmw-gent\"", "\"province\":\"OVL\"", "\"courseCode\":\"pba-verpleegkunde\"")
                .doesNotContain(insz, "Peeters", "An\"", "example.org", "Els De Smet", "+32");
        long backlog = QuarkusTransaction.requiringNew().call(() -> OutboxMessage.backlog());
        assertThat(backlog).isZero();
    }

    @Test
    void aSelfReferralAwaitsScreeningIsRegisteredAsJobSeekerAndKeepsItsPseudonym() {
        LocalDate birthDate = LocalDate.of(1990, 2, 14);
        String insz = inszFor(birthDate);
        String first = asCounsellor().body(candidacy(insz, birthDate, "tko-kinderzorg", "{ \"kind\": \"SELF\" }"))
                .when().post("/candidacies")
                .then().statusCode(201).body("status", equalTo("AWAITING_SCREENING"))
                .body("timeline.step", equalTo(List.of("CANDIDACY_SUBMITTED", "JOB_SEEKER_REGISTERED")))
                .extract().path("personId");
        String second = asCounsellor().body(candidacy(insz, birthDate, "hbo-verpleegkunde", "{ \"kind\": \"VDAB\" }"))
                .when().post("/candidacies")
                .then().statusCode(201).body("timeline.step", equalTo(List.of("CANDIDACY_SUBMITTED")))
                .extract().path("personId");

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aLateRegistrationKeepsTheDayOfTheCandidacy() {
        String body = selfCandidacy(LocalDate.of(1980, 3, 3), "tko-zorgkundige")
                .replace("\"province\": \"OVL\",", "\"province\": \"OVL\", \"submittedOn\": \"2020-02-03\",");
        asCounsellor().body(body).when().post("/candidacies")
                .then().statusCode(201).body("submittedOn", equalTo("2020-02-03"))
                .body("timeline[0].on", equalTo("2020-02-03"));
    }

    @Test
    void aSecondOpenCandidacyForTheSameCourseIsAConflictAndChangesNothing() {
        LocalDate birthDate = LocalDate.of(1979, 11, 3);
        String insz = inszFor(birthDate);
        String body = candidacy(insz, birthDate, "tko-zorgkundige", "{ \"kind\": \"SELF\" }");
        asCounsellor().body(body).when().post("/candidacies").then().statusCode(201);

        assertRefused(asCounsellor(), body, 409).body("type", containsString("candidacy-exists"));
    }

    @Test
    void refusesMalformedOrInvalidInputWithEveryViolationAndChangesNothing() {
        LocalDate birthDate = LocalDate.of(1988, 5, 5);
        String valid = selfCandidacy(birthDate, "pba-verpleegkunde");

        assertRefused(asCounsellor(), "{\"person\": ", 400).body("title", equalTo("Malformed JSON"));
        assertRefused(asCounsellor(), "", 400);
        assertRefused(asCounsellor(), "[1, 2]", 400);
        assertRefused(asCounsellor(), valid.replace("\"gender\": \"V\"", "\"gender\": \"Q\""), 400)
                .body("violations.field", hasItem("person.gender"));
        assertRefused(asCounsellor(), valid.replace("\"working\": false", "\"working\": \"soms\""), 400)
                .body("violations.field", hasItem("person.working"));
        assertRefused(asCounsellor(), valid.replace("\"birthDate\": \"1988-05-05\"", "\"birthDate\": \"05/05/1988\""), 400)
                .body("violations.field", hasItem("person.birthDate"));
        assertRefused(asCounsellor(), candidacy("85073003329", LocalDate.of(1985, 7, 30), "pba-verpleegkunde",
                "{ \"kind\": \"SELF\" }"), 400)
                .body("violations.field", hasItem("person.insz"))
                .body("violations.message", hasItem(containsString("mod 97")));
        assertRefused(asCounsellor(), candidacy("8507300332", LocalDate.of(1985, 7, 30), "pba-verpleegkunde",
                "{ \"kind\": \"SELF\" }"), 400).body("violations.field", hasItem("person.insz"));
        assertRefused(asCounsellor(), valid.replace("1988-05-05", "1988-05-06"), 400)
                .body("violations.field", hasItem("person.birthDate"));
        assertRefused(asCounsellor(), selfCandidacy(LocalDate.now().plusYears(1), "pba-verpleegkunde"), 400)
                .body("violations.field", hasItem("person.birthDate"));
        assertRefused(asCounsellor(), valid.replace("\"province\": \"OVL\"", "\"province\": \"MARS\""), 400)
                .body("violations.field", hasItem("province"));
        assertRefused(asCounsellor(), valid.replace("\"courseCode\": \"pba-verpleegkunde\",", ""), 400)
                .body("violations.field", hasItem("courseCode"));
        assertRefused(asCounsellor(), valid.replace("\"kind\": \"SELF\"", "\"kind\": \"OCMW\""), 400)
                .body("violations.field", hasItem("referral.ocmwId"))
                .body("violations.field", hasItem("referral.socialWorker"));
        assertRefused(asCounsellor(), valid.replace("\"kind\": \"SELF\"", "\"kind\": \"FRIEND\""), 400)
                .body("violations.field", hasItem("referral.kind"));
        assertRefused(asCounsellor(), valid.replace("an.peeters@example.org", "not-an-email"), 400)
                .body("violations.field", hasItem("person.email"));
        assertRefused(asCounsellor(), valid.replace("\"firstName\": \"An\", ", ""), 400)
                .body("violations.field", hasItem("person.firstName"));
        assertRefused(asCounsellor(), valid.replace("\"province\": \"OVL\",",
                "\"province\": \"OVL\", \"submittedOn\": \"" + LocalDate.now().plusDays(2) + "\","), 400)
                .body("violations.field", hasItem("submittedOn"));
        assertRefused(asCounsellor(), valid.replace("\"referral\": { \"kind\": \"SELF\" }", "\"referral\": null"), 400)
                .body("violations.field", hasItem("referral"));
        // every violation at once
        assertRefused(asCounsellor(), "{\"person\": {\"insz\": \"85073003329\"}, \"province\": \"OVL\"}", 400)
                .body("violations.size()", org.hamcrest.Matchers.greaterThan(8));
    }

    @Test
    void refusesAnUnknownCourseOrACourseOfAnUnknownProgramme() {
        assertRefused(asCounsellor(), selfCandidacy(LocalDate.of(1991, 1, 1), "pba-sterrenkunde"), 422)
                .body("type", containsString("unknown-course"))
                .body("violations.field", hasItem("courseCode"));
        assertRefused(asCounsellor(), selfCandidacy(LocalDate.of(1991, 1, 1), "vdab-werkplekleren"), 422)
                .body("type", containsString("unknown-programme"));
    }

    @Test
    void refusesACandidateWhoDoesNotMeetTheEntryConditionsNamingEachCondition() {
        String body = selfCandidacy(LocalDate.of(1975, 1, 20), "pba-verpleegkunde")
                .replace("\"working\": false", "\"working\": true")
                .replace("\"holdsTargetQualification\": false", "\"holdsTargetQualification\": true")
                .replace("\"inTemporaryWorkExperience\": false", "\"inTemporaryWorkExperience\": true");

        assertRefused(asCounsellor(), body, 422)
                .body("violations.field", equalTo(List.of("person.working", "person.holdsTargetQualification",
                        "person.inTemporaryWorkExperience")));
    }

    @Test
    void onlyACounsellorWithAValidTokenRegistersCandidacies() {
        String body = ocmwCandidacy(LocalDate.of(1983, 8, 8), "pba-verpleegkunde", "ocmw-gent");
        assertRefused(given().contentType(ContentType.JSON), body, 401);
        assertRefused(given().contentType(ContentType.JSON).auth().oauth2("not.a.token"), body, 401);
        assertRefused(given().contentType(ContentType.JSON).auth().oauth2(TestTokens.signedByAStranger()), body, 401);
        assertRefused(given().contentType(ContentType.JSON).auth().oauth2(TestTokens.ocmw("ocmw-gent")), body, 403);
        assertRefused(given().contentType(ContentType.JSON).auth().oauth2(TestTokens.analyst()), body, 403);
    }

    @Test
    void anUnknownCandidacyIsNotFound() {
        asCounsellor().when().get("/candidacies/does-not-exist")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    static ValidatableResponse assertRefused(RequestSpecification request, String body, int status) {
        IntakeFixtures.State before = IntakeFixtures.State.now();
        ValidatableResponse response = request.body(body)
                .when().post("/candidacies")
                .then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("title", notNullValue());
        before.assertUnchanged();
        return response;
    }
}
