package be.vdab.okot.enrolment;

import be.vdab.okot.enrolment.ContractTest.Candidate;
import be.vdab.okot.enrolment.persistence.Contract;
import be.vdab.okot.enrolment.persistence.TrainingYear;
import be.vdab.okot.events.Topics;
import be.vdab.okot.events.intake.ScreeningCompleted;
import be.vdab.okot.messaging.outbox.OutboxMessage;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import be.vdab.okot.testing.Twins;
import be.vdab.okot.web.problem.DatabaseConflicts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import static be.vdab.okot.enrolment.ContractTest.asCounsellor;
import static be.vdab.okot.enrolment.ContractTest.candidacy;
import static be.vdab.okot.enrolment.ContractTest.contract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * api.md "Module 4a/4b trainings": a module has one training year, so a module candidacy gets one contract; a second
 * is a 409 {@code module-has-one-training} that changes nothing, also when the requests come together, and the
 * database itself (V3's unique index) refuses a second live contract of a module candidacy.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class ModuleContractTest {

    static final String MODULE_4B = "knelpunt-module-4b";
    private static final int ROUNDS = 6;

    @Test
    void aModuleCandidacyGetsOneContractPublishedWithItsProgrammeAndASecondIsRefused() {
        Candidate candidate = candidacy(MODULE_4B, ScreeningCompleted.Decision.APPROVED, null);
        String clusterId = asCounsellor().body(contract(candidate, "knelpunt-module-4b-1", "2020-06-08", "2020-08-31"))
                .when().post("/contracts").then().statusCode(201)
                .body("finalYear", equalTo(true)).body("courseCode", equalTo(MODULE_4B))
                .extract().path("clusterId");

        long events = outboxEvents();
        long contracts = contracts();
        asCounsellor().body(contract(candidate, "knelpunt-module-4b-1", "2020-09-07", "2020-12-18"))
                .when().post("/contracts").then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("module-has-one-training"));
        assertThat(outboxEvents()).isEqualTo(events);
        assertThat(contracts()).isEqualTo(contracts);

        List<ConsumerRecord<String, String>> published = new KafkaTestClient(KafkaBrokerResource.bootstrapServers())
                .awaitAtLeast(Topics.ENROLMENT, record -> candidate.personId().equals(record.key()), 1, Duration.ofSeconds(20));
        assertThat(published).hasSize(1);
        assertThat(published.get(0).value()).contains("\"programme\":\"KNELPUNT_4B\"", "\"clusterId\":\"" + clusterId + "\"",
                "\"trainingCode\":\"knelpunt-module-4b-1\"");
    }

    @Test
    void twinContractsOfOneModuleCandidacyPostedTogetherGiveOneContract() {
        for (int round = 0; round < ROUNDS; round++) {
            Candidate candidate = candidacy(MODULE_4B, ScreeningCompleted.Decision.APPROVED, null);
            // periods that do not overlap: only the module's one training year can refuse them
            List<Response> answers = Twins.release(List.of(
                    post(contract(candidate, "knelpunt-module-4b-1", "2020-06-08", "2020-08-31")),
                    post(contract(candidate, "knelpunt-module-4b-1", "2020-09-07", "2020-11-30")),
                    post(contract(candidate, "knelpunt-module-4b-1", "2020-12-07", "2021-02-26")),
                    post(contract(candidate, "knelpunt-module-4b-1", "2021-03-01", "2021-05-28"))));

            assertThat(answers).extracting(Response::statusCode).as("round " + round)
                    .containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(1);
            answers.stream().filter(answer -> answer.statusCode() == 409).forEach(conflict -> {
                assertThat(conflict.contentType()).startsWith("application/problem+json");
                assertThat(conflict.<String>path("type")).contains("module-has-one-training");
            });
            asCounsellor().queryParam("candidacyId", candidate.candidacyId()).when().get("/contracts").then()
                    .statusCode(200).body("total", equalTo(1));
        }
    }

    @Test
    void theDatabaseRefusesASecondLiveContractOfAModuleCandidacy() {
        Candidate candidate = candidacy(MODULE_4B, ScreeningCompleted.Decision.APPROVED, null);
        String id = asCounsellor().body(contract(candidate, "knelpunt-module-4b-1", "2020-06-08", "2020-08-31"))
                .when().post("/contracts").then().statusCode(201).extract().path("id");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Contract.<Contract>findById(id).moduleCandidacyId))
                .isEqualTo(candidate.candidacyId());

        // a writer that skips the service's check (as one that got past it would) meets the unique index
        Throwable refused = catchThrowable(() -> QuarkusTransaction.requiringNew().run(() -> {
            Contract twin = new Contract();
            twin.id = UUID.randomUUID().toString();
            twin.candidacyId = candidate.candidacyId();
            twin.personId = candidate.personId();
            twin.clusterId = UUID.randomUUID().toString();
            twin.trainingYear = TrainingYear.findById("knelpunt-module-4b-1");
            twin.province = be.vdab.okot.events.Province.ANT;
            twin.startDate = LocalDate.of(2020, 9, 7);
            twin.plannedEndDate = LocalDate.of(2020, 12, 18);
            twin.createdAt = Instant.now();
            twin.createdBy = "test";
            twin.moduleCandidacyId = candidate.candidacyId();
            twin.persist();
            Contract.flush();
        }));
        assertThat(DatabaseConflicts.of(refused)).contains(DatabaseConflicts.Kind.DUPLICATE);
        asCounsellor().queryParam("candidacyId", candidate.candidacyId()).when().get("/contracts").then()
                .statusCode(200).body("total", equalTo(1));
    }

    @Test
    void aCancelledModuleContractLetsTheCandidacyGetTheRightOne() {
        Candidate candidate = candidacy(MODULE_4B, ScreeningCompleted.Decision.APPROVED, null);
        String id = asCounsellor().body(contract(candidate, "knelpunt-module-4b-1", "2020-06-08", "2020-08-31"))
                .when().post("/contracts").then().statusCode(201).extract().path("id");
        asCounsellor().when().post("/contracts/{id}/cancellation", id).then().statusCode(200);

        asCounsellor().body(contract(candidate, "knelpunt-module-4b-1", "2020-06-15", "2020-08-31"))
                .when().post("/contracts").then().statusCode(201);
        asCounsellor().body(contract(candidate, "knelpunt-module-4b-1", "2020-09-07", "2020-12-18"))
                .when().post("/contracts").then().statusCode(409).body("type", containsString("module-has-one-training"));
    }

    @Test
    void anOkotCandidacyStillGetsAContractPerTrainingYear() {
        Candidate candidate = candidacy(ContractTest.KLEUTER, ScreeningCompleted.Decision.APPROVED, null);
        asCounsellor().body(contract(candidate, "908001", "2020-09-21", "2021-06-30")).when().post("/contracts")
                .then().statusCode(201);
        asCounsellor().body(contract(candidate, "908002", "2021-09-20", "2022-06-30")).when().post("/contracts")
                .then().statusCode(201);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Contract.count("candidacyId = ?1 and moduleCandidacyId is null",
                candidate.candidacyId()))).isEqualTo(2);
    }

    private static Callable<Response> post(String body) {
        return () -> asCounsellor().body(body).when().post("/contracts");
    }

    private static long outboxEvents() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count());
    }

    private static long contracts() {
        return QuarkusTransaction.requiringNew().call(() -> Contract.count());
    }
}
