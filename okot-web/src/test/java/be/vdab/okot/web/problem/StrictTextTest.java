package be.vdab.okot.web.problem;

import be.vdab.okot.web.json.StrictJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** StrictText through the request mapper and the words a client gets (JsonViolations). */
class StrictTextTest {

    enum Decision { APPROVED, REJECTED }

    record Person(String name, String remarks) {
    }

    record Screening(Decision decision, LocalDate probableStartDate, Person person, List<String> schools) {
    }

    private final ObjectMapper mapper = StrictJson.apply(new ObjectMapper().registerModule(new JavaTimeModule()));

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            "name": "A\\u0000B"              | person.name       | must not contain control characters
            "name": "An\\u001b[31m"          | person.name       | must not contain control characters
            "name": "An\\u007f"              | person.name       | must not contain control characters
            "remarks": "\\u0000"             | person.remarks    | must not contain control characters
            "decision": " REJECTED"          | decision          | must be one of APPROVED, REJECTED
            "decision": "REJECTED\\u0000"    | decision          | must be one of APPROVED, REJECTED
            "decision": "REJECTED\\n"        | decision          | must be one of APPROVED, REJECTED
            "probableStartDate": " 2021-09-01" | probableStartDate | must be a date (yyyy-MM-dd)
            "probableStartDate": "\\t2021-09-01\\n" | probableStartDate | must be a date (yyyy-MM-dd)
            "probableStartDate": "2021-09-01\\u0000" | probableStartDate | must be a date (yyyy-MM-dd)
            "schools": ["Syntra\\u0000"]     | schools[0]        | must not contain control characters
            """)
    void refusesControlCharactersAndPaddedCodes(String change, String field, String message) {
        String json = valid().replace(change.substring(0, change.indexOf(':')) + ": " + original(change), change);
        assertThat(json).isNotEqualTo(valid());

        JsonProcessingException refused = catchThrowableOfType(JsonProcessingException.class,
                () -> mapper.readValue(json, Screening.class));

        assertThat(refused).as(json).isNotNull();
        JsonViolations.Refusal refusal = JsonViolations.of(refused);
        assertThat(refusal.violation().field()).isEqualTo(field);
        assertThat(refusal.violation().message()).startsWith(message).doesNotContain("\u0000", "REJECTED\n");
    }

    @Test
    void keepsTabsAndLineBreaksInFreeTextAndExactCodes() throws Exception {
        Screening read = mapper.readValue(valid().replace("\"remarks\": \"ok\"", "\"remarks\": \"line 1\\n\\tline 2\\r\\n\""),
                Screening.class);

        assertThat(read.person().remarks()).isEqualTo("line 1\n\tline 2\r\n");
        assertThat(read.decision()).isEqualTo(Decision.APPROVED);
        assertThat(read.probableStartDate()).isEqualTo(LocalDate.of(2021, 9, 1));
        assertThat(read.schools()).containsExactly("Syntra");
    }

    private static String valid() {
        return """
                {"decision": "APPROVED", "probableStartDate": "2021-09-01",
                 "person": {"name": "An", "remarks": "ok"}, "schools": ["Syntra"]}""";
    }

    /** The valid value of the field the change replaces. */
    private static String original(String change) {
        String field = change.substring(1, change.indexOf('"', 1));
        return switch (field) {
            case "name" -> "\"An\"";
            case "remarks" -> "\"ok\"";
            case "decision" -> "\"APPROVED\"";
            case "probableStartDate" -> "\"2021-09-01\"";
            case "schools" -> "[\"Syntra\"]";
            default -> throw new IllegalArgumentException(field);
        };
    }
}
