package be.vdab.okot.intake.domain;

import be.vdab.okot.intake.api.ScreeningRequest.PreconditionAssessment;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.TreeMap;

/** The screening's preconditions are stored as a small JSON object, sorted for a stable form. */
final class PreconditionsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PreconditionsJson() {
    }

    static String write(Map<String, PreconditionAssessment> preconditions) {
        try {
            return MAPPER.writeValueAsString(new TreeMap<>(preconditions));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
