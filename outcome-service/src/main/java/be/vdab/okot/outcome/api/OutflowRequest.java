package be.vdab.okot.outcome.api;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** The body of {@code POST /clusters/{id}/outflow}; with a cluster id, an item of the bulk call. */
public record OutflowRequest(
        @Schema(description = "only in POST /outflow/measurements", example = "1f0c…") String clusterId,
        @NotNull @Schema(example = "2021-09-30") LocalDate measuredOn,
        @NotNull @Schema(example = "true") Boolean atWork) {
}
