package be.vdab.okot.runner.http;

import java.time.Duration;
import java.util.List;

/**
 * When the runner's {@link OkotClient} sends a call again, and after how long.
 * <ul>
 *   <li>a 5xx or no answer at all (connection refused, timeout): the service is briefly unavailable — again;</li>
 *   <li>a 409 whose problem {@code type} is one of {@link #NOT_YET}: the precondition is an event still on its way
 *       to the service asked (api.md's "not known here yet" conflicts) — again;</li>
 *   <li>anything else (another 4xx): the call is wrong and stays wrong — never again;</li>
 *   <li>the pause doubles from {@code firstPause} up to {@code maxPause}, and after {@code giveUpAfter} since the
 *       first attempt the caller gives up.</li>
 * </ul>
 * A call sent again carries the same {@code Idempotency-Key}, so a retry after a timeout creates nothing twice.
 *
 * @param giveUpAfter how long after the first attempt no attempt is made any more
 * @param firstPause  the pause after the first failed attempt
 * @param maxPause    the longest pause between two attempts
 */
public record RetryPolicy(Duration giveUpAfter, Duration firstPause, Duration maxPause) {

    /**
     * The problem slugs (the last segment of a problem's {@code type}, {@code https://okot.vdab.be/problems/<slug>})
     * that only mean an event is still on its way to the service asked: the service learns the candidacy, the
     * contract, the cluster, the candidacy's approval, the end of an earlier contract or the cluster's close from
     * another service's events (api.md, README "Bulk imports").
     */
    public static final List<String> NOT_YET = List.of("candidacy-unknown", "contract-unknown", "cluster-unknown",
            "candidacy-not-approved", "contracts-overlap", "cluster-open");

    /** The demo's: give up after 3 minutes, pauses 100 ms doubling to 2 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMinutes(3), Duration.ofMillis(100),
            Duration.ofSeconds(2));

    public RetryPolicy {
        if (giveUpAfter.isNegative() || firstPause.isNegative() || maxPause.compareTo(firstPause) < 0) {
            throw new IllegalArgumentException("Durations must be positive, maxPause ≥ firstPause");
        }
    }

    /**
     * Whether an answer is worth sending the call again for.
     *
     * @param status HTTP status; 0 when there was no answer (I/O failure, timeout)
     * @param body   the answer's body (a problem JSON for a 4xx), may be null
     */
    public boolean retries(int status, String body) {
        return status == 0 || status >= 500 || status == 409 && isNotYet(body);
    }

    /**
     * Whether a problem (its JSON, or just its {@code type}) says its precondition is still on its way. Only the
     * {@code type} counts: a detail that merely mentions a slug (e.g. a course named so) does not.
     */
    public static boolean isNotYet(String problem) {
        if (problem == null) {
            return false;
        }
        return NOT_YET.stream().anyMatch(slug -> problem.contains("/problems/" + slug + "\"")
                || problem.endsWith("/problems/" + slug) || problem.equals(slug));
    }

    /** The pause after the {@code failures}-th failed attempt (1 for the first): doubling, at most {@link #maxPause}. */
    public Duration pause(int failures) {
        Duration pause = firstPause;
        for (int i = 1; i < failures && pause.compareTo(maxPause) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxPause) > 0 ? maxPause : pause;
    }
}
