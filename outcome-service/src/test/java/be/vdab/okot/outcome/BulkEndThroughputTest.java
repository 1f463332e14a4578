package be.vdab.okot.outcome;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.Topics;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.outcome.persistence.ContractFact;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static be.vdab.okot.outcome.BulkEndTest.item;
import static be.vdab.okot.outcome.OutcomeTest.asCounsellor;
import static be.vdab.okot.outcome.OutcomeTest.end;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A measurement, not a check (run with {@code -Dokot.bench.bulk=true}): course ends per second through
 * {@code PUT /contracts/{id}/end} one after the other against the same number in one {@code POST /contracts/ends},
 * on the test's H2 and broker; printed on standard output.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
@EnabledIfSystemProperty(named = "okot.bench.bulk", matches = "true")
class BulkEndThroughputTest {

    private static final int ENDS = 1_000;

    @Test
    void singleCallsAgainstOneBulkCall() {
        List<String> single = started(ENDS);
        List<String> bulk = started(ENDS);
        String end = end("2021-06-30", "PASSED", null);

        long start = System.nanoTime();
        for (String contractId : single) {
            asCounsellor().body(end).when().put("/contracts/{id}/end", contractId).then().statusCode(200);
        }
        double singleSeconds = (System.nanoTime() - start) / 1e9;
        String body = "[" + String.join(",", bulk.stream().map(contractId -> item(contractId, end)).toList()) + "]";
        start = System.nanoTime();
        asCounsellor().body(body).when().post("/contracts/ends").then().statusCode(200).body("accepted", equalTo(ENDS));
        double bulkSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        asCounsellor().body(body).when().post("/contracts/ends").then().statusCode(200).body("accepted", equalTo(ENDS));
        double repeatSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BULK-BENCH course ends: %d single PUTs %.1f s (%.0f/s); one POST /contracts/ends %.1f s (%.0f/s); "
                + "the same import again (unchanged) %.1f s (%.0f/s)%n", ENDS, singleSeconds, ENDS / singleSeconds,
                bulkSeconds, ENDS / bulkSeconds, repeatSeconds, ENDS / repeatSeconds);
    }

    private static List<String> started(int count) {
        List<KafkaTestClient.Outgoing> records = new ArrayList<>();
        List<String> contractIds = new ArrayList<>();
        // a first year passed leaves the cluster open: a thousand closed clusters would flood the other tests' due lists
        TrainingYearRef training = new TrainingYearRef("pba-verpleegkunde", "pba-verpleegkunde-1", "PBA Verpleegkunde", 1,
                false, "PBA", "ZORG", "OKOT");
        for (int i = 0; i < count; i++) {
            String contractId = UUID.randomUUID().toString();
            String personId = UUID.randomUUID().toString();
            contractIds.add(contractId);
            ContractStarted started = new ContractStarted(contractId, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    new PersonProfile(personId, LocalDate.of(1988, 8, 8), Gender.M), training, Province.LIM, "PXL",
                    LocalDate.of(2020, 9, 1), LocalDate.of(2021, 6, 30));
            records.add(new KafkaTestClient.Outgoing(Topics.ENROLMENT, personId, EventJson.write(started),
                    KafkaTestClient.cloudEventHeaders(null, "okot.contract.started", personId)));
        }
        new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).sendAtOnce(records);
        await().atMost(Duration.ofSeconds(120)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ContractFact.count("contractId in ?1", contractIds)) == count);
        return contractIds;
    }
}
