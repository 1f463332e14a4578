package be.vdab.okot.enrolment.api;

import java.util.List;

/** Every paged list of api.md has this shape. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {
}
