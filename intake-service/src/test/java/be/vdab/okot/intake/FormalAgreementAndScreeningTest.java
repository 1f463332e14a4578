package be.vdab.okot.intake;

import be.vdab.okot.events.Topics;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.asOcmw;
import static be.vdab.okot.intake.IntakeFixtures.ocmwCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.screening;
import static be.vdab.okot.intake.IntakeFixtures.selfCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** Steps 2–3 of seed 003: the OCMW's formal agreement before anything else, then the screening. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class FormalAgreementAndScreeningTest {

    @BeforeEach
    void catalogue() {
        IntakeFixtures.catalogue();
    }

    @Test
    void anOcmwClientIsScreenedOnlyAfterTheFormalAgreementOfItsOwnOcmw() {
        String id = submitted(ocmwCandidacy(LocalDate.of(1986, 4, 4), "tko-kinderzorg", "ocmw-gent"));

        refused(asCounsellor(), "/candidacies/{id}/screening", id, screening("APPROVED"), 409)
                .body("type", containsString("formal-agreement-required"));
        refused(asOcmw("ocmw-antwerpen"), "/candidacies/{id}/formal-agreement", id, "{}", 403);
        refused(asCounsellor(), "/candidacies/{id}/formal-agreement", id, "{}", 403);

        String personId = asOcmw("ocmw-gent").body("{}").when().post("/candidacies/{id}/formal-agreement", id)
                .then().statusCode(200)
                .body("status", equalTo("AWAITING_SCREENING"))
                .body("agreedOn", notNullValue())
                .body("timeline.step", equalTo(List.of("CANDIDACY_SUBMITTED", "FORMAL_AGREEMENT", "JOB_SEEKER_REGISTERED")))
                .body("timeline[1].by", equalTo("social-worker@ocmw-gent"))
                .extract().path("personId");
        refused(asOcmw("ocmw-gent"), "/candidacies/{id}/formal-agreement", id, "{}", 409);

        asCounsellor().body(screening("APPROVED")).when().post("/candidacies/{id}/screening", id)
                .then().statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("screening.decision", equalTo("APPROVED"))
                .body("screening.probableLocation", equalTo("HOGENT Campus Schoonmeersen"));

        List<ConsumerRecord<String, String>> events = new KafkaTestClient(KafkaBrokerResource.bootstrapServers())
                .awaitAtLeast(Topics.INTAKE, record -> personId.equals(record.key()), 3, Duration.ofSeconds(20));
        assertThat(events).extracting(record -> KafkaTestClient.header(record, "ce_type")).containsExactly(
                "okot.candidacy.submitted", "okot.candidacy.agreed", "okot.screening.completed");
        assertThat(events.get(2).value()).contains("\"decision\":\"APPROVED\"", "\"probableStartDate\"",
                "\"probableLocation\":\"HOGENT Campus Schoonmeersen\"", "\"ocmwId\":\"ocmw-gent\"");
    }

    @Test
    void aCandidacyThatIsNotAnOcmwReferralNeedsNoAgreementAndIsScreenedOnce() {
        String id = submitted(selfCandidacy(LocalDate.of(1992, 9, 9), "pba-verpleegkunde"));

        refused(asOcmw("ocmw-gent"), "/candidacies/{id}/formal-agreement", id, "{}", 409)
                .body("type", containsString("not-an-ocmw-referral"));
        asCounsellor().body(screening("REJECTED").replace("\"SUFFICIENT\", \"preconditions\"", "\"INSUFFICIENT\", \"preconditions\""))
                .when().post("/candidacies/{id}/screening", id)
                .then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("timeline.detail", hasItem("rejected"));
        refused(asCounsellor(), "/candidacies/{id}/screening", id, screening("APPROVED"), 409)
                .body("type", containsString("not-awaiting-screening"));
    }

    @Test
    void refusesAScreeningThatIsIncompleteOrDoesNotJustifyAnApproval() {
        String id = submitted(selfCandidacy(LocalDate.of(1993, 3, 13), "hbo-verpleegkunde"));
        String approved = screening("APPROVED");

        refused(asCounsellor(), "/candidacies/{id}/screening", id,
                approved.replaceAll("\"probableStartDate\": \"[0-9-]+\", \"probableLocation\": \"[^\"]+\",", ""), 400)
                .body("violations.field", equalTo(List.of("probableStartDate", "probableLocation")));
        refused(asCounsellor(), "/candidacies/{id}/screening", id, approved.replace("\"decision\": \"APPROVED\"",
                "\"decision\": \"MAYBE\""), 400).body("violations.field", hasItem("decision"));
        refused(asCounsellor(), "/candidacies/{id}/screening", id, approved.replace("\"mobility\": \"OK\"",
                "\"mobility\": \"SOMETIMES\""), 400).body("violations.field", hasItem("preconditions.mobility"));
        refused(asCounsellor(), "/candidacies/{id}/screening", id, "{ \"decision\": \"REJECTED\" }", 400)
                .body("violations.field", hasItem("motivation"))
                .body("violations.field", hasItem("learningAbility"))
                .body("violations.field", hasItem("fitsPathToWork"))
                .body("violations.field", hasItem("preconditions"));
        refused(asCounsellor(), "/candidacies/{id}/screening", id, approved
                .replace("\"learningAbility\": \"SUFFICIENT\"", "\"learningAbility\": \"INSUFFICIENT\"")
                .replace("\"childcare\": \"ATTENTION\"", "\"childcare\": \"BLOCKING\""), 422)
                .body("violations.field", equalTo(List.of("learningAbility", "preconditions.childcare")));
        refused(asCounsellor(), "/candidacies/{id}/screening", "does-not-exist", approved, 404);
        refused(asOcmw("ocmw-gent"), "/candidacies/{id}/screening", id, approved, 403);
    }

    private static ValidatableResponse refused(RequestSpecification request, String path, String id, String body,
                                               int status) {
        IntakeFixtures.State before = IntakeFixtures.State.now();
        ValidatableResponse response = request.body(body).when().post(path, id)
                .then().statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
        before.assertUnchanged();
        return response;
    }
}
