package be.vdab.okot.web.problem;

import be.vdab.okot.web.logging.PersonalData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Turns every error of a request into RFC 9457 problem details. Errors outside the resource methods (unknown
 * paths, limits of the HTTP server, failures of Vert.x routes) get theirs from {@link HttpProblems}.
 * A problem never names a Java type and quotes at most a short excerpt of the input ({@link Problem#of}).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

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
        List<Problem.Violation> violations = violationsOf(e.getConstraintViolations());
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
        if (e.getCause() instanceof ApiProblemException problem) {
            // a query, path or header value that could not be converted (RequestParameters)
            return apiProblem(problem, uri);
        }
        // only the framework throws these (404, 405, 406, 415): its words name annotations (@Consumes,
        // @Produces) and "resource methods", so the client gets ours
        int status = e.getResponse().getStatus();
        return problem(status, "http-" + status, HttpProblems.title(status), HttpProblems.detail(status), uri, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        java.util.Optional<DatabaseConflicts.Kind> conflict = DatabaseConflicts.of(e);
        if (conflict.isPresent()) {
            // a concurrent twin lost to a database invariant: logged without the database's message (values)
            LOG.infof("409 on %s: %s (SQLState %s)", uri.getPath(), conflict.get(), DatabaseConflicts.sqlState(e));
            return apiProblem(DatabaseConflicts.problem(conflict.get()), uri);
        }
        if (DatabaseUnavailable.of(e)) {
            LOG.warnf("503 on %s: no database connection (SQLState %s)", uri.getPath(), DatabaseConflicts.sqlState(e));
            return DatabaseUnavailable.problem(uri);
        }
        String sqlState = DatabaseConflicts.sqlState(e);
        if (sqlState.startsWith("22")) {
            // SQL class 22, data exception (a value too long, out of range, not storable): input that validation
            // let through is still the client's input, so a 400; logged without the database's message
            LOG.warnf("400 on %s: the database refused a value (SQLState %s)", uri.getPath(), sqlState);
            return problem(400, "value-not-storable", "Invalid request",
                    "A value cannot be stored as given (too long, out of range or with a character the database refuses); "
                            + "nothing was changed.", uri, null);
        }
        // the type and a sanitised message (a database's text quotes the values, e.g. an INSZ): PersonalData
        LOG.errorf(PersonalData.sanitise(e), "Unexpected error on %s: %s", uri.getPath(), PersonalData.describe(e));
        return problem(500, "internal", "Internal error",
                "The request could not be completed; nothing was changed. The error is logged.", uri, null);
    }

    private Response jsonProblem(JsonProcessingException e, UriInfo uri) {
        if (e instanceof InvalidDefinitionException) {
            return unexpected(new IllegalStateException("A request type cannot be read as JSON", e), uri);
        }
        JsonViolations.Refusal refusal = JsonViolations.of(e);
        if (refusal.violation() == null) {
            return problem(400, "malformed-json", "Malformed JSON", refusal.detail(), uri, null);
        }
        return problem(400, "validation", "Invalid request", "1 field is invalid", uri, List.of(refusal.violation()));
    }

    /**
     * Bean Validation's violations as the problem's {@code violations}, sorted by field and message: the one
     * naming of a violated constraint, for a request body and for an item of a bulk import alike.
     */
    public static List<Problem.Violation> violationsOf(Set<? extends ConstraintViolation<?>> constraintViolations) {
        return constraintViolations.stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message))
                .toList();
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
        Problem body = Problem.of(status, slug, title, detail, uri != null ? uri.getPath() : null, violations);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
