package be.vdab.okot.web.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.temporal.Temporal;

/**
 * Dates and times only as ISO-8601 strings: the java.time deserializers of Jackson also take
 * {@code [2020, 9, 21]} and epoch numbers (leniency off stops the numbers, not the arrays). This wraps each of
 * them and refuses any other token than a string (or null), and a string with whitespace or control
 * characters around or in it, as a mismatch of the date's type.
 */
final class StrictDates {

    private StrictDates() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("okot-strict-dates");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return Temporal.class.isAssignableFrom(description.getBeanClass())
                        ? new StringOnly(deserializer) : deserializer;
            }
        });
        return module;
    }

    private static final class StringOnly extends DelegatingDeserializer {

        StringOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new StringOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            if (!StrictText.isExactCode(parser.getText())) { // Jackson would trim "\t2021-07-02\n"
                return context.handleWeirdStringValue(handledType(), "", "written with whitespace or a control character");
            }
            return super.deserialize(parser, context);
        }
    }
}
