package be.vdab.okot.intake;

import be.vdab.okot.events.Topics;
import be.vdab.okot.intake.persistence.Candidacy;
import be.vdab.okot.messaging.outbox.OutboxMessage;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class CandidacyResourceTest {

    // valid INSZ numbers: 85073003328 (born 1985-07-30), and ones made by inszFor(...) below
    private static final AtomicInteger SERIAL = new AtomicInteger(1);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void registersAnOcmwCandidacyAndPublishesItsEventWithCloudEventsHeaders() {
        String insz = inszFor(LocalDate.of(1985, 7, 30));
        String personId = given().contentType(ContentType.JSON).body(ocmwCandidacy(insz, "pba-verpleegkunde"))
                .when().post("/candidacies")
                .then().statusCode(201)
                .header("Location", containsString("/candidacies/"))
                .body("status", equalTo("AWAITING_FORMAL_AGREEMENT"))
                .body("referral.ocmwId", equalTo("ocmw-gent"))
                .body("personId", notNullValue())
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("insz")))
                .extract().path("personId");

        List<ConsumerRecord<String, String>> published = new KafkaTestClient(bootstrapServers)
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
                .contains("\"personId\":\"" + personId + "\"", "\"birthDate\":\"1985-07-30\"", "\"referralKind\":\"OCMW\"")
                .doesNotContain(insz, "Peeters", "example.org", "Els De Smet");
        long backlog = QuarkusTransaction.requiringNew().call(() -> OutboxMessage.backlog());
        assertThat(backlog).isZero();
    }

    @Test
    void aSelfReferralAwaitsScreeningAndTheSamePersonKeepsTheSamePseudonym() {
        String insz = inszFor(LocalDate.of(1990, 2, 14));
        String first = given().contentType(ContentType.JSON).body(selfCandidacy(insz, "tko-kinderzorg"))
                .when().post("/candidacies")
                .then().statusCode(201).body("status", equalTo("AWAITING_SCREENING"))
                .extract().path("personId");
        String second = given().contentType(ContentType.JSON).body(selfCandidacy(insz, "hbo-verpleegkunde"))
                .when().post("/candidacies")
                .then().statusCode(201).extract().path("personId");

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aSecondOpenCandidacyForTheSameCourseIsAConflictAndChangesNothing() {
        String insz = inszFor(LocalDate.of(1979, 11, 3));
        given().contentType(ContentType.JSON).body(selfCandidacy(insz, "tko-zorgkundige"))
                .when().post("/candidacies").then().statusCode(201);

        assertRefusedWithoutChange(selfCandidacy(insz, "tko-zorgkundige"), 409)
                .body("type", containsString("candidacy-exists"));
    }

    @Test
    void refusesMalformedOrInvalidInputWithProblemDetailsAndChangesNothing() {
        String valid = selfCandidacy(inszFor(LocalDate.of(1988, 5, 5)), "pba-verpleegkunde");

        assertRefusedWithoutChange("{\"person\": ", 400).body("title", equalTo("Malformed JSON"));
        assertRefusedWithoutChange(valid.replace("\"gender\": \"V\"", "\"gender\": \"Q\""), 400)
                .body("violations.field", hasItem("person.gender"));
        assertRefusedWithoutChange(valid.replace("\"working\": false", "\"working\": \"soms\""), 400)
                .body("violations.field", hasItem("person.working"));
        assertRefusedWithoutChange(valid.replace("\"birthDate\": \"1988-05-05\"", "\"birthDate\": \"05/05/1988\""), 400)
                .body("violations.field", hasItem("person.birthDate"));
        assertRefusedWithoutChange(selfCandidacy("85073003329", "pba-verpleegkunde"), 400)
                .body("violations.field", hasItem("person.insz"))
                .body("violations.message", hasItem(containsString("mod 97")));
        assertRefusedWithoutChange(selfCandidacy("8507300332", "pba-verpleegkunde"), 400)
                .body("violations.field", hasItem("person.insz"));
        assertRefusedWithoutChange(valid.replace("1988-05-05", "1988-05-06"), 400)
                .body("violations.field", hasItem("person.birthDate"));
        assertRefusedWithoutChange(selfCandidacy(inszFor(LocalDate.now().plusYears(1)), "pba-verpleegkunde"), 400)
                .body("violations.field", hasItem("person.birthDate"));
        assertRefusedWithoutChange(valid.replace("\"province\": \"OVL\"", "\"province\": \"MARS\""), 400)
                .body("violations.field", hasItem("province"));
        assertRefusedWithoutChange(valid.replace("\"courseCode\": \"pba-verpleegkunde\",", ""), 400)
                .body("violations.field", hasItem("courseCode"));
        assertRefusedWithoutChange(valid.replace("\"kind\": \"SELF\"", "\"kind\": \"OCMW\""), 400)
                .body("violations.field", hasItem("referral.ocmwId"))
                .body("violations.field", hasItem("referral.socialWorker"));
    }

    @Test
    void refusesACandidateWhoDoesNotMeetTheEntryConditionsNamingEachCondition() {
        String body = selfCandidacy(inszFor(LocalDate.of(1975, 1, 20)), "pba-verpleegkunde")
                .replace("\"working\": false", "\"working\": true")
                .replace("\"inTemporaryWorkExperience\": false", "\"inTemporaryWorkExperience\": true");

        assertRefusedWithoutChange(body, 422)
                .body("violations.field", hasItem("person.working"))
                .body("violations.field", hasItem("person.inTemporaryWorkExperience"))
                .body("violations.size()", equalTo(2));
    }

    @Test
    void anUnknownCandidacyIsNotFound() {
        given().when().get("/candidacies/does-not-exist")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void readsACandidacyBackWithItsTimeline() {
        String location = given().contentType(ContentType.JSON)
                .body(selfCandidacy(inszFor(LocalDate.of(1999, 12, 31)), "pba-verpleegkunde"))
                .when().post("/candidacies").then().statusCode(201).extract().header("Location");

        given().when().get(location)
                .then().statusCode(200)
                .body("courseCode", equalTo("pba-verpleegkunde"))
                .body("timeline[0].step", equalTo("CANDIDACY_SUBMITTED"));
    }

    private static ValidatableResponse assertRefusedWithoutChange(String body, int status) {
        long candidacies = countCandidacies();
        long events = countOutboxEvents();
        ValidatableResponse response = given().contentType(ContentType.JSON).body(body)
                .when().post("/candidacies")
                .then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("title", notNullValue());
        assertThat(countCandidacies()).isEqualTo(candidacies);
        assertThat(countOutboxEvents()).isEqualTo(events);
        return response;
    }

    private static long countCandidacies() {
        return QuarkusTransaction.requiringNew().call(() -> Candidacy.count());
    }

    private static long countOutboxEvents() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count());
    }

    /** A valid INSZ for the birth date: YYMMDD, a fresh serial, and the mod-97 check of its century. */
    static String inszFor(LocalDate birthDate) {
        String firstNine = String.format("%02d%02d%02d%03d", birthDate.getYear() % 100, birthDate.getMonthValue(),
                birthDate.getDayOfMonth(), SERIAL.getAndIncrement() % 998 + 1);
        long base = Long.parseLong((birthDate.getYear() >= 2000 ? "2" : "") + firstNine);
        return firstNine + String.format("%02d", 97 - base % 97);
    }

    static String selfCandidacy(String insz, String courseCode) {
        return candidacy(insz, courseCode, "{ \"kind\": \"SELF\" }");
    }

    static String ocmwCandidacy(String insz, String courseCode) {
        return candidacy(insz, courseCode, """
                { "kind": "OCMW", "ocmwId": "ocmw-gent",
                  "socialWorker": { "name": "Els De Smet", "email": "els@ocmw-gent.example", "phone": "+3292660000" } }""");
    }

    private static String candidacy(String insz, String courseCode, String referral) {
        LocalDate birthDate = birthDateOf(insz);
        return """
                {
                  "person": {
                    "insz": "%s", "firstName": "An", "lastName": "Peeters",
                    "birthDate": "%s", "gender": "V",
                    "email": "an.peeters@example.org", "phone": "+32470000000",
                    "registeredAsJobSeeker": false,
                    "working": false,
                    "holdsTargetQualification": false,
                    "inTemporaryWorkExperience": false
                  },
                  "courseCode": "%s",
                  "province": "OVL",
                  "referral": %s
                }""".formatted(insz, birthDate, courseCode, referral);
    }

    private static LocalDate birthDateOf(String insz) {
        if (insz.length() != 11) {
            return LocalDate.of(1985, 7, 30);
        }
        int yy = Integer.parseInt(insz.substring(0, 2));
        long firstNine = Long.parseLong(insz.substring(0, 9));
        boolean from2000 = 97 - Long.parseLong("2" + insz.substring(0, 9)) % 97 == Integer.parseInt(insz.substring(9))
                && 97 - firstNine % 97 != Integer.parseInt(insz.substring(9));
        return LocalDate.of((from2000 ? 2000 : 1900) + yy, Integer.parseInt(insz.substring(2, 4)),
                Integer.parseInt(insz.substring(4, 6)));
    }
}
