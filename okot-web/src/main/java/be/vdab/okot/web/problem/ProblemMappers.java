package be.vdab.okot.web.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Turns every error of a request into RFC 9457 problem details. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String TYPE_BASE = "https://okot.vdab.be/problems/";

    @ServerExceptionMapper
    public Response apiProblem(ApiProblemException e, UriInfo uri) {
        return problem(e.status(), e.slug(), e.title(), e.getMessage(), uri, e.violations());
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return withChallenge(problem(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required", uri, null));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return withChallenge(problem(401, "unauthorized", "Unauthorized",
                "The bearer token is missing, invalid or expired", uri, null));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "forbidden", "Forbidden", "Your role does not allow this request", uri, null);
    }

    private static Response withChallenge(Response response) {
        return Response.fromResponse(response).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message))
                .toList();
        return problem(400, "validation", "Invalid request",
                violations.size() + (violations.size() == 1 ? " field is" : " fields are") + " invalid", uri, violations);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return jsonProblem(json, uri);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        return problem(status, "http-" + status, title, e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        java.util.Optional<DatabaseConflicts.Kind> conflict = DatabaseConflicts.of(e);
        if (conflict.isPresent()) {
            // a concurrent twin lost to a database invariant: logged without the database's message (values)
            LOG.infof("409 on %s: %s (SQLState %s)", uri.getPath(), conflict.get(), DatabaseConflicts.sqlState(e));
            return apiProblem(DatabaseConflicts.problem(conflict.get()), uri);
        }
        LOG.errorf(e, "Unexpected error on %s", uri.getPath());
        return problem(500, "internal", "Internal error",
                "The request could not be completed; nothing was changed. The error is logged.", uri, null);
    }

    private Response jsonProblem(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return problem(400, "malformed-json", "Malformed JSON",
                    "The request body is not valid JSON: " + e.getOriginalMessage(), uri, null);
        }
        String field = mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String message;
        if (e instanceof UnrecognizedPropertyException) {
            message = "unknown field";
        } else if (e instanceof InvalidFormatException invalid) {
            message = "'" + invalid.getValue() + "' is not a valid " + simpleType(invalid.getTargetType());
        } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            message = "must be a " + simpleType(mismatched.getTargetType());
        } else {
            message = e.getOriginalMessage();
        }
        List<Problem.Violation> violations = new ArrayList<>();
        violations.add(new Problem.Violation(field, message));
        return problem(400, "validation", "Invalid request", "1 field is invalid", uri, violations);
    }

    private static String simpleType(Class<?> type) {
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            StringBuilder values = new StringBuilder();
            for (Object constant : constants) {
                values.append(values.length() == 0 ? "" : ", ").append(constant);
            }
            return "value (one of " + values + ")";
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "date (yyyy-MM-dd)";
            case "Instant", "OffsetDateTime" -> "timestamp (ISO-8601)";
            case "Integer", "int", "Long", "long" -> "whole number";
            case "Boolean", "boolean" -> "boolean";
            case "String" -> "string";
            default -> type.getSimpleName();
        };
    }

    /** The dotted path of a violation inside the request, without the method and parameter names. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        boolean inBody = false;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                names.clear();
                inBody = true;
                names.add(node.getName());
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null && !names.isEmpty()) {
                names.set(names.size() - 1, names.get(names.size() - 1) + "[" + node.getIndex() + "]");
            }
            if (name != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                names.add(name);
            }
        }
        // a body parameter's own name says nothing to the client: drop it when there is more
        if (inBody && names.size() > 1) {
            names.remove(0);
        }
        return String.join(".", names);
    }

    static Response problem(int status, String slug, String title, String detail, UriInfo uri, List<Problem.Violation> violations) {
        Problem body = new Problem(URI.create(TYPE_BASE + slug), title, status, detail,
                uri != null ? uri.getPath() : null, violations);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
