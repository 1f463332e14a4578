package be.vdab.okot.enrolment;

import be.vdab.okot.testing.HttpProblemsContract;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class EnrolmentHttpProblemsTest extends HttpProblemsContract {

    @Override
    protected String jsonPath() {
        return "/contracts";
    }

    @Override
    protected String token() {
        return TestTokens.counsellor();
    }

    /** The failing endpoints are test-only ({@code failure.FailingEndpoints}): a route, a resource, an Error. */
    @ParameterizedTest
    @ValueSource(strings = {"/test-failures/route", "/test-failures/runtime", "/test-failures/error"})
    void anUnexpectedFailureIsA500ProblemThatShowsNothingOfIt(String path) {
        problem(given().when().get(path), 500)
                .body("type", equalTo("https://okot.vdab.be/problems/internal"))
                .body(not(containsString("Secret")));
    }
}
