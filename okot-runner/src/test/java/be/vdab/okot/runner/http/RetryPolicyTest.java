package be.vdab.okot.runner.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Which answers the runner's client sends a call again for, and the pauses in between. */
class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofMinutes(3), Duration.ofMillis(100),
            Duration.ofSeconds(2));

    @Test
    void noAnswerAndServerErrorsAreSentAgain() {
        assertThat(policy.retries(0, null)).isTrue();
        assertThat(policy.retries(500, "{}")).isTrue();
        assertThat(policy.retries(503, "")).isTrue();
    }

    @Test
    void aConflictIsSentAgainOnlyWhenItsPreconditionIsOnItsWay() {
        assertThat(policy.retries(409, """
                {"type":"https://okot.vdab.be/problems/candidacy-unknown","status":409,"detail":"Not known here yet"}
                """)).isTrue();
        assertThat(policy.retries(409, """
                {"type":"https://okot.vdab.be/problems/candidacy-exists","status":409,"detail":"candidacy-unknown"}
                """)).as("a detail that names a not-yet slug is not its type").isFalse();
        assertThat(policy.retries(409, """
                {"type":"https://okot.vdab.be/problems/module-has-one-training","status":409}
                """)).isFalse();
    }

    @Test
    void otherRefusalsAreNeverSentAgain() {
        assertThat(policy.retries(400, """
                {"type":"https://okot.vdab.be/problems/validation","status":400}""")).isFalse();
        assertThat(policy.retries(404, "")).isFalse();
        assertThat(policy.retries(422, """
                {"type":"https://okot.vdab.be/problems/cluster-open"}""")).as("only a 409 is not-yet").isFalse();
    }

    @Test
    void aBulkItemsProblemTypeAloneTellsNotYet() {
        for (String slug : RetryPolicy.NOT_YET) {
            assertThat(RetryPolicy.isNotYet("https://okot.vdab.be/problems/" + slug)).as(slug).isTrue();
        }
        assertThat(RetryPolicy.isNotYet("https://okot.vdab.be/problems/candidacy-exists")).isFalse();
        assertThat(RetryPolicy.isNotYet("")).isFalse();
        assertThat(RetryPolicy.isNotYet(null)).isFalse();
    }

    @Test
    void thePauseDoublesUpToItsMaximum() {
        assertThat(policy.pause(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.pause(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.pause(5)).isEqualTo(Duration.ofMillis(1600));
        assertThat(policy.pause(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.pause(1000)).isEqualTo(Duration.ofSeconds(2));
    }
}
