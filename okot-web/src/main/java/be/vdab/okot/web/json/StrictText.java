package be.vdab.okot.web.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.temporal.Temporal;

/**
 * Text as it can be stored and compared: no control characters in any text, and codes (enum values,
 * dates) exactly as written, without surrounding whitespace.
 *
 * <ul>
 *   <li>Every JSON string read as text refuses U+0000–U+001F and U+007F, except tab, line feed and carriage
 *       return: PostgreSQL cannot store U+0000 at all (SQLState 22021, a 500 before), and the others are
 *       invisible in every answer and report.</li>
 *   <li>An enum value or a date is refused when it carries whitespace or a control character (Jackson trims
 *       them: {@code " REJECTED"} and {@code "2021-07-02\n"} were taken), as a value of the wrong kind.</li>
 *   <li>Dates and times only as ISO-8601 strings: the java.time readers of Jackson also take
 *       {@code [2020, 9, 21]} and epoch numbers (leniency off stops the numbers, not the arrays).</li>
 * </ul>
 * The refusal is a 400 naming the field (see {@code JsonViolations}); the value is never quoted back.
 */
public final class StrictText {

    private StrictText() {
    }

    /** Thrown for a text with a control character; the reader adds the field's path. */
    public static final class ControlCharacterException extends JsonMappingException {
        ControlCharacterException(JsonParser parser) {
            super(parser, "text contains a control character");
        }
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("okot-strict-text");
        module.addDeserializer(String.class, new Text());
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription description, JsonDeserializer<?> deserializer) {
                return new ExactCode(deserializer, false); // numbers for enums: refused by StrictJson's coercion rules
            }

            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return Temporal.class.isAssignableFrom(description.getBeanClass())
                        ? new ExactCode(deserializer, true) : deserializer;
            }
        });
        return module;
    }

    /** Whether the text holds a control character other than tab, line feed and carriage return. */
    static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /** Whether a code (an enum value, a date) is written with whitespace or control characters. */
    static boolean isExactCode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c == 0x7F || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    private static final class Text extends StdScalarDeserializer<String> {

        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                String text = parser.getText();
                if (hasControlCharacter(text)) {
                    throw new ControlCharacterException(parser);
                }
                return text;
            }
            return StringDeserializer.instance.deserialize(parser, context); // the coercion rules of StrictJson
        }
    }

    /** Wraps an enum's or a date's reader: the string must be the code itself; a date only from a string (or null). */
    static final class ExactCode extends DelegatingDeserializer {

        private final boolean stringOnly;

        ExactCode(JsonDeserializer<?> delegate, boolean stringOnly) {
            super(delegate);
            this.stringOnly = stringOnly;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new ExactCode(delegate, stringOnly);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (stringOnly && !parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            if (parser.hasToken(JsonToken.VALUE_STRING) && !isExactCode(parser.getText())) {
                return context.handleWeirdStringValue(handledType(), "", "written with whitespace or a control character");
            }
            return super.deserialize(parser, context);
        }
    }
}
