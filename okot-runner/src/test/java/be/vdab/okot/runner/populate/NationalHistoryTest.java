package be.vdab.okot.runner.populate;

import be.vdab.okot.events.CloudEventHeaders;
import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.intake.CandidacySubmitted;
import be.vdab.okot.events.intake.ScreeningCompleted;
import be.vdab.okot.events.outcome.ClusterRule;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.OutflowRecorded;
import be.vdab.okot.runner.demo.Catalogue;
import be.vdab.okot.runner.demo.ShippedCatalogue;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated history against the event contract and the rules the consumers apply (shipped catalogue). */
class NationalHistoryTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 3, 15);
    private static Catalogue catalogue;

    @BeforeAll
    static void shippedCatalogue() throws IOException {
        catalogue = ShippedCatalogue.load();
    }

    private static List<NationalHistory.Event> history(long seed, int persons) {
        List<NationalHistory.Event> events = new ArrayList<>();
        new NationalHistory(catalogue, seed, 2013, 2022, TODAY).generate(persons, events::add);
        return events;
    }

    @Test
    void everyRecordPassesTheConsumersDecodingAndValidation() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        for (NationalHistory.Event event : history(7, 3000)) {
            ProducerRecord<String, String> record = TopicWriter.record(event);
            EventType type = EventType.ofCeType(header(record, CloudEventHeaders.TYPE)).orElseThrow();
            OkotEvent decoded = EventJson.read(record.value(), type.payloadType());

            assertThat(validator.validate(decoded)).as("%s", record.value()).isEmpty();
            assertThat(decoded).isEqualTo(event.payload());
            assertThat(record.topic()).isEqualTo(type.topic());
            assertThat(record.key()).isEqualTo(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(decoded.subject());
            assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo(TopicWriter.SOURCE_BY_TOPIC.get(type.topic()));
            assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(header(record, CloudEventHeaders.TIME)).isEqualTo(event.time().toString());
            assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(event.id());
        }
    }

    @Test
    void theSameSeedGivesTheSameHistoryAndEveryIdIsUnique() {
        List<NationalHistory.Event> first = history(11, 2000);
        List<NationalHistory.Event> again = history(11, 2000);
        List<NationalHistory.Event> other = history(12, 2000);

        assertThat(again).isEqualTo(first);
        Set<String> ids = first.stream().map(NationalHistory.Event::id).collect(Collectors.toSet());
        assertThat(ids).hasSize(first.size());
        assertThat(other.stream().map(NationalHistory.Event::id)).doesNotContainAnyElementsOf(ids);
        Set<String> persons = first.stream().map(event -> event.payload().subject()).collect(Collectors.toSet());
        assertThat(persons).hasSize(2000);
    }

    @Test
    void trajectoriesFollowTheFlowAndNothingLiesAfterToday() {
        Map<String, String> stepOfCandidacy = new HashMap<>();
        Map<String, ContractStarted> contracts = new HashMap<>();
        Map<String, CourseEnded> currentEnd = new HashMap<>();
        Map<String, Integer> contractsOfCluster = new HashMap<>();
        Set<Integer> startYears = new HashSet<>();
        for (NationalHistory.Event event : history(5, 5000)) {
            assertThat(event.time()).isBefore(TODAY.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            OkotEvent payload = event.payload();
            if (payload instanceof CandidacySubmitted submitted) {
                    assertThat(stepOfCandidacy.put(submitted.candidacyId(), "SUBMITTED")).isNull();
                    assertThat(submitted.status()).isEqualTo(submitted.ocmwId() != null
                            ? "AWAITING_FORMAL_AGREEMENT" : "AWAITING_SCREENING");
            } else if (payload instanceof ScreeningCompleted screened) {
                    assertThat(stepOfCandidacy.put(screened.candidacyId(), screened.decision().name())).isNotNull();
                    assertThat(screened.screenedOn()).isBeforeOrEqualTo(TODAY);
            } else if (payload instanceof ContractStarted started) {
                    assertThat(stepOfCandidacy.get(started.candidacyId())).isEqualTo("APPROVED");
                    int year = contractsOfCluster.merge(started.clusterId(), 1, Integer::sum);
                    assertThat(started.training().year()).isEqualTo(year);
                    assertThat(started.training().programme()).isEqualTo("OKOT");
                    contracts.put(started.contractId(), started);
                    startYears.add(started.startDate().getYear());
            } else if (payload instanceof CourseEnded ended) {
                    ContractStarted started = contracts.get(ended.contractId());
                    assertThat(started).as("the start comes first").isNotNull();
                    assertThat(ended.clusterId()).isEqualTo(started.clusterId());
                    assertThat(ended.endDate()).isAfter(ended.startDate()).isBeforeOrEqualTo(TODAY);
                    CourseEnded before = currentEnd.put(ended.contractId(), ended);
                    assertThat(ended.revision()).isEqualTo(before == null ? 1 : before.revision() + 1);
                    var closure = ClusterRule.closure(new ClusterRule.LastEnd(ended.training().finalYear(),
                            ended.endDate(), ended.result(), ended.stopReason()));
                    assertThat(ended.clusterClosed()).isEqualTo(closure.isPresent());
                    assertThat(ended.measurementDate()).isEqualTo(closure.map(ClusterRule.Closure::measurementDate).orElse(null));
            } else if (payload instanceof OutflowRecorded outflow) {
                    CourseEnded last = currentEnd.values().stream()
                            .filter(end -> end.clusterId().equals(outflow.clusterId()))
                            .max(java.util.Comparator.comparing(CourseEnded::startDate)).orElseThrow();
                    assertThat(last.clusterClosed()).isTrue();
                    assertThat(outflow.clusterEnd()).isEqualTo(last.endDate());
                    assertThat(outflow.measurementDate()).isEqualTo(last.endDate().plusMonths(3));
                    assertThat(outflow.measuredOn()).isBetween(outflow.measurementDate(), TODAY);
            }
        }
        assertThat(startYears).contains(2013, 2018, 2023);
        assertThat(contractsOfCluster.values()).contains(1, 2, 3);
        assertThat(currentEnd.values()).anyMatch(end -> end.revision() == 2)
                .anyMatch(end -> end.stopReason() == CourseEnded.StopReason.REORIENTATION);
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
