package be.vdab.okot.testing;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** For the strict-input tests of every service: bodies with one changed entry, and the refusal they must get. */
public final class StrictInput {

    private StrictInput() {
    }

    /**
     * A JSON object of the entries ({@code "year": 2022}) where the entry of the change's key is replaced by the
     * change (which may hold several entries, e.g. a duplicate key), or the change added when no entry has its key.
     */
    public static String body(String change, String... entries) {
        String key = change.substring(0, change.indexOf(':')).trim();
        List<String> parts = new ArrayList<>();
        boolean replaced = false;
        for (String entry : entries) {
            if (entry.substring(0, entry.indexOf(':')).trim().equals(key)) {
                parts.add(change);
                replaced = true;
            } else {
                parts.add(entry);
            }
        }
        if (!replaced) {
            parts.add(change);
        }
        return "{" + String.join(", ", parts) + "}";
    }

    /**
     * Sends the request and checks it is refused with 400 problem details whose violations name the field with a
     * message starting with the given words (both skipped when null), without Java names, in under 2 KB.
     */
    public static ValidatableResponse refused(RequestSpecification request, String method, String path, String field,
                                              String message) {
        Response response = request.when().request(method, path);
        ValidatableResponse validatable = HttpProblemsContract.problem(response, 400)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(400));
        if (field != null) {
            validatable.body("violations.field", hasItem(field));
            List<String> messages = response.jsonPath().getList("violations.findAll { it.field == '" + field + "' }.message");
            assertThat(messages).as(response.asString()).anySatisfy(text -> assertThat(text).startsWith(message));
        }
        assertThat(response.asString().length()).isLessThan(2_000);
        return validatable;
    }
}
