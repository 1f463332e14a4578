package be.vdab.okot.outcome;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractCancelled;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.messaging.inbox.ProcessedEvent;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cluster's state converges whatever order its facts come in: course ends (this service's API)
 * and contract starts and cancellations (enrolment's topic). Each pair is applied in both orders,
 * each step done before the next, and the two clusters must show the same state through the API;
 * and an end recorded at the same moment as the repeated year's start must leave the cluster open.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class ClusterConvergenceTest {

    private static final TrainingYearRef YEAR_1 = new TrainingYearRef("pba-verpleegkunde", "pba-verpleegkunde-1",
            "PBA Verpleegkunde 1ste jaar", 1, false, "PBA", "ZORG", "OKOT");
    private static final TrainingYearRef YEAR_2 = new TrainingYearRef("pba-verpleegkunde", "pba-verpleegkunde-2",
            "PBA Verpleegkunde 2de jaar", 2, false, "PBA", "ZORG", "OKOT");
    private static final LocalDate FIRST_START = LocalDate.of(2019, 9, 2);
    private static final LocalDate SECOND_START = LocalDate.of(2020, 9, 1);
    /** The first year ends 2020-06-30: a closed cluster is due for its measurement on 2020-09-30. */
    private static final String FIRST_END = "2020-06-30";
    private static final String DUE_ON = "2020-09-30";

    /** A cluster of one candidacy with two contract ids. */
    static final class Cluster {
        final String clusterId = UUID.randomUUID().toString();
        final String candidacyId = UUID.randomUUID().toString();
        final PersonProfile person = new PersonProfile(UUID.randomUUID().toString(), LocalDate.of(1988, 8, 8), Gender.M);
        final String first = UUID.randomUUID().toString();
        final String second = UUID.randomUUID().toString();

        ContractStarted started(String contractId, TrainingYearRef year, LocalDate start) {
            return new ContractStarted(contractId, candidacyId, clusterId, person, year, Province.LIM, "PXL", start,
                    start.plusMonths(10));
        }

        ContractCancelled cancelled(String contractId) {
            return new ContractCancelled(contractId, candidacyId, clusterId, person.personId(), Instant.now());
        }

        /** PUT /contracts/{id}/end of the first year: 200, or 404 once the contract is cancelled. */
        int end(String result, String reason) {
            return asCounsellor().body("{ \"endDate\": \"%s\", \"result\": \"%s\"%s }".formatted(FIRST_END, result,
                            reason == null ? "" : ", \"stopReason\": \"" + reason + "\""))
                    .when().put("/contracts/{id}/end", first).then().extract().statusCode();
        }

        /** The cluster as the due list shows it on its measurement date: absent while open (or gone). */
        Map<String, Object> view() {
            var json = asCounsellor().queryParam("on", DUE_ON).queryParam("from", DUE_ON).queryParam("size", 200)
                    .when().get("/outflow/due").then().statusCode(200).extract().jsonPath();
            Map<String, Object> item = json.getMap("items.find { it.clusterId == '" + clusterId + "' }");
            if (item == null) {
                return Map.of("state", "open or gone");
            }
            return Map.of("state", "closed", "clusterEnd", item.get("clusterEnd"), "ending", item.get("ending"));
        }
    }

    record Pair(String name, Consumer<Cluster> before, Consumer<Cluster> one, Consumer<Cluster> other,
                Map<String, Object> expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Pair> pairs() {
        Consumer<Cluster> firstYear = c -> apply(c.started(c.first, YEAR_1, FIRST_START));
        return Stream.of(
                new Pair("end FAILED year 1 x contract.started of the repeated year", firstYear,
                        c -> assertThat(c.end("FAILED", null)).isEqualTo(200),
                        c -> apply(c.started(c.second, YEAR_1, SECOND_START)),
                        Map.of("state", "open or gone")),
                new Pair("end STOPPED year 1 x contract.cancelled of year 2",
                        firstYear.andThen(c -> apply(c.started(c.second, YEAR_2, SECOND_START))),
                        c -> assertThat(c.end("STOPPED", "BY_CLIENT")).isEqualTo(200),
                        c -> apply(c.cancelled(c.second)),
                        Map.of("state", "closed", "clusterEnd", FIRST_END, "ending", "NON_POSITIVE")),
                new Pair("end FAILED x contract.cancelled of the only contract", firstYear,
                        c -> c.end("FAILED", null), // 404 once the contract is cancelled
                        c -> apply(c.cancelled(c.first)),
                        Map.of("state", "open or gone")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void bothOrdersOfAPairGiveTheSameClusterState(Pair pair) {
        Cluster inOrder = new Cluster();
        pair.before().accept(inOrder);
        pair.one().accept(inOrder);
        pair.other().accept(inOrder);

        Cluster reversed = new Cluster();
        pair.before().accept(reversed);
        pair.other().accept(reversed);
        pair.one().accept(reversed);

        assertThat(reversed.view()).as("the reverse order").isEqualTo(inOrder.view()).isEqualTo(pair.expected());
    }

    @Test
    void anEndAndTheRepeatedYearsStartAtTheSameMomentLeaveTheClusterOpen() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Cluster> clusters = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                Cluster cluster = new Cluster();
                apply(cluster.started(cluster.first, YEAR_1, FIRST_START));
                String startEvent = UUID.randomUUID().toString();
                CountDownLatch go = new CountDownLatch(1);
                Future<Integer> end = pool.submit(() -> {
                    go.await();
                    return cluster.end("FAILED", null);
                });
                Future<?> start = pool.submit(() -> {
                    go.await();
                    publish(cluster.started(cluster.second, YEAR_1, SECOND_START), startEvent);
                    return null;
                });
                go.countDown();
                assertThat(end.get()).isEqualTo(200);
                start.get();
                awaitApplied(startEvent);
                clusters.add(cluster);
            }
            assertThat(clusters).allSatisfy(cluster ->
                    assertThat(cluster.view()).as("cluster " + cluster.clusterId).isEqualTo(Map.of("state", "open or gone")));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Publishes the event on its topic as enrolment-service would, and waits until outcome-service applied it. */
    private static void apply(OkotEvent event) {
        String eventId = UUID.randomUUID().toString();
        publish(event, eventId);
        awaitApplied(eventId);
    }

    private static void publish(OkotEvent event, String eventId) {
        EventType type = EventType.of(event);
        new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).send(type.topic(), event.subject(),
                EventJson.write(event), KafkaTestClient.cloudEventHeaders(eventId, type.ceType(), event.subject()));
    }

    private static void awaitApplied(String eventId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ProcessedEvent.isProcessed(eventId)));
    }

    private static RequestSpecification asCounsellor() {
        return given().auth().oauth2(TestTokens.counsellor()).contentType(ContentType.JSON);
    }
}
