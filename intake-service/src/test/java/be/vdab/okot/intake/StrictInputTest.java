package be.vdab.okot.intake;

import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.asOcmw;
import static be.vdab.okot.intake.IntakeFixtures.screening;
import static be.vdab.okot.intake.IntakeFixtures.selfCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.submitted;
import static be.vdab.okot.testing.StrictInput.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Strict input (issue 12): a body whose values are not of the contract's JSON type ({@code "decision": 0},
 * {@code "fitsPathToWork": 7}, a date as a number), with a duplicate or an unknown key, or a malformed query
 * value is a 400 naming the field, and changes nothing.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class StrictInputTest {

    private static final LocalDate BIRTH = LocalDate.of(1984, 4, 4);

    @BeforeEach
    void catalogue() {
        IntakeFixtures.catalogue();
    }

    @ParameterizedTest(name = "screening {1} → {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            "decision": "APPROVED"     | "decision": 0                | decision        | must be one of APPROVED, REJECTED
            "decision": "APPROVED"     | "decision": 0.0              | decision        | must be one of APPROVED, REJECTED
            "decision": "APPROVED"     | "decision": ["APPROVED"]     | decision        | must be one of APPROVED, REJECTED
            "decision": "APPROVED"     | "decision": "approved"       | decision        | must be one of APPROVED, REJECTED
            "decision": "APPROVED"     | "decision": "REJECTED", "decision": "APPROVED" | decision | duplicate field
            "fitsPathToWork": true     | "fitsPathToWork": 7          | fitsPathToWork  | must be true or false
            "fitsPathToWork": true     | "fitsPathToWork": 1          | fitsPathToWork  | must be true or false
            "fitsPathToWork": true     | "fitsPathToWork": "true"     | fitsPathToWork  | must be true or false
            "motivation": "SUFFICIENT" | "motivation": 0              | motivation      | must be one of SUFFICIENT, INSUFFICIENT
            "financial": "OK"          | "financial": 2               | preconditions.financial | must be one of OK, ATTENTION, BLOCKING
            "financial": "OK"          | "financial": "OK", "financial": "BLOCKING" | preconditions.financial | duplicate field
            "remarks": "gemotiveerd"   | "remarks": 42                | remarks         | must be text
            "remarks": "gemotiveerd"   | "remraks": "gemotiveerd"     | remraks         | unknown field
            "probableLocation"         | "probableStartDate": 20200921, "probableLocation" | probableStartDate | must be a date (yyyy-MM-dd)
            "probableLocation"         | "probableStartDate": [2020, 9, 21], "probableLocation" | probableStartDate | must be a date (yyyy-MM-dd)
            """)
    void refusesAScreeningThatIsNotOfTheContractsTypesAndLeavesTheCandidacyAwaitingIt(String original, String change,
                                                                                         String field, String message) {
        String id = submitted(selfCandidacy(BIRTH, "tko-kinderzorg"));
        String body = screening("APPROVED").replace(original, change);
        if (original.equals("\"probableLocation\"")) {
            // drop the valid start date so the changed one is the only one
            body = body.replaceFirst("\"probableStartDate\": \"[0-9-]+\", ", "");
        }
        IntakeFixtures.State before = IntakeFixtures.State.now();
        refused(asCounsellor().body(body), "POST", "/candidacies/" + id + "/screening", field, message);
        before.assertUnchanged();
        asCounsellor().when().get("/candidacies/{id}", id).then().statusCode(200)
                .body("status", equalTo("AWAITING_SCREENING"));
    }

    @ParameterizedTest(name = "candidacy {1} → {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            "province": "OVL"                    | "province": 2                    | province             | must be one of ANT, LIM
            "province": "OVL"                    | "province": "OVL", "province": "ANT" | province         | duplicate field
            "province": "OVL"                    | "province": "OVL", "submitedOn": "2020-03-02" | submitedOn | unknown field
            "gender": "V"                        | "gender": 1                      | person.gender        | must be one of
            "registeredAsJobSeeker": false       | "registeredAsJobSeeker": 0       | person.registeredAsJobSeeker | must be true or false
            "registeredAsJobSeeker": false       | "registeredAsJobSeeker": "false" | person.registeredAsJobSeeker | must be true or false
            "registeredAsJobSeeker": false       | "registeredAsJobSeeker": [false] | person.registeredAsJobSeeker | must be true or false
            "firstName": "An"                    | "firstName": ["An"]              | person.firstName     | must be text
            "firstName": "An"                    | "firstName": "An", "firstName": "Bo" | person.firstName | duplicate field
            "firstName": "An"                    | "firstName": "An", "nickName": "Bo" | person.nickName   | unknown field
            "kind": "SELF"                       | "kind": 0                        | referral.kind        | must be one of
            "kind": "SELF"                       | "kind": " SELF"                  | referral.kind        | must be one of
            "kind": "SELF"                       | "kind": "SELF", "ocmwId": "ocmw-gent" | referral.ocmwId | is only given for an OCMW referral
            "firstName": "An"                    | "firstName": "A\\u0000n"        | person.firstName     | must not contain control characters
            "birthDate": "1984-04-04"            | "birthDate": "1984-04-04\\n"    | person.birthDate     | must be a date
            "courseCode": "tko-kinderzorg"       | "courseCode": {"code": "tko-kinderzorg"} | courseCode   | must be text
            """)
    void refusesACandidacyThatIsNotOfTheContractsTypes(String original, String change, String field, String message) {
        String body = selfCandidacy(BIRTH, "tko-kinderzorg").replace(original, change);
        IntakeFixtures.State before = IntakeFixtures.State.now();
        refused(asCounsellor().body(body), "POST", "/candidacies", field, message);
        before.assertUnchanged();
    }

    @ParameterizedTest(name = "birthDate {0}")
    @CsvSource(delimiter = '|', textBlock = """
            19840404
            [1984, 4, 4]
            "1984-04-31"
            "04/04/1984"
            "1984-04-04T00:00:00Z"
            ""
            """)
    void refusesABirthDateThatIsNotAnIsoDate(String value) {
        String body = selfCandidacy(BIRTH, "tko-kinderzorg").replace("\"birthDate\": \"1984-04-04\"", "\"birthDate\": " + value);
        assertThat(body).contains("\"birthDate\": " + value);
        IntakeFixtures.State before = IntakeFixtures.State.now();
        refused(asCounsellor().body(body), "POST", "/candidacies", "person.birthDate", "must be a date (yyyy-MM-dd)");
        before.assertUnchanged();
    }

    @Test
    void refusesAFormalAgreementDateGivenAsANumber() {
        String id = submitted(IntakeFixtures.ocmwCandidacy(BIRTH, "tko-kinderzorg", IntakeFixtures.OCMW));
        IntakeFixtures.State before = IntakeFixtures.State.now();
        refused(asOcmw(IntakeFixtures.OCMW).body("{\"agreedOn\": 20200305}"), "POST",
                "/candidacies/" + id + "/formal-agreement", "agreedOn", "must be a date (yyyy-MM-dd)");
        refused(asOcmw(IntakeFixtures.OCMW).body("{\"agreedOn\": \"2020-03-05\", \"agredOn\": \"2020-03-05\"}"), "POST",
                "/candidacies/" + id + "/formal-agreement", "agredOn", "unknown field");
        before.assertUnchanged();
    }

    @ParameterizedTest(name = "{0}?{1}={2}")
    @CsvSource(delimiter = '|', textBlock = """
            /candidacies                      | page  | abc        | must be a whole number
            /candidacies                      | size  | 1e2        | must be a whole number
            /candidacies                      | size  | -1         | must be between 1 and 200
            /candidacies                      | page  | 2147483647 | must be at most
            /candidacies                      | page  | 107374183  | must be at most
            /ocmw/ocmw-gent/notifications     | limit | many       | must be a whole number
            /candidacies                      | sttus | CLOSED     | unknown query parameter (this operation takes ocmwId, page, size, status)
            /ocmw/ocmw-gent/notifications     | afterr | 3         | unknown query parameter
            """)
    void refusesAMalformedQueryValueNamingIt(String path, String name, String value, String message) {
        // an OCMW's inbox is read by that OCMW only (api.md)
        var caller = path.startsWith("/ocmw/") ? asOcmw("ocmw-gent") : asCounsellor();
        refused(caller.queryParam(name, value), "GET", path, name, message);
    }
}
