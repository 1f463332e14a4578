package be.vdab.okot.intake;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractCancelled;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.events.outcome.OutflowRecorded;
import be.vdab.okot.messaging.inbox.ProcessedEvent;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.function.Function;
import java.util.stream.Stream;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.selfCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The candidacy's status and timeline converge whatever order the events of enrolment-service
 * ({@code okot.enrolment.v1}) and outcome-service ({@code okot.outcome.v1}) are applied in: each pair
 * of events that can interleave is published onto the real topics in both orders, each event applied
 * before the next is sent, and the two candidacies must end in the same state, read through the API.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class TrajectoryConvergenceTest {

    private static final String COURSE = "pba-verpleegkunde";
    private static final TrainingYearRef YEAR_1 = new TrainingYearRef(COURSE, COURSE + "-1", "PBA Verpleegkunde 1ste jaar",
            1, false, "PBA", "ZORG", "OKOT");
    private static final TrainingYearRef YEAR_2 = new TrainingYearRef(COURSE, COURSE + "-2", "PBA Verpleegkunde 2de jaar",
            2, false, "PBA", "ZORG", "OKOT");
    private static final LocalDate FIRST_START = LocalDate.of(2020, 9, 21);
    private static final LocalDate SECOND_START = LocalDate.of(2021, 9, 20);
    private static final LocalDate END = LocalDate.of(2021, 6, 30);

    /** An approved candidacy with the ids of its cluster and of two contracts. */
    record Trajectory(String candidacyId, PersonProfile person, String clusterId, String first, String second) {

        ContractStarted started(String contractId, TrainingYearRef year, LocalDate start) {
            return new ContractStarted(contractId, candidacyId, clusterId, person, year, Province.OVL, "HOGENT", start,
                    start.plusMonths(9));
        }

        CourseEnded ended(String contractId, TrainingYearRef year, LocalDate start, int revision, LocalDate end,
                          Result result, StopReason reason, boolean clusterClosed) {
            return new CourseEnded(contractId, candidacyId, clusterId, revision, person, year, Province.OVL, start, end,
                    result, reason, clusterClosed, clusterClosed ? CourseEnded.Ending.NON_POSITIVE : null,
                    clusterClosed ? end.plusMonths(3) : null);
        }

        ContractCancelled cancelled(String contractId) {
            return new ContractCancelled(contractId, candidacyId, clusterId, person.personId(),
                    Instant.parse("2021-10-04T08:00:00Z"));
        }

        OutflowRecorded outflow() {
            return new OutflowRecorded(clusterId, candidacyId, person, YEAR_1, Province.OVL, END,
                    CourseEnded.Ending.NON_POSITIVE, END.plusMonths(3), END.plusMonths(3), false);
        }

        /** The candidacy as the API shows it, with its own ids replaced by their role, to compare two candidacies. */
        Map<String, Object> view() {
            JsonPath json = asCounsellor().when().get("/candidacies/{id}", candidacyId).then().statusCode(200)
                    .extract().jsonPath();
            List<String> timeline = new ArrayList<>();
            for (Map<String, Object> entry : json.<Map<String, Object>>getList("timeline")) {
                timeline.add(entry.get("step") + " " + entry.get("on") + " " + entry.get("detail") + " "
                        + roleOf(entry.get("reference")));
            }
            return Map.of("status", json.getString("status"), "timeline", timeline);
        }

        private String roleOf(Object reference) {
            return reference == null ? "-" : reference.equals(first) ? "first contract"
                    : reference.equals(second) ? "second contract" : reference.equals(clusterId) ? "cluster" : "?";
        }
    }

    /** Two events that can reach intake in either order, after some that came before both. */
    record Pair(String name, Function<Trajectory, List<OkotEvent>> before, Function<Trajectory, OkotEvent> one,
                Function<Trajectory, OkotEvent> other, String expectedStatus) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Pair> pairs() {
        return Stream.of(
                new Pair("course.ended FAILED year 1 x contract.started of the repeated year",
                        t -> List.of(t.started(t.first(), YEAR_1, FIRST_START)),
                        t -> t.ended(t.first(), YEAR_1, FIRST_START, 1, END, Result.FAILED, null, true),
                        t -> t.started(t.second(), YEAR_1, SECOND_START),
                        "ENROLLED"),
                new Pair("course.ended x contract.started of the same contract",
                        t -> List.of(),
                        t -> t.started(t.first(), YEAR_1, FIRST_START),
                        t -> t.ended(t.first(), YEAR_1, FIRST_START, 1, END, Result.STOPPED, StopReason.BY_CLIENT, true),
                        "CLOSED"),
                new Pair("course.ended STOPPED year 1 x contract.cancelled year 2",
                        t -> List.of(t.started(t.first(), YEAR_1, FIRST_START), t.started(t.second(), YEAR_2, SECOND_START)),
                        t -> t.ended(t.first(), YEAR_1, FIRST_START, 1, END, Result.STOPPED, StopReason.BY_CLIENT, false),
                        t -> t.cancelled(t.second()),
                        "CLOSED"),
                new Pair("course.ended FAILED x contract.cancelled of the only contract",
                        t -> List.of(t.started(t.first(), YEAR_1, FIRST_START)),
                        t -> t.ended(t.first(), YEAR_1, FIRST_START, 1, END, Result.FAILED, null, true),
                        t -> t.cancelled(t.first()),
                        "APPROVED"),
                new Pair("course.ended revision 1 (reorientation) x revision 2 (FAILED)",
                        t -> List.of(t.started(t.first(), YEAR_1, FIRST_START)),
                        t -> t.ended(t.first(), YEAR_1, FIRST_START, 1, END.minusMonths(3), Result.STOPPED,
                                StopReason.REORIENTATION, false),
                        t -> t.ended(t.first(), YEAR_1, FIRST_START, 2, END, Result.FAILED, null, true),
                        "CLOSED"),
                new Pair("outflow.recorded x course.ended revision 2 reopening the cluster",
                        t -> List.of(t.started(t.first(), YEAR_1, FIRST_START),
                                t.ended(t.first(), YEAR_1, FIRST_START, 1, END, Result.FAILED, null, true)),
                        t -> t.outflow(),
                        t -> t.ended(t.first(), YEAR_1, FIRST_START, 2, END.plusMonths(2), Result.PASSED, null, false),
                        "ENROLLED"));
    }

    @BeforeEach
    void catalogue() {
        IntakeFixtures.catalogue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void bothOrdersOfAPairGiveTheSameStatusAndTimeline(Pair pair) {
        Trajectory inOrder = approvedCandidacy();
        pair.before().apply(inOrder).forEach(TrajectoryConvergenceTest::apply);
        apply(pair.one().apply(inOrder));
        apply(pair.other().apply(inOrder));

        Trajectory reversed = approvedCandidacy();
        pair.before().apply(reversed).forEach(TrajectoryConvergenceTest::apply);
        apply(pair.other().apply(reversed));
        apply(pair.one().apply(reversed));

        Map<String, Object> expected = inOrder.view();
        assertThat(reversed.view()).as("the reverse order").isEqualTo(expected);
        assertThat(expected.get("status")).isEqualTo(pair.expectedStatus());
    }

    @Test
    void aCandidacyWhoseContractsAreAllCancelledIsApprovedAgainNotClosed() {
        Trajectory trajectory = approvedCandidacy();
        apply(trajectory.started(trajectory.first(), YEAR_1, FIRST_START));
        apply(trajectory.ended(trajectory.first(), YEAR_1, FIRST_START, 1, END, Result.FAILED, null, true));
        assertThat(trajectory.view().get("status")).isEqualTo("CLOSED");

        apply(trajectory.cancelled(trajectory.first()));
        assertThat(trajectory.view().get("status")).isEqualTo("APPROVED");
        // the approval stands: a contract started later enrols the candidacy again
        apply(trajectory.started(trajectory.second(), YEAR_1, SECOND_START));
        assertThat(trajectory.view().get("status")).isEqualTo("ENROLLED");
    }

    @Test
    void theTimelineIsInBusinessOrderWhateverTheArrivalOrder() {
        Trajectory trajectory = approvedCandidacy();
        // the second year's start arrives before the first year's start and end
        apply(trajectory.started(trajectory.second(), YEAR_2, SECOND_START));
        apply(trajectory.ended(trajectory.first(), YEAR_1, FIRST_START, 1, END, Result.PASSED, null, false));
        apply(trajectory.started(trajectory.first(), YEAR_1, FIRST_START));

        List<?> timeline = (List<?>) trajectory.view().get("timeline");
        assertThat(timeline).extracting(entry -> entry.toString().split(" ")[0]).containsExactly("CANDIDACY_SUBMITTED",
                "JOB_SEEKER_REGISTERED", "SCREENING", "CONTRACT_STARTED", "COURSE_ENDED", "CONTRACT_STARTED");
        assertThat(timeline.get(3).toString()).endsWith("first contract");
        assertThat(timeline.get(5).toString()).endsWith("second contract");
        assertThat(trajectory.view().get("status")).isEqualTo("ENROLLED");
    }

    /** A SELF candidacy submitted, screened and approved in 2020, before any contract. */
    private static Trajectory approvedCandidacy() {
        LocalDate birthDate = LocalDate.of(1990, 4, 12);
        String id = submitted(selfCandidacy(birthDate, COURSE)
                .replace("\"province\": \"OVL\",", "\"province\": \"OVL\", \"submittedOn\": \"2020-03-02\","));
        asCounsellor().body(IntakeFixtures.screening("APPROVED").replaceFirst("\"probableStartDate\": \"[0-9-]+\"",
                        "\"probableStartDate\": \"2020-09-14\", \"screenedOn\": \"2020-06-10\""))
                .when().post("/candidacies/{id}/screening", id).then().statusCode(200);
        String personId = asCounsellor().when().get("/candidacies/{id}", id).then().extract().path("personId");
        return new Trajectory(id, new PersonProfile(personId, birthDate, Gender.V), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
    }

    /** Publishes the event on its topic as its producer would, and waits until intake-service applied it. */
    private static void apply(OkotEvent event) {
        EventType type = EventType.of(event);
        String eventId = UUID.randomUUID().toString();
        new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).send(type.topic(), event.subject(),
                EventJson.write(event), KafkaTestClient.cloudEventHeaders(eventId, type.ceType(), event.subject()));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ProcessedEvent.isProcessed(eventId)));
    }
}
