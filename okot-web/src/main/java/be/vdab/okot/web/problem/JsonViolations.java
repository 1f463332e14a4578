package be.vdab.okot.web.problem;

import be.vdab.okot.web.json.StrictText;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.IgnoredPropertyException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a JSON body that Jackson refused says to the client, in plain words: the field as a dotted path
 * ({@code person.birthDate}, {@code items[2].atWork}) and what it must be. Never a Java type, never the value.
 */
final class JsonViolations {

    /** Either one violation of a field, or (for JSON that is not well-formed) a detail. */
    record Refusal(Problem.Violation violation, String detail) {
    }

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (field|Object property) .*", Pattern.DOTALL);
    /** What the client must not see from a parser message: Java types and Jackson's own names. */
    private static final Pattern INTERNAL = Pattern.compile("`|java\\.|javax\\.|jakarta\\.|com\\.fasterxml|be\\.vdab"
            + "|\\bclass\\b|\\$|StreamReadConstraints|DeserializationFeature|MapperFeature");

    private JsonViolations() {
    }

    static Refusal of(JsonProcessingException e) {
        if (e instanceof JsonMappingException && !(e instanceof StrictText.ControlCharacterException)
                && (e.getCause() instanceof StreamReadException || e.getCause() instanceof StreamConstraintsException)) {
            // the parser's refusal inside a list or object (a body that breaks off in an item: "[{", or one beyond
            // the reader's limits) comes wrapped with the item's path; it is still the body's fault as JSON, not a
            // value of the wrong kind
            return of((JsonProcessingException) e.getCause());
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (DUPLICATE.matcher(original).matches()) {
            return new Refusal(new Problem.Violation(duplicatePath(e), "duplicate field"), null);
        }
        if (e instanceof StreamConstraintsException) {
            return new Refusal(null, "The request body exceeds a limit of the JSON reader (nesting, length of a "
                    + "name, a text or a number)" + where(e));
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return new Refusal(null, "The request body is not valid JSON" + where(e) + plain(original));
        }
        String field = path(mapping.getPath());
        if (e instanceof StrictText.ControlCharacterException) {
            return new Refusal(new Problem.Violation(field.isEmpty() ? "body" : field,
                    "must not contain control characters (U+0000 to U+001F other than tab and line breaks, U+007F)"), null);
        }
        if (e instanceof UnrecognizedPropertyException || e instanceof IgnoredPropertyException) {
            return new Refusal(new Problem.Violation(field, "unknown field"), null);
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return new Refusal(new Problem.Violation(field.isEmpty() ? "body" : field,
                    "must be " + expected(mismatched.getTargetType())), null);
        }
        if (field.isEmpty()) {
            return new Refusal(null, "The request body is not valid JSON for this request" + where(e) + plain(original));
        }
        return new Refusal(new Problem.Violation(field, "has a value of the wrong kind"), null);
    }

    /** What a value of the type looks like in JSON, in words a client understands. */
    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == LocalDate.class) {
            return "a date (yyyy-MM-dd)";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "a timestamp (ISO-8601, e.g. 2020-09-21T08:00:00Z)";
        }
        if (type == LocalDateTime.class) {
            return "a date and time (yyyy-MM-ddTHH:mm:ss)";
        }
        if (type == LocalTime.class) {
            return "a time (HH:mm:ss)";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date or time (ISO-8601)";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == byte.class || type == Byte.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "text";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    /** The dotted path of Jackson's reference chain: {@code person.birthDate}, {@code [3].atWork}. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(Problem.excerpt(reference.getFieldName(), Problem.MAX_EXCERPT));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The duplicate key with the path of its object, from the parser that found it. */
    private static String duplicatePath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "body";
        }
        List<String> segments = new ArrayList<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
             context = context.getParent()) {
            if (context.inObject() && context.getCurrentName() != null) {
                segments.add(Problem.excerpt(context.getCurrentName(), Problem.MAX_EXCERPT));
            } else if (context.inArray()) {
                segments.add("[" + Math.max(context.getCurrentIndex(), 0) + "]");
            }
        }
        Collections.reverse(segments);
        String path = String.join(".", segments).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }

    private static String where(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The parser's own words when they name nothing internal (its quotes of the input are already short). */
    private static String plain(String original) {
        String firstLine = original.lines().findFirst().orElse("");
        if (firstLine.isBlank() || INTERNAL.matcher(firstLine).find()) {
            return "";
        }
        return ": " + Problem.excerpt(firstLine, 160);
    }

}
