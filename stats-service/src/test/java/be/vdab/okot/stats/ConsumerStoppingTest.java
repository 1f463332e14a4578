package be.vdab.okot.stats;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.Topics;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.messaging.inbox.EventConsumer;
import be.vdab.okot.messaging.inbox.EventHandler;
import be.vdab.okot.messaging.inbox.IncomingEvent;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer whose service is stopping leaves the poll it is applying unacknowledged: an event that fails
 * then (here as when the persistence unit is closing under it) is neither retried nor dead-lettered, and its
 * offset is not committed, so the next start reads it again. A service of its own (a test profile) with a
 * handler that fails on one training: the poll stays unacknowledged for the rest of that run.
 */
@QuarkusTest
@TestProfile(ConsumerStoppingTest.FailingHandlerProfile.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class ConsumerStoppingTest {

    private static final String FAILING = "tko-stopping-1";
    private static final String GROUP = "stats-service";
    private static final TrainingYearRef TKO = new TrainingYearRef("tko-stopping", FAILING, "TKO stopping", 1, true, "TKO",
            "HORECA", "OKOT");

    /** Only in this test's profile: fails on the contracts of one training, as a closing EntityManagerFactory does. */
    @Alternative
    @ApplicationScoped
    public static class FailingHandler implements EventHandler {
        static final AtomicInteger CALLS = new AtomicInteger();

        @Override
        public Set<EventType> handledTypes() {
            return Set.of(EventType.CONTRACT_STARTED);
        }

        @Override
        public void handle(IncomingEvent event) {
            if (event.payload() instanceof ContractStarted started && FAILING.equals(started.training().trainingCode())) {
                CALLS.incrementAndGet();
                throw new IllegalStateException("EntityManagerFactory is closed");
            }
        }
    }

    public static class FailingHandlerProfile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FailingHandler.class);
        }
    }

    @Inject
    EventConsumer consumer;

    @Test
    void anEventFailingWhileTheServiceStopsIsLeftForTheNextStartNotDeadLettered() throws Exception {
        ConcurrentLinkedQueue<String> consumerLog = new ConcurrentLinkedQueue<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                consumerLog.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(EventConsumer.class.getName());
        logger.addHandler(capture);
        try {
            stopping(); // what the ShutdownEvent does

            String eventId = UUID.randomUUID().toString();
            PersonProfile person = new PersonProfile(UUID.randomUUID().toString(), LocalDate.of(1991, 2, 3), Gender.V);
            ContractStarted started = new ContractStarted(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(), person, TKO, Province.OVL, "CVO Gent", LocalDate.of(2006, 1, 9),
                    LocalDate.of(2006, 6, 30));
            KafkaTestClient kafka = new KafkaTestClient(KafkaBrokerResource.bootstrapServers());
            kafka.send(EventType.CONTRACT_STARTED.topic(), started.subject(), EventJson.write(started),
                    KafkaTestClient.cloudEventHeaders(eventId, EventType.CONTRACT_STARTED.ceType(), started.subject()));

            await().atMost(Duration.ofSeconds(30)).until(() -> consumerLog.stream()
                    .anyMatch(message -> message.contains("The service is stopping; the poll stays unacknowledged")));
            // the poll's transaction and the first attempt of its own: no retry, then
            assertThat(FailingHandler.CALLS.get()).isEqualTo(2);
            assertThat(consumerLog).noneMatch(message -> message.contains("Dead-lettering"));
            assertThat(kafka.awaitAtLeast(Topics.deadLetter("stats-service"),
                    record -> eventId.equals(KafkaTestClient.header(record, "ce_id")), 0, Duration.ofSeconds(5))).isEmpty();
            // nothing of it was applied, and the group's offset stays before it: the next start reads it again
            assertThat(given().auth().oauth2(TestTokens.analyst()).get("/stats/starts?year=2006&training=" + FAILING)
                    .then().statusCode(200).extract().jsonPath().getLong("total")).isZero();
            ConsumerRecord<String, String> published = kafka.await(EventType.CONTRACT_STARTED.topic(),
                    record -> eventId.equals(KafkaTestClient.header(record, "ce_id")), Duration.ofSeconds(10)).get(0);
            assertThat(committed(new TopicPartition(published.topic(), published.partition())))
                    .isLessThanOrEqualTo(published.offset());
        } finally {
            logger.removeHandler(capture);
        }
    }

    /** Sets the consumer's stopping flag by its observer of the ShutdownEvent (firing one would stop the service). */
    private void stopping() throws Exception {
        Object bean = ClientProxy.unwrap(consumer);
        Method onStop = EventConsumer.class.getDeclaredMethod("onStop", io.quarkus.runtime.ShutdownEvent.class);
        onStop.setAccessible(true);
        onStop.invoke(bean, new io.quarkus.runtime.ShutdownEvent());
    }

    /** The service group's committed offset on the partition; 0 when it never committed there. */
    private static long committed(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = offsets.get(partition);
            return offset == null ? 0 : offset.offset();
        }
    }
}
