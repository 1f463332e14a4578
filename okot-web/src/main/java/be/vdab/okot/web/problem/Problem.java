package be.vdab.okot.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/** RFC 9457 problem details, with the {@code violations} extension for invalid input. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The problem types are {@code https://okot.vdab.be/problems/<slug>}. */
    public static final String TYPE_BASE = "https://okot.vdab.be/problems/";

    /** A text of a problem (a detail, a message, the instance path) is cut to this many characters. */
    public static final int MAX_TEXT = 300;

    /** A name or value taken from the input (a field name, a path segment) is cut to this many characters. */
    public static final int MAX_EXCERPT = 60;

    /** One invalid field (dotted path into the request body, or a query parameter name) and why. */
    public record Violation(String field, String message) {

        public Violation {
            field = excerpt(field, MAX_TEXT);
            message = excerpt(message, MAX_TEXT);
        }
    }

    /**
     * A problem whose texts are cut to {@value #MAX_TEXT} characters, so no error body echoes a large input
     * (an id in the path, a value quoted in a business rule's message).
     */
    public static Problem of(int status, String slug, String title, String detail, String instance,
                             List<Violation> violations) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, excerpt(detail, MAX_TEXT),
                excerpt(instance, MAX_TEXT), violations);
    }

    /** The text, or its first {@code max - 1} characters and "…" when it is longer; null stays null. */
    public static String excerpt(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
