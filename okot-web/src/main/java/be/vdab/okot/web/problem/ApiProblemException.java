package be.vdab.okot.web.problem;

import java.util.List;

/**
 * A refusal the API answers with problem details: thrown by services, mapped by
 * {@link ProblemMappers}. The slug becomes the problem {@code type}.
 */
public class ApiProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.Violation> violations;

    public ApiProblemException(int status, String slug, String title, String detail, List<Problem.Violation> violations) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.violations = violations;
    }

    /** 404: the id is unknown. */
    public static ApiProblemException notFound(String what, Object id) {
        return new ApiProblemException(404, "not-found", "Not found", what + " " + id + " does not exist", null);
    }

    /** 409: the resource is not in a state that allows this request. */
    public static ApiProblemException conflict(String slug, String detail) {
        return new ApiProblemException(409, slug, "Conflict with the current state", detail, null);
    }

    /** 422: a business rule refuses the request, naming every rule that failed. */
    public static ApiProblemException businessRule(String slug, String title, List<Problem.Violation> violations) {
        return new ApiProblemException(422, slug, title,
                violations.size() + (violations.size() == 1 ? " rule is" : " rules are") + " not met", violations);
    }

    /** 400: input that is well-formed JSON but invalid, with every violation. */
    public static ApiProblemException invalid(List<Problem.Violation> violations) {
        return new ApiProblemException(400, "validation", "Invalid request",
                violations.size() + (violations.size() == 1 ? " field is" : " fields are") + " invalid", violations);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
