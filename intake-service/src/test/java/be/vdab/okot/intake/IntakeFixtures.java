package be.vdab.okot.intake;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.Topics;
import be.vdab.okot.events.enrolment.CoursePublished;
import be.vdab.okot.intake.persistence.Candidacy;
import be.vdab.okot.intake.persistence.KnownCourse;
import be.vdab.okot.messaging.outbox.OutboxMessage;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** What the intake tests share: the catalogue as enrolment-service publishes it, request bodies, tokens. */
final class IntakeFixtures {

    static final String OCMW = "ocmw-gent";
    private static final AtomicInteger SERIAL = new AtomicInteger(1);
    private static boolean cataloguePublished;

    private IntakeFixtures() {
    }

    /** Publishes a few courses on okot.enrolment.v1, the way enrolment-service does, once per JVM. */
    static synchronized void catalogue() {
        if (cataloguePublished) {
            return;
        }
        KafkaTestClient kafka = new KafkaTestClient(KafkaBrokerResource.bootstrapServers());
        for (CoursePublished course : List.of(
                course("pba-verpleegkunde", "PBA", "OKOT"), course("tko-kinderzorg", "TKO", "OKOT"),
                course("hbo-verpleegkunde", "HBO", "OKOT"), course("tko-zorgkundige", "TKO", "OKOT"),
                course("knelpunt-4a-lasser", "MODULE", "KNELPUNT_4A"), course("knelpunt-4b-heftruck", "MODULE", "KNELPUNT_4B"),
                course("vdab-werkplekleren", "MODULE", "WERKPLEKLEREN"))) {
            kafka.send(Topics.ENROLMENT, course.code(), EventJson.write(course),
                    KafkaTestClient.cloudEventHeaders(null, "okot.course.published", course.code()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> KnownCourse.count()) >= 7);
        cataloguePublished = true;
    }

    private static CoursePublished course(String code, String type, String programme) {
        return new CoursePublished(code, code, type, "ZORG", programme,
                List.of(new CoursePublished.TrainingYear(code + "-1", code + " 1ste jaar", 1, true)));
    }

    static RequestSpecification asCounsellor() {
        return given().auth().oauth2(TestTokens.counsellor()).contentType(ContentType.JSON);
    }

    static RequestSpecification asOcmw(String ocmwId) {
        return given().auth().oauth2(TestTokens.ocmw(ocmwId)).contentType(ContentType.JSON);
    }

    /** Registers a candidacy and returns its id. */
    static String submitted(String body) {
        return asCounsellor().body(body).when().post("/candidacies")
                .then().statusCode(201).body("id", notNullValue()).extract().path("id");
    }

    static ValidatableResponse approve(String candidacyId) {
        return asCounsellor().body(screening("APPROVED")).when().post("/candidacies/{id}/screening", candidacyId)
                .then().statusCode(200).body("status", equalTo("APPROVED"));
    }

    /** A valid INSZ for the birth date: YYMMDD, a fresh serial, and the mod-97 check of its century. */
    static String inszFor(LocalDate birthDate) {
        String firstNine = String.format("%02d%02d%02d%03d", birthDate.getYear() % 100, birthDate.getMonthValue(),
                birthDate.getDayOfMonth(), SERIAL.getAndIncrement() % 998 + 1);
        long base = Long.parseLong((birthDate.getYear() >= 2000 ? "2" : "") + firstNine);
        return firstNine + String.format("%02d", 97 - base % 97);
    }

    static String selfCandidacy(LocalDate birthDate, String courseCode) {
        return candidacy(inszFor(birthDate), birthDate, courseCode, "{ \"kind\": \"SELF\" }");
    }

    static String ocmwCandidacy(LocalDate birthDate, String courseCode, String ocmwId) {
        return candidacy(inszFor(birthDate), birthDate, courseCode, """
                { "kind": "OCMW", "ocmwId": "%s",
                  "socialWorker": { "name": "Els De Smet", "email": "els@ocmw-gent.example", "phone": "+3292660000" } }"""
                .formatted(ocmwId));
    }

    static String candidacy(String insz, LocalDate birthDate, String courseCode, String referral) {
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

    static String screening(String decision) {
        return """
                { "motivation": "SUFFICIENT",
                  "preconditions": { "financial": "OK", "mobility": "OK", "childcare": "ATTENTION" },
                  "fitsPathToWork": true, "learningAbility": "SUFFICIENT",
                  "decision": "%s", "probableStartDate": "%s", "probableLocation": "HOGENT Campus Schoonmeersen",
                  "remarks": "gemotiveerd" }""".formatted(decision, LocalDate.now().plusMonths(2));
    }

    /** Rows and events of intake-service, to prove a refused request changed nothing. */
    record State(long candidacies, long events, long timeline) {

        static State now() {
            return QuarkusTransaction.requiringNew().call(() -> new State(Candidacy.count(), OutboxMessage.count(),
                    be.vdab.okot.intake.persistence.TimelineEntry.count()));
        }

        void assertUnchanged() {
            assertThat(now()).isEqualTo(this);
        }
    }
}
