package be.vdab.okot.stats;

import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static be.vdab.okot.testing.StrictInput.refused;
import static io.restassured.RestAssured.given;

/** Malformed, unknown or repeated query values of the figures are a 400 naming the parameter (issue 12), not a 404 or ignored. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class StrictInputTest {

    @ParameterizedTest(name = "{0}?{1}")
    @CsvSource(delimiter = '|', textBlock = """
            /stats/starts           | year=abc                  | year     | must be a whole number
            /stats/starts           | year=2020.0               | year     | must be a whole number
            /stats/starts           | from=2021-02-30&to=2021-03-31 | from | must be a date (yyyy-MM-dd)
            /stats/diplomas         | from=2021-01-01&to=31-12-2021 | to   | must be a date (yyyy-MM-dd)
            /stats/starts/evolution | fromYear=x&toYear=2020    | fromYear | must be a whole number
            /stats/starts/evolution | fromYear=2019&toYear=1e4  | toYear   | must be a whole number
            /stats/starts           | year=2021&gendr=V         | gendr    | unknown query parameter
            /stats/starts           | year=2021&year=2022       | year     | given 2 times
            /stats/starts           | year=2021&gender=M&gender=V | gender | given 2 times
            /stats/starts/evolution | fromYear=2019&toYear=2020&year=2019 | year | is not used by an evolution
            /stats/starts/evolution | fromYear=2019&toYear=2020&compare=previous-year | compare | is not used by an evolution
            /stats/reconciliation   | year=2020                 | year     | unknown query parameter (this operation takes none)
            """)
    void refusesAMalformedQueryValueNamingIt(String path, String query, String name, String message) {
        refused(given().auth().oauth2(TestTokens.analyst()), "GET", path + "?" + query, name, message);
    }
}
