package be.vdab.okot.intake;

import be.vdab.okot.events.Topics;
import be.vdab.okot.messaging.outbox.OutboxRelay;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.time.LocalDate;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.selfCandidacy;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stalled outbox is visible in operation: {@code okot_outbox_oldest_unpublished_age_seconds}
 * reports how long the oldest unpublished event has waited while the relay is held, a WARN names it once it waited
 * longer than the stall warning (5 s), and the age drops to 0 once the event reached Kafka.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class OutboxStallVisibilityTest {

    @Inject
    OutboxRelay relay;

    @BeforeEach
    void catalogue() {
        IntakeFixtures.catalogue();
    }

    /** The WARNs of the relay's logger while a test runs. */
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(new SimpleFormatter().formatMessage(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        Logger.getLogger(OutboxRelay.class.getName()).addHandler(capture);
    }

    @AfterEach
    void resumeRelay() {
        Logger.getLogger(OutboxRelay.class.getName()).removeHandler(capture);
        relay.resume();
    }

    @Test
    void theOldestUnpublishedAgeGrowsWhileTheRelayIsHeldAndReturnsToZeroOncePublished() {
        await().atMost(Duration.ofSeconds(20)).until(() -> oldestUnpublishedAge() == 0.0);
        relay.suspend();
        LocalDate birthDate = LocalDate.of(1977, 3, 14);
        String personId = asCounsellor().body(selfCandidacy(birthDate, "pba-verpleegkunde"))
                .when().post("/candidacies").then().statusCode(201).extract().path("personId");

        await().atMost(Duration.ofSeconds(20)).until(() -> oldestUnpublishedAge() >= 1.5);
        assertThat(backlog()).isGreaterThanOrEqualTo(1.0);
        await().atMost(Duration.ofSeconds(20)).until(() -> warnings.stream()
                .anyMatch(warning -> warning.contains("has waited") && warning.contains("the relay is suspended")));

        relay.resume();
        assertThat(new KafkaTestClient(KafkaBrokerResource.bootstrapServers())
                .await(Topics.INTAKE, record -> personId.equals(record.key()), Duration.ofSeconds(20))).hasSize(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> oldestUnpublishedAge() == 0.0);
    }

    private static double oldestUnpublishedAge() {
        return metric("okot_outbox_oldest_unpublished_age_seconds");
    }

    private static double backlog() {
        return metric("okot_outbox_backlog");
    }

    private static double metric(String name) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " is not exported"));
    }
}
