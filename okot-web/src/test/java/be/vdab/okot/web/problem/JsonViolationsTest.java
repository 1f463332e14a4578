package be.vdab.okot.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A body that is not JSON the reader takes is malformed JSON, also when it fails inside an item of a list. */
class JsonViolationsTest {

    private static final ObjectMapper READER = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> ITEMS = new TypeReference<>() {
    };

    @Test
    void aListThatBreaksOffInsideAnItemIsMalformedNotAValueOfTheWrongKind() {
        JsonViolations.Refusal refusal = JsonViolations.of(refused(READER, "[{\"name\": \"An\"}, {\"na"));
        assertThat(refusal.violation()).isNull();
        assertThat(refusal.detail()).startsWith("The request body is not valid JSON");
    }

    @Test
    void anItemBeyondTheReadersLimitsIsMalformedNotAValueOfTheWrongKind() {
        ObjectMapper shallow = new ObjectMapper();
        shallow.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(5).build());
        JsonViolations.Refusal refusal = JsonViolations.of(refused(shallow, "[{\"a\": [[[[[[1]]]]]]}]"));
        assertThat(refusal.violation()).isNull();
        assertThat(refusal.detail()).startsWith("The request body exceeds a limit of the JSON reader");
    }

    @Test
    void aValueOfTheWrongKindInAnItemStillNamesItsField() {
        TypeReference<List<Map<String, Integer>>> numbers = new TypeReference<>() {
        };
        JsonProcessingException refused = catchThrowableOfType(JsonProcessingException.class,
                () -> READER.readValue("[{\"year\": 1}, {\"year\": [2]}]", numbers));
        assertThat(JsonViolations.of(refused).violation()).isNotNull();
        assertThat(JsonViolations.of(refused).violation().field()).isEqualTo("[1].year");
    }

    private static JsonProcessingException refused(ObjectMapper reader, String body) {
        return catchThrowableOfType(JsonProcessingException.class, () -> reader.readValue(body, ITEMS));
    }
}
