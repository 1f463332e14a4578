package be.vdab.okot.web.json;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Strict binding of every REST request body of every OKOT service: each field has exactly the JSON type of
 * the contract (api.md), or the request is refused with 400 naming the field ({@code ProblemMappers}).
 * Only Jackson's own features are used:
 * <ul>
 *   <li>no number into an enum ({@code "decision": 0} is not APPROVED), no float into a whole number
 *       ({@code "year": 2004.9} is not 2004), no number or string into a boolean ({@code "atWork": 7}),
 *       no number or array into a date ({@code 20200921}, {@code [2020,9,21]}), no string into a number
 *       ({@code "year": "2020"}: JSON has numbers, a quoted one is a client that builds JSON by hand and may
 *       as well send {@code "2 020"}), no number or boolean into a text field;</li>
 *   <li>an empty string is never null: {@code ""} for an enum, a date, a number or a boolean is refused, for a
 *       text field it stays {@code ""} (and {@code @NotBlank} refuses it where the field is required);</li>
 *   <li>no single value into a list, no list into a single value ({@code ["APPROVED"]});</li>
 *   <li>no null for a primitive ({@code "year": null} is not 0);</li>
 *   <li>a duplicate key is refused: which of the two values a client meant cannot be known;</li>
 *   <li>an unknown field is refused: a misspelt optional field ({@code submitedOn}) would otherwise be
 *       ignored silently and the step recorded on today's date instead, which changes a figure;</li>
 *   <li>error messages of the parser quote at most {@value #MAX_QUOTED} characters of the input.</li>
 * </ul>
 * Event payloads keep their own mapping ({@code okot-events} {@code EventJson}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** At most this many characters of a token or of the raw input appear in a parser's error message. */
    public static final int MAX_QUOTED = 40;

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    @Override
    public int priority() {
        // after Quarkus' own customizer, which applies quarkus.jackson.* (e.g. fail-on-unknown-properties=false)
        return MINIMUM_PRIORITY;
    }

    /** Makes the mapper strict as described above; returns it. */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.getFactory().setErrorReportConfiguration(ErrorReportConfiguration.builder()
                .maxErrorTokenLength(MAX_QUOTED).maxRawContentLength(MAX_QUOTED).build());
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
                DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT,
                DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL,
                DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS, MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);
        // dates: no epoch numbers, no time component, no [y, m, d] arrays (see StrictText)
        mapper.setDefaultLeniency(false);
        // no control characters in text, enum values and dates exactly as written, dates only as strings (StrictText)
        mapper.registerModule(StrictText.module());
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail)
                .setAcceptBlankAsEmpty(false);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType number : new LogicalType[]{LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }
}
