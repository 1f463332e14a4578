package be.vdab.okot.intake;

import be.vdab.okot.events.Topics;
import be.vdab.okot.messaging.persistence.DurableCommits;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.InjectMock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.selfCandidacy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.when;

/**
 * No event leaves before its change is durable: the outbox relay is woken right after the commit, while the embedded
 * H2 may still hold the commit only in memory (README, "An answered write is a durable write"). With the flush held
 * (the test stands in for {@link DurableCommits} and completes its flush when it chooses), a candidacy is committed
 * and its event is in the outbox, yet neither the answer nor the event comes; once the flush completes, both do.
 * Without the wait the event reached Kafka while the change could still be lost to a kill (a phantom event).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class OutboxWaitsForDurableCommitTest {

    @InjectMock
    DurableCommits durableCommits;

    private final CompletableFuture<Void> flush = new CompletableFuture<>();

    @BeforeEach
    void holdTheFlush() throws Exception {
        when(durableCommits.durable()).thenReturn(CompletableFuture.completedFuture(null));
        IntakeFixtures.catalogue();
        when(durableCommits.durable()).thenReturn(flush);
        doAnswer(invocation -> flush.get(60, TimeUnit.SECONDS)).when(durableCommits).awaitDurable();
    }

    @Test
    void theEventOfACommittedWriteWaitsForTheFlushAsItsAnswerDoes() throws Exception {
        KafkaTestClient kafka = new KafkaTestClient(KafkaBrokerResource.bootstrapServers());
        int published = everyEvent(kafka).size();
        LocalDate birthDate = LocalDate.of(1981, 6, 2);
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> asCounsellor()
                .body(selfCandidacy(birthDate, "pba-verpleegkunde")).when().post("/candidacies"));

        // only intake-service publishes on its topic, and its relay is the one held
        assertThat(everyEvent(kafka)).as("events published while the flush is held").hasSize(published);
        assertThat(answer).as("the answer waits for the flush too").isNotDone();

        flush.complete(null);
        Response created = answer.get(30, TimeUnit.SECONDS);
        assertThat(created.statusCode()).isEqualTo(201);
        String personId = created.path("personId");
        assertThat(kafka.await(Topics.INTAKE, record -> personId.equals(record.key()), Duration.ofSeconds(20)))
                .as("the event, once the change is in the file").hasSize(1);
    }

    /** Every record on intake-service's topic, read for 3 s (records published a moment later show). */
    private static List<ConsumerRecord<String, String>> everyEvent(KafkaTestClient kafka) {
        return kafka.awaitAtLeast(Topics.INTAKE, record -> true, Integer.MAX_VALUE, Duration.ofSeconds(3));
    }
}
