package be.vdab.okot.web.page;

import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem.Violation;

import java.util.List;

/** Every paged list of api.md has this shape: {@code { "items", "page", "size", "total" }}. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;

    /**
     * 400 unless page is 0 or more, size between 1 and {@value #MAX_SIZE}, and the first row of the page
     * ({@code page × size}, the offset the database is asked for) is a whole number the database takes
     * (below 2<sup>31</sup>; {@code page=2147483647} would otherwise overflow into a negative offset).
     */
    public static void checkPaging(int page, int size) {
        if (page < 0) {
            throw ApiProblemException.invalid(List.of(new Violation("page", "must be 0 or more")));
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiProblemException.invalid(List.of(new Violation("size", "must be between 1 and " + MAX_SIZE)));
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw ApiProblemException.invalid(List.of(new Violation("page",
                    "must be at most " + Integer.MAX_VALUE / size + " with size " + size)));
        }
    }
}
