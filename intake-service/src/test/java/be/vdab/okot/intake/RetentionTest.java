package be.vdab.okot.intake;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.OutflowRecorded;
import be.vdab.okot.intake.persistence.TimelineEntry;
import be.vdab.okot.messaging.MessagingConfig;
import be.vdab.okot.messaging.inbox.ProcessedEvent;
import be.vdab.okot.messaging.inbox.ProcessedEventPurge;
import be.vdab.okot.messaging.outbox.OutboxMessage;
import be.vdab.okot.messaging.outbox.OutboxRelay;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import be.vdab.okot.web.idempotency.IdempotencyKeyPurge;
import be.vdab.okot.web.idempotency.IdempotentRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.selfCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The scheduled purges remove only what they may (issue 14, storage per write): a processed-event row within
 * {@code okot.consumer.processed-retention} still makes the consumer refuse a copy of its event arriving through
 * Kafka, and only older rows go; only outbox rows published longer ago than {@code okot.outbox.retention} go,
 * never an unpublished one; an {@code Idempotency-Key} within {@code okot.idempotency.retention} still replays
 * the first answer, and an older one is purged, after which the domain refuses the repetition. Each purge is the
 * one the scheduler calls, with the configured window; the rows are aged by setting their times back.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class RetentionTest {

    private static final String COURSE = "pba-verpleegkunde";
    private static final TrainingYearRef FINAL_YEAR = new TrainingYearRef(COURSE, COURSE + "-1",
            "PBA Verpleegkunde 1ste jaar", 1, true, "PBA", "ZORG", "OKOT");
    private static final LocalDate END = LocalDate.of(2020, 6, 30);

    @Inject
    ProcessedEventPurge processedEvents;

    @Inject
    OutboxRelay relay;

    @Inject
    IdempotencyKeyPurge idempotencyKeys;

    @Inject
    MessagingConfig config;

    @ConfigProperty(name = "okot.idempotency.retention", defaultValue = "P1D")
    Duration keyRetention;

    @BeforeEach
    void catalogue() {
        IntakeFixtures.catalogue();
    }

    @AfterEach
    void resumeRelay() {
        relay.resume();
    }

    @Test
    void aProcessedRowWithinTheWindowStillRefusesACopyFromKafkaAndOnlyOlderRowsArePurged() {
        Duration window = config.consumer().processedRetention();
        String candidacyId = approvedCandidacy(LocalDate.of(1988, 2, 17));
        String personId = asCounsellor().when().get("/candidacies/{id}", candidacyId).then().extract().path("personId");
        OutflowRecorded outflow = new OutflowRecorded(UUID.randomUUID().toString(), candidacyId,
                new PersonProfile(personId, LocalDate.of(1988, 2, 17), Gender.V), FINAL_YEAR, Province.OVL, END,
                CourseEnded.Ending.POSITIVE, END.plusMonths(3), END.plusMonths(3), true);
        String eventId = UUID.randomUUID().toString();
        publishAndAwait(outflow, eventId);
        assertThat(outflowEntries(candidacyId)).isEqualTo(1);

        // applied a day less than the window ago: the purge keeps it, and the copy the relay would re-send is refused
        age("processed_at", "okot_processed_event", "event_id", eventId, window.minusDays(1));
        processedEvents.purge();
        assertThat(processed(eventId)).isTrue();
        publishAndAwait(outflow, eventId);
        assertThat(outflowEntries(candidacyId)).as("a copy within the window is a duplicate").isEqualTo(1);

        // applied an hour more than the window ago: purged, while a row applied just now stays
        String young = UUID.randomUUID().toString();
        publishAndAwait(outflow, young);
        assertThat(outflowEntries(candidacyId)).isEqualTo(2); // another event id: another measurement
        age("processed_at", "okot_processed_event", "event_id", eventId, window.plusHours(1));
        assertThat(processedEvents.purge()).isGreaterThanOrEqualTo(1);
        assertThat(processed(eventId)).isFalse();
        assertThat(processed(young)).isTrue();

        // what the window protects against: a copy later than the window is applied again
        publishAndAwait(outflow, eventId);
        assertThat(outflowEntries(candidacyId)).isEqualTo(3);
    }

    @Test
    void onlyOutboxRowsPublishedLongerAgoThanTheRetentionArePurgedNeverAnUnpublishedOne() {
        Duration retention = config.outbox().retention();
        String old = submitted(selfCandidacy(LocalDate.of(1979, 8, 3), COURSE));
        String recent = submitted(selfCandidacy(LocalDate.of(1979, 8, 4), COURSE));
        await().atMost(Duration.ofSeconds(20)).until(() -> published(old) && published(recent));
        relay.suspend();
        String waiting = submitted(selfCandidacy(LocalDate.of(1979, 8, 5), COURSE));
        QuarkusTransaction.requiringNew().run(() -> OutboxMessage.update(
                "publishedAt = ?1 where messageKey = (select c.person.personId from Candidacy c where c.id = ?2)",
                Instant.now().minus(retention).minusSeconds(3600), old));
        QuarkusTransaction.requiringNew().run(() -> OutboxMessage.update(
                "occurredAt = ?1 where messageKey = (select c.person.personId from Candidacy c where c.id = ?2)",
                Instant.now().minus(retention).minusSeconds(3600), waiting));

        relay.purgeOldRows();

        assertThat(outboxRows(old)).isZero();
        assertThat(outboxRows(recent)).isEqualTo(1);
        assertThat(outboxRows(waiting)).isEqualTo(1);
        relay.resume();
        await().atMost(Duration.ofSeconds(20)).until(() -> published(waiting));
    }

    @Test
    void aKeyWithinItsWindowStillReplaysAndAnOlderOneIsPurgedAfterWhichTheDomainRefusesTheRepetition() {
        String key = UUID.randomUUID().toString();
        String body = selfCandidacy(LocalDate.of(1991, 11, 23), COURSE);
        String first = asCounsellor().header("Idempotency-Key", key).body(body).when().post("/candidacies")
                .then().statusCode(201).extract().path("id");
        String other = UUID.randomUUID().toString();
        asCounsellor().header("Idempotency-Key", other).body(selfCandidacy(LocalDate.of(1991, 11, 24), COURSE))
                .when().post("/candidacies").then().statusCode(201);

        ageKey(key, keyRetention.minusHours(1));
        idempotencyKeys.purge();
        asCounsellor().header("Idempotency-Key", key).body(body).when().post("/candidacies")
                .then().statusCode(201).header("Idempotent-Replayed", "true").header("Location", containsString(first));

        ageKey(key, keyRetention.plusHours(1));
        assertThat(idempotencyKeys.purge()).isGreaterThanOrEqualTo(1);
        assertThat(keys(key)).isZero();
        assertThat(keys(other)).isEqualTo(1);
        IntakeFixtures.State before = IntakeFixtures.State.now();
        asCounsellor().header("Idempotency-Key", key).body(body).when().post("/candidacies")
                .then().statusCode(409);
        before.assertUnchanged();
    }

    /** A SELF candidacy approved in 2019. */
    private static String approvedCandidacy(LocalDate birthDate) {
        String id = submitted(selfCandidacy(birthDate, COURSE)
                .replace("\"province\": \"OVL\",", "\"province\": \"OVL\", \"submittedOn\": \"2019-03-02\","));
        asCounsellor().body(IntakeFixtures.screening("APPROVED").replaceFirst("\"probableStartDate\": \"[0-9-]+\"",
                        "\"probableStartDate\": \"2019-09-16\", \"screenedOn\": \"2019-06-10\""))
                .when().post("/candidacies/{id}/screening", id).then().statusCode(200);
        return id;
    }

    /**
     * Publishes the event under this id as outcome-service would, followed by a marker event for the same person
     * (same partition, so applied after it), and waits for the marker: by then the event was applied or refused.
     */
    private static void publishAndAwait(OutflowRecorded event, String eventId) {
        EventType type = EventType.of(event);
        String markerId = UUID.randomUUID().toString();
        OutflowRecorded marker = new OutflowRecorded(event.clusterId(), UUID.randomUUID().toString(), event.person(),
                event.lastTraining(), event.province(), event.clusterEnd(), event.ending(), event.measurementDate(),
                event.measuredOn(), event.atWork()); // of no candidacy intake knows: changes nothing
        new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).sendAtOnce(List.of(
                new KafkaTestClient.Outgoing(type.topic(), event.subject(), EventJson.write(event),
                        KafkaTestClient.cloudEventHeaders(eventId, type.ceType(), event.subject())),
                new KafkaTestClient.Outgoing(type.topic(), marker.subject(), EventJson.write(marker),
                        KafkaTestClient.cloudEventHeaders(markerId, type.ceType(), marker.subject()))));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(eventId) && processed(markerId));
    }

    private static boolean processed(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.isProcessed(eventId));
    }

    private static long outflowEntries(String candidacyId) {
        return QuarkusTransaction.requiringNew().call(() ->
                TimelineEntry.count("candidacyId = ?1 and step = 'OUTFLOW_MEASURED'", candidacyId));
    }

    private static void age(String column, String table, String key, String id, Duration ago) {
        QuarkusTransaction.requiringNew().run(() -> ProcessedEvent.getEntityManager()
                .createNativeQuery("update " + table + " set " + column + " = ?1 where " + key + " = ?2")
                .setParameter(1, Instant.now().minus(ago)).setParameter(2, id).executeUpdate());
    }

    private static void ageKey(String key, Duration ago) {
        QuarkusTransaction.requiringNew().run(() -> IdempotentRequest.update("createdAt = ?1 where idempotencyKey = ?2",
                Instant.now().minus(ago), key));
    }

    private static long keys(String key) {
        return QuarkusTransaction.requiringNew().call(() -> IdempotentRequest.count("idempotencyKey", key));
    }

    private static boolean published(String candidacyId) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count(
                "publishedAt is not null and messageKey = (select c.person.personId from Candidacy c where c.id = ?1)", candidacyId) > 0);
    }

    private static long outboxRows(String candidacyId) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count(
                "messageKey = (select c.person.personId from Candidacy c where c.id = ?1)", candidacyId));
    }
}
