package be.vdab.okot.outcome.api;

import be.vdab.okot.web.problem.Problem.Violation;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The answer of {@code POST /outflow/measurements}: per item accepted, or refused with the reason. */
public record BulkOutflowResult(int accepted, int refused, List<Item> items) {

    public enum Status { ACCEPTED, REFUSED }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, String clusterId, Status status, Integer httpStatus, String reason,
                       List<Violation> violations) {
    }
}
