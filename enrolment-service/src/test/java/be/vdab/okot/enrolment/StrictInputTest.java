package be.vdab.okot.enrolment;

import be.vdab.okot.enrolment.persistence.Offer;
import be.vdab.okot.messaging.outbox.OutboxMessage;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static be.vdab.okot.testing.StrictInput.body;
import static be.vdab.okot.testing.StrictInput.refused;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strict input (issue 12): a body whose values are not of the contract's JSON type, with a duplicate or an
 * unknown key, or a malformed query value is a 400 naming the field, and changes nothing.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class StrictInputTest {

    private static final String[] OFFER = {"\"year\": 2022", "\"courseCode\": \"tko-kok\"", "\"province\": \"LIM\"",
            "\"schools\": [\"CVO\"]"};
    private static final String[] CONTRACT = {"\"candidacyId\": \"c-1\"", "\"trainingCode\": \"908001\"",
            "\"province\": \"ANT\"", "\"startDate\": \"2020-09-21\"", "\"plannedEndDate\": \"2021-06-30\""};
    private static final String COURSE = "{\"name\": \"TKO Glazenmaker\", \"type\": \"TKO\", \"sector\": \"BOUW\", "
            + "\"programme\": \"OKOT\", \"trainingYears\": [{\"code\": \"glas-1\", \"name\": \"Glazenmaker\", "
            + "\"year\": 1, \"finalYear\": true}]}";

    @ParameterizedTest(name = "offer {0} → {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            "year": 2004.9                   | year     | must be a whole number
            "year": "2022"                   | year     | must be a whole number
            "year": null, "year": 2022       | year     | duplicate field
            "year": [2022]                   | year     | must be a whole number
            "province": 3                    | province | must be one of ANT, LIM
            "province": ["LIM"]              | province | must be one of ANT, LIM
            "province": ""                   | province | must be one of ANT, LIM
            "province": "lim"                | province | must be one of ANT, LIM
            "schools": "CVO"                 | schools  | must be a list
            "courseCode": 42                 | courseCode | must be text
            "courseCode": true               | courseCode | must be text
            "yaer": 2022                     | yaer     | unknown field
            "courseCode": "tko-kok", "courseCode": "tko-bakker" | courseCode | duplicate field
            """)
    void refusesAnOfferThatIsNotOfTheContractsTypes(String change, String field, String message) {
        long offers = offersOf2022();
        long events = outboxEvents();
        refused(given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body(change, OFFER)), "POST", "/offers",
                field, message);
        assertThat(offersOf2022()).isEqualTo(offers);
        assertThat(outboxEvents()).isEqualTo(events);
    }

    @ParameterizedTest(name = "contract {0} → {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            "startDate": 20200921              | startDate | must be a date (yyyy-MM-dd)
            "startDate": [2020, 9, 21]         | startDate | must be a date (yyyy-MM-dd)
            "startDate": "2020-09-21T00:00:00" | startDate | must be a date (yyyy-MM-dd)
            "startDate": "2021-02-30"          | startDate | must be a date (yyyy-MM-dd)
            "startDate": ""                    | startDate | must be a date (yyyy-MM-dd)
            "startDate": "21/09/2020"          | startDate | must be a date (yyyy-MM-dd)
            "trainingCode": 908001             | trainingCode | must be text
            "province": 0                      | province  | must be one of ANT
            "startDte": "2020-09-21"           | startDte  | unknown field
            """)
    void refusesAContractThatIsNotOfTheContractsTypes(String change, String field, String message) {
        long events = outboxEvents();
        refused(given().auth().oauth2(TestTokens.counsellor()).contentType(ContentType.JSON).body(body(change, CONTRACT)), "POST",
                "/contracts", field, message);
        assertThat(outboxEvents()).isEqualTo(events);
    }

    @ParameterizedTest(name = "course {0} → {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            "finalYear": true  | "finalYear": 1    | trainingYears[0].finalYear | must be true or false
            "finalYear": true  | "finalYear": "true" | trainingYears[0].finalYear | must be true or false
            "finalYear": true  | "finalYear": null | trainingYears[0].finalYear | must be true or false
            "year": 1          | "year": 1.5       | trainingYears[0].year      | must be a whole number
            "type": "TKO"      | "type": 4         | type                       | must be one of BSO7, TKO
            """)
    void refusesACourseThatIsNotOfTheContractsTypes(String original, String change, String field, String message) {
        long events = outboxEvents();
        refused(given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(COURSE.replace(original, change)),
                "PUT", "/courses/tko-glazenmaker-strict", field, message);
        assertThat(outboxEvents()).isEqualTo(events);
    }

    @ParameterizedTest(name = "{0}?{1}={2}")
    @CsvSource(delimiter = '|', textBlock = """
            /offers    | year | abc        | must be a whole number
            /offers    | year | 2020.0     | must be a whole number
            /offers    | year | 99999999999 | must be a whole number
            /contracts | page | abc        | must be a whole number
            /contracts | size | x          | must be a whole number
            /contracts | size | -1         | must be between 1 and 200
            /contracts | page | -1         | must be 0 or more
            /contracts | page | 2147483647 | must be at most
            /offers    | yaer | 2020       | unknown query parameter (this operation takes year)
            /courses   | sectr | ZORG      | unknown query parameter (this operation takes programme, sector, type)
            """)
    void refusesAMalformedQueryValueNamingIt(String path, String name, String value, String message) {
        refused(given().auth().oauth2(TestTokens.counsellor()).queryParam(name, value), "GET", path, name, message);
    }

    @org.junit.jupiter.api.Test
    void aMegabyteOfBogusValueIsRefusedWithAShortAnswer() {
        String bogus = "x".repeat(1_000_000);
        for (String body : new String[]{body("\"province\": \"" + bogus + "\"", OFFER),
                body("\"year\": " + "9".repeat(1_000_000), OFFER), body("\"" + bogus + "\": 2022", OFFER)}) {
            String answer = refused(given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body),
                    "POST", "/offers", null, null).extract().asString();
            assertThat(answer.length()).isLessThan(2_000);
        }
    }

    private static long offersOf2022() {
        return QuarkusTransaction.requiringNew().call(() -> Offer.count("year", 2022));
    }

    private static long outboxEvents() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count());
    }
}
