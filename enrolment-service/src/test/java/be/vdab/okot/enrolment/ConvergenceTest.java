package be.vdab.okot.enrolment;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.ReferralKind;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.intake.CandidacySubmitted;
import be.vdab.okot.events.intake.ScreeningCompleted;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.CourseEnded.Result;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * enrolment-service's knowledge of approvals (intake's topic) and of actual ends (outcome's topic,
 * next to its own cancellations) converges: each pair of steps that can interleave is applied in
 * both orders (events published onto the real topics, each applied before the next step) and the two
 * contracts must end in the same state, read through the API.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class ConvergenceTest {

    private static final String KLEUTER = "onderwijs-educatieve-bachelor-kleuteronderwijs";
    private static final TrainingYearRef YEAR_1 = new TrainingYearRef(KLEUTER, "908001", "Kleuteronderwijs 1ste jaar", 1,
            false, "PBA", "ONDERWIJS", "OKOT");
    private static final LocalDate START = LocalDate.of(2020, 9, 21);

    /** A candidacy known here and, once {@link #contract()} ran, its contract. */
    static final class Trajectory {
        final String candidacyId = UUID.randomUUID().toString();
        final PersonProfile person = new PersonProfile(UUID.randomUUID().toString(), LocalDate.of(1990, 3, 3), Gender.V);
        String contractId;

        CandidacySubmitted submitted() {
            return new CandidacySubmitted(candidacyId, person, LocalDate.of(2020, 3, 2), Instant.now(), KLEUTER,
                    Province.ANT, ReferralKind.SELF, null, "AWAITING_SCREENING");
        }

        ScreeningCompleted approved() {
            return new ScreeningCompleted(candidacyId, person, KLEUTER, Province.ANT, ReferralKind.SELF, null,
                    ScreeningCompleted.Decision.APPROVED, LocalDate.of(2020, 6, 1), START, "KdG");
        }

        CourseEnded ended(int revision, LocalDate endDate, Result result) {
            return new CourseEnded(contractId, candidacyId, UUID.randomUUID().toString(), revision, person, YEAR_1,
                    Province.ANT, START, endDate, result, result == Result.STOPPED ? CourseEnded.StopReason.BY_CLIENT : null,
                    true, CourseEnded.Ending.NON_POSITIVE, endDate.plusMonths(3));
        }

        /** POST /contracts: the status code says whether the candidacy is known here as approved. */
        int contract() {
            var response = asCounsellor().body("""
                    { "candidacyId": "%s", "trainingCode": "908001", "province": "ANT", "school": "KdG",
                      "startDate": "%s", "plannedEndDate": "2021-06-30" }""".formatted(candidacyId, START))
                    .when().post("/contracts").then().extract();
            if (response.statusCode() == 201) {
                contractId = response.path("id");
            }
            return response.statusCode();
        }

        void cancel() {
            asCounsellor().when().post("/contracts/{id}/cancellation", contractId).then().statusCode(200);
        }

        /** What the API shows of the contract that may differ with the order: cancelled and actual end. */
        Map<String, Object> view() {
            var json = asCounsellor().when().get("/contracts/{id}", contractId).then().statusCode(200).extract().jsonPath();
            return Map.of("cancelled", json.getBoolean("cancelled"), "endDate", String.valueOf(json.getString("endDate")));
        }
    }

    record Pair(String name, Consumer<Trajectory> before, Consumer<Trajectory> one, Consumer<Trajectory> other,
                Map<String, Object> expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Pair> pairs() {
        Consumer<Trajectory> withContract = t -> {
            apply(t.submitted());
            apply(t.approved());
            assertThat(t.contract()).isEqualTo(201);
        };
        return Stream.of(
                new Pair("course.ended (outcome) x its contract's cancellation (here)", withContract,
                        t -> apply(t.ended(1, LocalDate.of(2021, 3, 31), Result.STOPPED)),
                        Trajectory::cancel,
                        Map.of("cancelled", true, "endDate", "2021-03-31")),
                new Pair("course.ended revision 1 x revision 2", withContract,
                        t -> apply(t.ended(1, LocalDate.of(2021, 3, 31), Result.STOPPED)),
                        t -> apply(t.ended(2, LocalDate.of(2021, 6, 30), Result.FAILED)),
                        Map.of("cancelled", false, "endDate", "2021-06-30")),
                new Pair("screening.completed x a late or redelivered candidacy.submitted",
                        t -> { },
                        t -> apply(t.submitted()),
                        t -> apply(t.approved()),
                        Map.of("cancelled", false, "endDate", "null")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void bothOrdersOfAPairGiveTheSameState(Pair pair) {
        Trajectory inOrder = new Trajectory();
        pair.before().accept(inOrder);
        pair.one().accept(inOrder);
        pair.other().accept(inOrder);

        Trajectory reversed = new Trajectory();
        pair.before().accept(reversed);
        pair.other().accept(reversed);
        pair.one().accept(reversed);

        for (Trajectory trajectory : new Trajectory[] {inOrder, reversed}) {
            if (trajectory.contractId == null) {
                assertThat(trajectory.contract()).as("the approval is known whatever the order").isEqualTo(201);
            }
        }
        assertThat(reversed.view()).as("the reverse order").isEqualTo(inOrder.view()).isEqualTo(pair.expected());
    }

    /** Publishes the event on its topic as its producer would, and waits until enrolment-service applied it. */
    private static void apply(OkotEvent event) {
        EventType type = EventType.of(event);
        String eventId = UUID.randomUUID().toString();
        new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).send(type.topic(), event.subject(),
                EventJson.write(event), KafkaTestClient.cloudEventHeaders(eventId, type.ceType(), event.subject()));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ProcessedEvent.isProcessed(eventId)));
    }

    private static RequestSpecification asCounsellor() {
        return given().auth().oauth2(TestTokens.counsellor()).contentType(ContentType.JSON);
    }
}
