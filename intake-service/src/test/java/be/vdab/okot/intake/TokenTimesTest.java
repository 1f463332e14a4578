package be.vdab.okot.intake;

import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/**
 * Token times (okot-web): a token issued in the future (beyond the 60 s clock skew) or valid for longer than
 * {@code smallrye.jwt.time-to-live} (8 hours) is refused with a 401 problem, like any invalid token.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class TokenTimesTest {

    private static final Duration MAX_LIFETIME = Duration.ofHours(8);

    @Test
    void aNormalTokenIsAccepted() {
        Instant now = Instant.now();
        answers(TestTokens.counsellor(now, now.plus(Duration.ofHours(1))), 200);
        answers(TestTokens.counsellor(now.minus(Duration.ofHours(7)), now.plus(Duration.ofHours(1))), 200);
        // exactly the maximum, and an iat a little ahead (clocks differ by seconds)
        answers(TestTokens.counsellor(now, now.plus(MAX_LIFETIME)), 200);
        answers(TestTokens.counsellor(now.plusSeconds(30), now.plus(Duration.ofHours(1))), 200);
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        Instant now = Instant.now();
        answers(TestTokens.counsellor(now.plus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(1))), 401);
        answers(TestTokens.counsellor(now.plus(Duration.ofDays(365)), now.plus(Duration.ofDays(365)).plus(Duration.ofHours(1))), 401);
    }

    @Test
    void aTokenValidForLongerThanTheMaximumIsRefused() {
        Instant now = Instant.now();
        answers(TestTokens.counsellor(now, now.plus(MAX_LIFETIME).plusSeconds(1)), 401);
        answers(TestTokens.counsellor(now, now.plus(36_500, ChronoUnit.DAYS)), 401);
        // issued long ago to look short-lived now: the lifetime counts from iat
        answers(TestTokens.counsellor(now.minus(Duration.ofDays(30)), now.plus(Duration.ofHours(1))), 401);
    }

    private static void answers(String token, int status) {
        var response = given().auth().oauth2(token).when().get("/candidacies").then().statusCode(status);
        if (status == 401) {
            response.contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        }
    }
}
