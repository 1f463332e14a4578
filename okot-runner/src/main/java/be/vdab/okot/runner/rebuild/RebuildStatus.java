package be.vdab.okot.runner.rebuild;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * The status of a stats-service rebuild ({@code GET /stats/rebuild}): {@code state} one of {@code REPLAYING},
 * {@code LOADING}, {@code CATCHING_UP}, {@code SWAPPED}, {@code FAILED}; {@code eventsTarget} the records on the
 * topics when it started, {@code eventsRead} the records read so far, {@code eventsPerSecond} its read rate,
 * {@code durationMillis} since it started (or its whole run once finished); {@code pass} of {@code passes} the pass
 * over the log its fold is in (more than one when the log's facts do not fit in memory at once); {@code finishedAt}
 * and {@code error} {@code null} while it runs (error only when it failed).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RebuildStatus(String id, String state, Instant startedAt, Instant finishedAt, long eventsTarget,
                            long eventsRead, double eventsPerSecond, long durationMillis, int pass, int passes,
                            String error) {

    public static final String SWAPPED = "SWAPPED";
    public static final String FAILED = "FAILED";

    /** Whether the rebuild ended, swapped in or failed. */
    public boolean finished() {
        return SWAPPED.equals(state) || FAILED.equals(state);
    }

    public boolean swapped() {
        return SWAPPED.equals(state);
    }
}
