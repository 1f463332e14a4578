package be.vdab.okot.outcome;

import be.vdab.okot.messaging.outbox.OutboxMessage;
import be.vdab.okot.outcome.persistence.ContractEnd;
import be.vdab.okot.outcome.persistence.OutflowMeasurement;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static be.vdab.okot.testing.StrictInput.body;
import static be.vdab.okot.testing.StrictInput.refused;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strict input (issue 12): {@code {"result": 2, "stopReason": 3}} is not a drop-out, {@code "atWork": 7} is not
 * at work; a body with values of another JSON type, a duplicate or an unknown key, or a malformed query value is
 * a 400 naming the field, and changes nothing.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class StrictInputTest {

    private static final String[] END = {"\"endDate\": \"2021-06-30\"", "\"result\": \"STOPPED\"",
            "\"stopReason\": \"LONG_TERM_ILLNESS\""};
    private static final String[] OUTFLOW = {"\"measuredOn\": \"2021-09-30\"", "\"atWork\": true"};

    @ParameterizedTest(name = "end {0} → {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            "result": 2                          | result     | must be one of
            "stopReason": 3                      | stopReason | must be one of
            "result": "STOPPED", "result": "PASSED" | result  | duplicate field
            "endDate": 20210630                  | endDate    | must be a date (yyyy-MM-dd)
            "endDate": [2021, 6, 30]             | endDate    | must be a date (yyyy-MM-dd)
            "endDate": "2021-06-31"              | endDate    | must be a date (yyyy-MM-dd)
            "endDte": "2021-06-30"               | endDte     | unknown field
            """)
    void refusesACourseEndThatIsNotOfTheContractsTypes(String change, String field, String message) {
        State before = State.now();
        refused(asCounsellor().body(body(change, END)), "PUT", "/contracts/c-strict/end", field, message);
        before.assertUnchanged();
    }

    @ParameterizedTest(name = "outflow {0} → {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            "atWork": 7                       | atWork     | must be true or false
            "atWork": "yes"                   | atWork     | must be true or false
            "atWork": null, "atWork": true    | atWork     | duplicate field
            "measuredOn": 20210930            | measuredOn | must be a date (yyyy-MM-dd)
            "measuredOn": "30-09-2021"        | measuredOn | must be a date (yyyy-MM-dd)
            "mesuredOn": "2021-09-30"         | mesuredOn  | unknown field
            """)
    void refusesAnOutflowMeasurementThatIsNotOfTheContractsTypes(String change, String field, String message) {
        State before = State.now();
        refused(asCounsellor().body(body(change, OUTFLOW)), "POST", "/clusters/k-strict/outflow", field, message);
        String item = body(change, OUTFLOW).replaceFirst("^\\{", "{\"clusterId\": \"k-strict\", ");
        refused(asCounsellor().body("[{\"clusterId\": \"k-1\", \"measuredOn\": \"2021-09-30\", \"atWork\": false}, " + item + "]"),
                "POST", "/outflow/measurements", "[1]." + field, message);
        before.assertUnchanged();
    }

    @org.junit.jupiter.api.Test
    void refusesABulkBodyThatIsNotAList() {
        State before = State.now();
        refused(asCounsellor().body("{\"clusterId\": \"k-1\", \"measuredOn\": \"2021-09-30\", \"atWork\": false}"),
                "POST", "/outflow/measurements", "body", "must be a list");
        before.assertUnchanged();
    }

    @ParameterizedTest(name = "/outflow/due?{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            on   | 2021-02-30 | must be a date (yyyy-MM-dd)
            on   | 20210228   | must be a date (yyyy-MM-dd)
            from | x          | must be a date (yyyy-MM-dd)
            page | abc        | must be a whole number
            page | 2147483647 | must be at most
            size | -1         | must be between 1 and 200
            sise | 10         | unknown query parameter (this operation takes from, on, page, size)
            """)
    void refusesAMalformedQueryValueNamingIt(String name, String value, String message) {
        RequestSpecification request = asCounsellor().queryParam(name, value);
        if (!name.equals("on")) {
            request.queryParam("on", "2021-12-31");
        }
        refused(request, "GET", "/outflow/due", name, message);
    }

    private static RequestSpecification asCounsellor() {
        return given().auth().oauth2(TestTokens.counsellor()).contentType(ContentType.JSON);
    }

    /** Rows and events of outcome-service, to prove a refused request changed nothing. */
    record State(List<Long> counts) {

        static State now() {
            return QuarkusTransaction.requiringNew().call(() -> new State(List.of(ContractEnd.count(),
                    OutflowMeasurement.count(), OutboxMessage.count())));
        }

        void assertUnchanged() {
            assertThat(now()).isEqualTo(this);
        }
    }
}
