package be.vdab.okot.intake;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.Topics;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static be.vdab.okot.intake.CandidacyResourceTest.assertRefused;
import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.asOcmw;
import static be.vdab.okot.intake.IntakeFixtures.ocmwCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.selfCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * api.md "Module 4a/4b trainings": a candidacy for a module course (programme KNELPUNT_4A/4B) takes the path of an
 * OKOT course — same fields, entry conditions, OCMW referral and formal agreement, screening — and its events go
 * out as an OKOT candidacy's do; only a course of a programme the platform does not know is refused (422).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class ModuleCandidacyTest {

    @BeforeEach
    void catalogue() {
        IntakeFixtures.catalogue();
    }

    @Test
    void aModule4bCandidacyIsRegisteredScreenedAndPublishedLikeAnOkotOne() {
        String id = submitted(selfCandidacy(LocalDate.of(1979, 2, 14), "knelpunt-4b-heftruck"));
        String personId = asCounsellor().when().get("/candidacies/{id}", id).then().statusCode(200)
                .body("status", equalTo("AWAITING_SCREENING"))
                .body("courseCode", equalTo("knelpunt-4b-heftruck"))
                .extract().path("personId");

        IntakeFixtures.approve(id);

        List<ConsumerRecord<String, String>> events = new KafkaTestClient(KafkaBrokerResource.bootstrapServers())
                .awaitAtLeast(Topics.INTAKE, record -> personId.equals(record.key()), 2, Duration.ofSeconds(20));
        assertThat(events).extracting(record -> KafkaTestClient.header(record, "ce_type"))
                .containsExactly("okot.candidacy.submitted", "okot.screening.completed");
        assertThat(events).allSatisfy(event -> assertThat(event.value()).contains("\"courseCode\":\"knelpunt-4b-heftruck\""));
        assertThat(events.get(1).value()).contains("\"decision\":\"APPROVED\"");
    }

    @Test
    void aModule4aCandidacyMayBeAnOcmwReferralThatNeedsTheFormalAgreementFirst() {
        String id = submitted(ocmwCandidacy(LocalDate.of(1990, 6, 1), "knelpunt-4a-lasser", "ocmw-gent"));
        asCounsellor().when().get("/candidacies/{id}", id).then().statusCode(200)
                .body("status", equalTo("AWAITING_FORMAL_AGREEMENT"));
        asCounsellor().body(IntakeFixtures.screening("APPROVED")).when().post("/candidacies/{id}/screening", id)
                .then().statusCode(409).body("type", containsString("formal-agreement-required"));

        asOcmw("ocmw-gent").body("{}").when().post("/candidacies/{id}/formal-agreement", id)
                .then().statusCode(200).body("status", equalTo("AWAITING_SCREENING"));
        IntakeFixtures.approve(id);
    }

    @Test
    void aModuleCandidacyIsClosedWhenItsOneTrainingEndsEvenByAStopToReorient() {
        LocalDate birthDate = LocalDate.of(1988, 8, 8);
        String id = submitted(selfCandidacy(birthDate, "knelpunt-4a-lasser"));
        IntakeFixtures.approve(id);
        String personId = asCounsellor().when().get("/candidacies/{id}", id).then().extract().path("personId");
        PersonProfile person = new PersonProfile(personId, birthDate, Gender.V);
        TrainingYearRef module = new TrainingYearRef("knelpunt-4a-lasser", "knelpunt-4a-lasser-1", "lasser", 1, true,
                "MODULE", "ZORG", "KNELPUNT_4A");
        String contractId = UUID.randomUUID().toString();
        String clusterId = UUID.randomUUID().toString();
        LocalDate start = LocalDate.of(2021, 1, 11);
        publish(new ContractStarted(contractId, id, clusterId, person, module, Province.OVL, "VDAB Gent", start,
                start.plusMonths(4)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asCounsellor().when().get("/candidacies/{id}", id)
                .then().body("status", equalTo("ENROLLED")));

        // an OKOT cluster would go on after a stop to reorient; a module has no next year
        publish(new CourseEnded(contractId, id, clusterId, 1, person, module, Province.OVL, start, start.plusMonths(2),
                Result.STOPPED, StopReason.REORIENTATION, true, CourseEnded.Ending.NON_POSITIVE, start.plusMonths(5)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asCounsellor().when().get("/candidacies/{id}", id)
                .then().body("status", equalTo("CLOSED")));
    }

    private static void publish(OkotEvent event) {
        EventType type = EventType.of(event);
        new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).send(type.topic(), event.subject(),
                EventJson.write(event), KafkaTestClient.cloudEventHeaders(null, type.ceType(), event.subject()));
    }

    @Test
    void theEntryConditionsHoldForAModuleAsForAnOkotCourse() {
        String body = selfCandidacy(LocalDate.of(1975, 1, 20), "knelpunt-4a-lasser")
                .replace("\"working\": false", "\"working\": true");
        assertRefused(asCounsellor(), body, 422).body("violations.field", hasItem("person.working"));
    }

    @Test
    void aCourseOfAnUnknownProgrammeIsRefusedAndChangesNothing() {
        assertRefused(asCounsellor(), selfCandidacy(LocalDate.of(1984, 3, 3), "vdab-werkplekleren"), 422)
                .body("type", containsString("unknown-programme"))
                .body("violations.field", hasItem("courseCode"));
    }
}
