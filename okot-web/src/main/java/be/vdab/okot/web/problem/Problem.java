package be.vdab.okot.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/** RFC 9457 problem details, with the {@code violations} extension for invalid input. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field (dotted path into the request body, or a query parameter name) and why. */
    public record Violation(String field, String message) {
    }
}
