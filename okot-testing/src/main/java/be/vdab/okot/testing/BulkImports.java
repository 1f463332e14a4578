package be.vdab.okot.testing;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.Collections;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;

/**
 * What the tests of every bulk import ({@code BulkImport} in okot-web) check alike. {@link #assertRefusedWhole}: the
 * requests every bulk import ({@code BulkImport} in okot-web) refuses whole with a 400 problem, before any
 * item is applied: an empty list, {@code null}, a null item, 10,001 items, an item of the wrong types, an object
 * instead of a list, malformed JSON (also when it breaks off inside an item: {@code malformed-json}, not a field); and a caller who is not a counsellor (403). The caller checks afterwards
 * that nothing changed. {@link #assertEachItemRecordedOnce}: identical imports sent at once.
 */
public final class BulkImports {

    /** One more than {@code BulkImport.MAX_ITEMS}. */
    public static final int TOO_MANY = 10_001;

    private BulkImports() {
    }

    /**
     * @param path          the bulk path, e.g. {@code /screenings}
     * @param item          a valid item (JSON object)
     * @param wrongTypes    an item with a field of the wrong type
     * @param wrongField    that field as the problem names it, e.g. {@code decision}
     */
    public static void assertRefusedWhole(String path, String item, String wrongTypes, String wrongField) {
        refused(path, "[]", "body");
        refused(path, "null", "body");
        refused(path, "[" + item + ", null]", "[1]");
        refused(path, "[" + String.join(",", Collections.nCopies(TOO_MANY, "{}")) + "]", "body");
        refused(path, "[" + item + ", " + wrongTypes + "]", "[1]." + wrongField);
        refused(path, item, "body");
        for (String truncated : List.of("[" + item, "[{", "[" + item.substring(0, item.length() / 2))) {
            counsellor().body(truncated).when().post(path).then().statusCode(400).contentType("application/problem+json")
                    .body("type", endsWith("/malformed-json"));
        }
        given().auth().oauth2(TestTokens.analyst()).contentType(ContentType.JSON).body("[" + item + "]")
                .when().post(path).then().statusCode(403).contentType("application/problem+json");
    }

    /**
     * The answers of identical imports sent at once ({@link Twins}): every one a 200 with each item ACCEPTED, and
     * each item recorded by exactly one of them ({@code unchanged: false}), the others finding it recorded.
     */
    public static void assertEachItemRecordedOnce(List<Response> answers, int items, String round) {
        assertThat(answers).extracting(Response::statusCode).as(round).containsOnly(200);
        for (int index = 0; index < items; index++) {
            String item = "items[" + index + "]";
            assertThat(answers).extracting(answer -> answer.<String>path(item + ".status")).as(round + " " + item)
                    .containsOnly("ACCEPTED");
            assertThat(answers).extracting(answer -> answer.<Boolean>path(item + ".unchanged")).as(round + " " + item)
                    .containsOnlyOnce(false);
        }
    }

    private static void refused(String path, String body, String field) {
        counsellor().body(body).when().post(path).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem(field));
    }

    private static RequestSpecification counsellor() {
        return given().auth().oauth2(TestTokens.counsellor()).contentType(ContentType.JSON);
    }
}
