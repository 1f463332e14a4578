package be.vdab.okot.events;

import be.vdab.okot.events.intake.CandidacySubmitted;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

    private final CandidacySubmitted submitted = new CandidacySubmitted("c-1",
            new PersonProfile("p-1", LocalDate.of(1985, 7, 30), Gender.V),
            LocalDate.of(2020, 3, 2), Instant.parse("2020-03-02T09:15:00Z"),
            "pba-verpleegkunde", Province.OVL, ReferralKind.OCMW, "ocmw-gent", "AWAITING_FORMAL_AGREEMENT");

    @Test
    void writesDatesAsIsoStringsAndReadsTheSameEventBack() {
        String json = EventJson.write(submitted);

        assertThat(json).contains("\"birthDate\":\"1985-07-30\"", "\"submittedAt\":\"2020-03-02T09:15:00Z\"");
        assertThat(EventJson.read(json, CandidacySubmitted.class)).isEqualTo(submitted);
    }

    @Test
    void toleratesFieldsAddedByANewerProducer() {
        String json = EventJson.write(submitted).replaceFirst("\\{", "{\"addedLater\":42,");

        assertThat(EventJson.read(json, CandidacySubmitted.class)).isEqualTo(submitted);
    }

    @Test
    void refusesPayloadsThatAreNotTheEventType() {
        assertThatThrownBy(() -> EventJson.read("{not json", CandidacySubmitted.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("CandidacySubmitted");
        assertThatThrownBy(() -> EventJson.read("", CandidacySubmitted.class))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventJson.read("{\"province\":\"MARS\"}", CandidacySubmitted.class))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void refusesAmbiguousOrCoercedPayloadsButNotAddedFields() {
        String json = EventJson.write(submitted);
        assertThatThrownBy(() -> EventJson.read(json.replace("\"province\":\"OVL\"", "\"province\":\"OVL\",\"province\":\"ANT\""),
                CandidacySubmitted.class)).isInstanceOf(MalformedEventException.class).hasMessageContaining("Duplicate field");
        assertThatThrownBy(() -> EventJson.read(json.replace("\"province\":\"OVL\"", "\"province\":2"),
                CandidacySubmitted.class)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void everyEventTypeHasItsOwnCeTypeAndAKnownTopic() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::ceType)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(EventType.values()).map(EventType::topic)).allMatch(Topics.ALL::contains);
        assertThat(EventType.ofCeType("okot.candidacy.submitted")).contains(EventType.CANDIDACY_SUBMITTED);
        assertThat(EventType.of(submitted)).isEqualTo(EventType.CANDIDACY_SUBMITTED);
        assertThat(EventType.ofCeType("okot.unknown")).isEmpty();
    }
}
