package be.vdab.okot.web.param;

import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Query parameters as strict as JSON bodies: a parameter the operation does not declare, or a single-valued
 * one given twice, is a 400 naming it, for every resource of every OKOT service. A misspelt filter
 * ({@code gendr=V}) otherwise answers the unfiltered figure, and {@code year=2021&year=2022} one of the two:
 * a wrong answer that looks right, the same risk that makes unknown JSON fields a 400 (README, strict input).
 * <p>
 * What an operation declares: {@code @QueryParam} on its parameters and on the fields of its
 * {@code @BeanParam} classes. Repeatable: parameters of a collection or array type.
 */
@Provider
@Priority(Priorities.USER)
public class KnownQueryParameters implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    /** Per resource method: declared name → whether it may be repeated. */
    private final ConcurrentMap<Method, Map<String, Boolean>> declared = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Map<String, Boolean> known = declared.computeIfAbsent(method, KnownQueryParameters::declaredBy);
        List<Problem.Violation> violations = new ArrayList<>();
        request.getUriInfo().getQueryParameters(true).forEach((name, values) -> {
            Boolean repeatable = known.get(name);
            if (repeatable == null) {
                violations.add(new Problem.Violation(Problem.excerpt(name, Problem.MAX_EXCERPT),
                        known.isEmpty() ? "unknown query parameter (this operation takes none)"
                                : "unknown query parameter (this operation takes " + String.join(", ", known.keySet()) + ")"));
            } else if (!repeatable && values.size() > 1) {
                violations.add(new Problem.Violation(name, "given " + values.size() + " times; give it once"));
            }
        });
        if (!violations.isEmpty()) {
            throw ApiProblemException.invalid(violations);
        }
    }

    static Map<String, Boolean> declaredBy(Method method) {
        Map<String, Boolean> names = new TreeMap<>();
        for (Parameter parameter : method.getParameters()) {
            add(names, parameter, parameter.getType());
            if (parameter.isAnnotationPresent(BeanParam.class)) {
                for (Class<?> type = parameter.getType(); type != null && type != Object.class; type = type.getSuperclass()) {
                    for (Field field : type.getDeclaredFields()) {
                        add(names, field, field.getType());
                    }
                }
            }
        }
        return java.util.Collections.unmodifiableMap(names);
    }

    private static void add(Map<String, Boolean> names, AnnotatedElement element, Class<?> type) {
        QueryParam query = element.getAnnotation(QueryParam.class);
        if (query != null) {
            names.put(query.value(), type.isArray() || Collection.class.isAssignableFrom(type));
        }
    }
}
