package be.vdab.okot.web.param;

import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/**
 * Converts the query, path and header values of every resource of every OKOT service, and refuses a value
 * that is not of the parameter's type with 400 problem details naming the parameter ({@code year=abc}:
 * "year: must be a whole number", {@code on=2021-02-30}: "on: must be a date (yyyy-MM-dd)").
 * Without it JAX-RS answers a query or path value it cannot convert with 404, as if the resource did not exist.
 * <p>
 * Whole numbers: optional sign and decimal digits only, within the type's range ({@code 1e3}, {@code 2.0},
 * {@code 0x10} are refused). Dates: ISO-8601 {@code yyyy-MM-dd} of a day that exists. The converter throws an
 * {@link ApiProblemException}; JAX-RS wraps it, {@code ProblemMappers} unwraps it.
 */
@Provider
public class RequestParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = nameOf(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) new Strict<>(name, "a whole number", Integer::valueOf);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) new Strict<>(name, "a whole number", Long::valueOf);
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) new Strict<>(name, "a date (yyyy-MM-dd)", LocalDate::parse);
        }
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>) new Strict<>(name, "true or false", RequestParameters::parseBoolean);
        }
        return null;
    }

    private static Boolean parseBoolean(String value) {
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static String nameOf(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof PathParam path) {
                return path.value();
            }
            if (annotation instanceof HeaderParam header) {
                return header.value();
            }
            if (annotation instanceof MatrixParam matrix) {
                return matrix.value();
            }
            if (annotation instanceof CookieParam cookie) {
                return cookie.value();
            }
            if (annotation instanceof FormParam form) {
                return form.value();
            }
        }
        return null;
    }

    /** Parses with the type's own strict parser; anything it refuses is a 400 naming the parameter. */
    private record Strict<T>(String name, String expected, Function<String, T> parse) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                // NumberFormatException is an IllegalArgumentException
                throw refused();
            }
        }

        private ApiProblemException refused() {
            return ApiProblemException.invalid(List.of(new Problem.Violation(
                    Problem.excerpt(name, Problem.MAX_EXCERPT), "must be " + expected)));
        }

        @Override
        public String toString(T value) {
            return value == null ? null : value.toString();
        }
    }
}
