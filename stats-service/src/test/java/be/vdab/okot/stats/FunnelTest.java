package be.vdab.okot.stats;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.ReferralKind;
import be.vdab.okot.events.Topics;
import be.vdab.okot.events.intake.CandidacySubmitted;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import be.vdab.okot.testing.KafkaTestClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** F8 from real events on the real broker: counting, de-duplication, dead letters. Each test owns a year. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class FunnelTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void countsEachSubmittedCandidacyInTheYearOfItsSubmission() {
        publish(UUID.randomUUID().toString(), submitted(LocalDate.of(2016, 3, 1), ReferralKind.OCMW));
        publish(UUID.randomUUID().toString(), submitted(LocalDate.of(2016, 12, 31), ReferralKind.SELF));
        publish(UUID.randomUUID().toString(), submitted(LocalDate.of(2017, 1, 1), ReferralKind.SELF));

        awaitFunnelTotal(2016, 2);
        awaitFunnelTotal(2017, 1);
        given().auth().oauth2(TestTokens.analyst()).queryParam("year", 2016).queryParam("by", "referral")
                .when().get("/stats/funnel")
                .then().statusCode(200)
                .body("figure", equalTo("funnel"))
                .body("unit", equalTo("candidacies"))
                .body("period.from", equalTo("2016-01-01"))
                .body("period.to", equalTo("2016-12-31"))
                .body("by", equalTo(List.of("referral")))
                .body("rows.find { it.key[0] == 'SUBMITTED' && it.key[1] == 'OCMW' }.value", equalTo(1))
                .body("rows.find { it.key[0] == 'SUBMITTED' && it.key[1] == 'SELF' }.value", equalTo(1))
                .body("rows.find { it.key[0] == 'SUBMITTED' && it.key[1] == 'SELF' }.label[0]", equalTo("Kandidaatstellingen"))
                .body("provisional", equalTo(false));
        given().auth().oauth2(TestTokens.analyst()).queryParam("from", "2016-12-31").queryParam("to", "2017-01-01")
                .when().get("/stats/funnel")
                .then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void aRedeliveredEventOrARepublishedCandidacyCountsOnce() {
        CandidacySubmitted candidacy = submitted(LocalDate.of(2015, 6, 1), ReferralKind.VDAB);
        String eventId = UUID.randomUUID().toString();
        publish(eventId, candidacy);
        publish(eventId, candidacy);
        publish(UUID.randomUUID().toString(), candidacy);
        CandidacySubmitted marker = submitted(LocalDate.of(2015, 6, 2), ReferralKind.VDAB);
        publish(UUID.randomUUID().toString(), marker);

        // the marker comes after the duplicates on its partition or another: wait until both are in, then stay at 2
        awaitFunnelTotal(2015, 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(funnelTotal(2015)).isEqualTo(2));
    }

    @Test
    void deadLettersUndecodableEventsWithTheReasonAndGoesOn() {
        KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
        String personId = UUID.randomUUID().toString();
        kafka.send(Topics.INTAKE, personId, "{not json",
                KafkaTestClient.cloudEventHeaders(null, "okot.candidacy.submitted", personId));
        Map<String, String> noId = KafkaTestClient.cloudEventHeaders(null, "okot.candidacy.submitted", personId);
        noId.remove("ce_id");
        kafka.send(Topics.INTAKE, personId, EventJson.write(submitted(LocalDate.of(2014, 1, 2), ReferralKind.SELF)), noId);
        kafka.send(Topics.INTAKE, personId, "{\"candidacyId\":\"x\"}",
                KafkaTestClient.cloudEventHeaders(null, "okot.candidacy.submitted", personId));
        publish(UUID.randomUUID().toString(), submitted(LocalDate.of(2014, 5, 5), ReferralKind.SELF));

        awaitFunnelTotal(2014, 1);
        List<ConsumerRecord<String, String>> deadLetters = kafka.awaitAtLeast(Topics.deadLetter("stats-service"),
                record -> personId.equals(record.key()), 3, Duration.ofSeconds(20));
        assertThat(deadLetters).hasSize(3);
        assertThat(deadLetters).extracting(record -> KafkaTestClient.header(record, "dead-letter-reason"))
                .anySatisfy(reason -> assertThat(reason).contains("not a valid CandidacySubmitted"))
                .anySatisfy(reason -> assertThat(reason).contains("Missing CloudEvents header ce_id"))
                .anySatisfy(reason -> assertThat(reason).contains("Invalid okot.candidacy.submitted"));
    }

    @Test
    void anEventItsHandlerKeepsFailingOnIsDeadLetteredAfterAFewAttemptsAndConsumptionGoesOn() {
        KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
        String tooLong = "course-" + "x".repeat(150); // valid JSON and contract, but no column takes it
        kafka.send(Topics.ENROLMENT, tooLong, EventJson.write(new be.vdab.okot.events.enrolment.OfferPublished(2013,
                        tooLong, Province.ANT, List.of())),
                KafkaTestClient.cloudEventHeaders(null, "okot.offer.published", tooLong));
        publish(UUID.randomUUID().toString(), submitted(LocalDate.of(2013, 5, 5), ReferralKind.SELF));

        awaitFunnelTotal(2013, 1);
        List<ConsumerRecord<String, String>> deadLetters = kafka.await(Topics.deadLetter("stats-service"),
                record -> tooLong.equals(record.key()), Duration.ofSeconds(30));
        assertThat(deadLetters).hasSize(1);
        assertThat(KafkaTestClient.header(deadLetters.get(0), "dead-letter-reason")).contains("Failed 5 times");
    }

    /**
     * A backlog arrives as one poll, applied in one transaction: the bad events in it (undecodable, or one
     * its handler keeps failing on) are dead-lettered alone, each good event counts once however often it
     * is in the poll, and the poll was applied as a batch (the batch-size meter saw more than one event).
     */
    @Test
    void aPollWithBadEventsAndRepeatsInItAppliesEachGoodEventOnceAndDeadLettersTheRest() {
        LocalDate leapDay = LocalDate.of(2012, 2, 29);
        String badKey = UUID.randomUUID().toString();
        String tooLong = "course-" + "y".repeat(150);
        List<KafkaTestClient.Outgoing> poll = new java.util.ArrayList<>();
        List<String> repeatedIds = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            CandidacySubmitted candidacy = submitted(leapDay, i % 2 == 0 ? ReferralKind.SELF : ReferralKind.VDAB);
            String eventId = UUID.randomUUID().toString();
            poll.add(outgoing(eventId, candidacy));
            if (i % 10 == 3) {
                repeatedIds.add(eventId);
                poll.add(outgoing(eventId, candidacy)); // redelivered in the same poll
            }
            if (i == 12) {
                poll.add(new KafkaTestClient.Outgoing(Topics.INTAKE, badKey, "{not json",
                        KafkaTestClient.cloudEventHeaders(null, "okot.candidacy.submitted", badKey)));
            }
            if (i == 25) {
                poll.add(new KafkaTestClient.Outgoing(Topics.ENROLMENT, badKey, EventJson.write(
                        new be.vdab.okot.events.enrolment.OfferPublished(2012, tooLong, Province.ANT, List.of())),
                        KafkaTestClient.cloudEventHeaders(null, "okot.offer.published", badKey)));
            }
        }
        double pollsBefore = batchMeter("count");
        KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
        kafka.sendAtOnce(poll);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().auth().oauth2(TestTokens.analyst())
                .queryParam("from", leapDay.toString()).queryParam("to", leapDay.toString()).when().get("/stats/funnel")
                .then().statusCode(200).extract().<Integer>path("total")).isEqualTo(40));
        List<ConsumerRecord<String, String>> deadLetters = kafka.awaitAtLeast(Topics.deadLetter("stats-service"),
                record -> badKey.equals(record.key()), 2, Duration.ofSeconds(30));
        assertThat(deadLetters).extracting(record -> KafkaTestClient.header(record, "dead-letter-reason"))
                .hasSize(2)
                .anySatisfy(reason -> assertThat(reason).contains("not a valid CandidacySubmitted"))
                .anySatisfy(reason -> assertThat(reason).contains("Failed 5 times"));
        assertThat(repeatedIds).hasSize(4);
        // 44 good records and 2 bad ones took fewer polls than records: they were applied in batches
        assertThat(batchMeter("count") - pollsBefore).isLessThan(40);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(
                given().auth().oauth2(TestTokens.analyst()).queryParam("from", leapDay.toString())
                        .queryParam("to", leapDay.toString()).when().get("/stats/funnel").then().extract().<Integer>path("total"))
                .isEqualTo(40));
    }

    private KafkaTestClient.Outgoing outgoing(String eventId, CandidacySubmitted event) {
        return new KafkaTestClient.Outgoing(Topics.INTAKE, event.subject(), EventJson.write(event),
                KafkaTestClient.cloudEventHeaders(eventId, "okot.candidacy.submitted", event.subject()));
    }

    /** A statistic of the consumer's batch-size meter from /q/metrics (count: polls applied). */
    private static double batchMeter(String statistic) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("okot_consumer_batch_events_" + statistic))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void refusesAnIncompleteOrContradictoryPeriod() {
        given().auth().oauth2(TestTokens.analyst()).when().get("/stats/funnel").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("from"));
        given().auth().oauth2(TestTokens.analyst()).queryParam("year", 2020).queryParam("from", "2020-01-01").queryParam("to", "2020-02-01")
                .when().get("/stats/funnel").then().statusCode(400).body("violations.field", hasItem("year"));
        given().auth().oauth2(TestTokens.analyst()).queryParam("from", "2020-02-01").queryParam("to", "2020-01-01")
                .when().get("/stats/funnel").then().statusCode(400).body("violations.field", hasItem("to"));
        given().auth().oauth2(TestTokens.analyst()).queryParam("year", 2020).queryParam("by", "planet")
                .when().get("/stats/funnel").then().statusCode(400).body("violations.field", hasItem("by"));
    }

    @Test
    void onlyAnalystsReadFigures() {
        given().queryParam("year", 2020).when().get("/stats/funnel").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.signedByAStranger()).queryParam("year", 2020)
                .when().get("/stats/funnel").then().statusCode(401);
        given().auth().oauth2(TestTokens.counsellor()).queryParam("year", 2020)
                .when().get("/stats/funnel").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aPeriodThatEndedLessThanTheGracePeriodAgoIsProvisional() {
        given().auth().oauth2(TestTokens.analyst()).queryParam("year", LocalDate.now().getYear())
                .when().get("/stats/funnel").then().statusCode(200).body("provisional", equalTo(true));
    }

    private void publish(String eventId, CandidacySubmitted event) {
        new KafkaTestClient(bootstrapServers).send(Topics.INTAKE, event.subject(), EventJson.write(event),
                KafkaTestClient.cloudEventHeaders(eventId, "okot.candidacy.submitted", event.subject()));
    }

    private static CandidacySubmitted submitted(LocalDate on, ReferralKind referral) {
        return new CandidacySubmitted(UUID.randomUUID().toString(),
                new PersonProfile(UUID.randomUUID().toString(), LocalDate.of(1990, 4, 1), Gender.M),
                on, Instant.parse(on + "T10:00:00Z"), "pba-verpleegkunde", Province.ANT, referral,
                referral == ReferralKind.OCMW ? "ocmw-antwerpen" : null, "AWAITING_SCREENING");
    }

    private static void awaitFunnelTotal(int year, int expected) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(funnelTotal(year)).isEqualTo(expected));
    }

    private static int funnelTotal(int year) {
        return given().auth().oauth2(TestTokens.analyst()).queryParam("year", year).when().get("/stats/funnel")
                .then().statusCode(200).extract().path("total");
    }
}
