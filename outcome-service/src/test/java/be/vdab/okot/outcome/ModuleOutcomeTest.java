package be.vdab.okot.outcome;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.Topics;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.outcome.OutcomeTest.Started;
import be.vdab.okot.outcome.persistence.ContractFact;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static be.vdab.okot.outcome.OutcomeTest.asCounsellor;
import static be.vdab.okot.outcome.OutcomeTest.end;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * figures.md F7, outflow: a module 4a/4b cluster is its one training and closes when that training ends with any
 * result (ClusterRule.closureOf; a stop to reorient or a registration-technical stop too, which leave an OKOT
 * cluster open), so it appears on /outflow/due 3 months later and takes its measurement.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class ModuleOutcomeTest {

    @ParameterizedTest
    @CsvSource(value = {
            "PASSED, , POSITIVE",
            "FAILED, , NON_POSITIVE",
            "STOPPED, BY_CLIENT, NON_POSITIVE",
            "STOPPED, EMPLOYMENT, POSITIVE",
            "STOPPED, REORIENTATION, NON_POSITIVE",
            "STOPPED, REGISTRATION_TECHNICAL, NON_POSITIVE"})
    void aModuleTrainingsEndClosesItsClusterWhateverTheResult(String result, String reason, String ending) {
        Started module = moduleStarted("KNELPUNT_4B", LocalDate.of(2020, 1, 6));
        asCounsellor().body(end("2020-05-29", result, reason)).when().put("/contracts/{id}/end", module.contractId())
                .then().statusCode(200).body("clusterId", equalTo(module.clusterId()));

        List<ConsumerRecord<String, String>> events = new KafkaTestClient(KafkaBrokerResource.bootstrapServers())
                .await(Topics.OUTCOME, record -> module.personId().equals(record.key()), Duration.ofSeconds(20));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).value()).contains("\"clusterClosed\":true", "\"ending\":\"" + ending + "\"",
                "\"measurementDate\":\"2020-08-29\"", "\"programme\":\"KNELPUNT_4B\"");

        asCounsellor().queryParam("on", "2020-08-28").queryParam("size", 200).when().get("/outflow/due").then()
                .statusCode(200).body("items.clusterId", not(hasItem(module.clusterId())));
        asCounsellor().queryParam("on", "2020-08-29").queryParam("size", 200).when().get("/outflow/due").then()
                .statusCode(200)
                .body("items.find { it.clusterId == '" + module.clusterId() + "' }.clusterEnd", equalTo("2020-05-29"))
                .body("items.find { it.clusterId == '" + module.clusterId() + "' }.measurementDate", equalTo("2020-08-29"));

        asCounsellor().body("{ \"measuredOn\": \"2020-08-31\", \"atWork\": true }")
                .when().post("/clusters/{id}/outflow", module.clusterId()).then().statusCode(200).body("atWork", equalTo(true));
        List<ConsumerRecord<String, String>> recorded = new KafkaTestClient(KafkaBrokerResource.bootstrapServers())
                .await(Topics.OUTCOME, record -> module.personId().equals(record.key())
                        && "okot.outflow.recorded".equals(KafkaTestClient.header(record, "ce_type")), Duration.ofSeconds(20));
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).value()).contains("\"atWork\":true", "\"clusterEnd\":\"2020-05-29\"");
        asCounsellor().queryParam("on", "2020-09-30").queryParam("size", 200).when().get("/outflow/due").then()
                .body("items.clusterId", not(hasItem(module.clusterId())));
    }

    @Test
    void aStopToReorientClosesAModuleClusterButLeavesAnOkotClusterOpen() {
        Started module = moduleStarted("KNELPUNT_4A", LocalDate.of(2020, 2, 3));
        Started okot = OutcomeTest.started(false, LocalDate.of(2019, 9, 2), null, null);
        asCounsellor().body(end("2020-04-30", "STOPPED", "REORIENTATION")).when().put("/contracts/{id}/end", module.contractId())
                .then().statusCode(200);
        asCounsellor().body(end("2020-04-30", "STOPPED", "REORIENTATION")).when().put("/contracts/{id}/end", okot.contractId())
                .then().statusCode(200);

        asCounsellor().queryParam("on", "2020-07-31").queryParam("size", 200).when().get("/outflow/due").then()
                .statusCode(200)
                .body("items.clusterId", hasItem(module.clusterId()))
                .body("items.clusterId", not(hasItem(okot.clusterId())));
        // a running module training is not closed: no measurement yet
        Started running = moduleStarted("KNELPUNT_4A", LocalDate.of(2020, 2, 3));
        asCounsellor().body("{ \"measuredOn\": \"2020-08-31\", \"atWork\": true }")
                .when().post("/clusters/{id}/outflow", running.clusterId()).then().statusCode(409);
    }

    /** A module 4a/4b contract as enrolment-service publishes it: one training year, its final one. */
    private static Started moduleStarted(String programme, LocalDate start) {
        String contractId = UUID.randomUUID().toString();
        String clusterId = UUID.randomUUID().toString();
        String personId = UUID.randomUUID().toString();
        String candidacyId = UUID.randomUUID().toString();
        String course = programme.equals("KNELPUNT_4A") ? "knelpunt-module-4a" : "knelpunt-module-4b";
        TrainingYearRef training = new TrainingYearRef(course, course + "-1", course, 1, true, "MODULE", "KNELPUNT", programme);
        ContractStarted started = new ContractStarted(contractId, candidacyId, clusterId,
                new PersonProfile(personId, LocalDate.of(1994, 4, 4), Gender.V), training, Province.WVL, "VDAB Brugge",
                start, start.plusMonths(5));
        new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).send(Topics.ENROLMENT, started.subject(),
                EventJson.write(started), KafkaTestClient.cloudEventHeaders(null, "okot.contract.started", started.subject()));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ContractFact.findById(contractId) != null));
        return new Started(contractId, clusterId, personId, candidacyId);
    }
}
