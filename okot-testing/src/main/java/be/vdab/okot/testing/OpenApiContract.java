package be.vdab.okot.testing;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service's OpenAPI document ({@code /q/openapi}) must say of its request bodies: each field the API
 * refuses when it is missing (a record component with {@code @NotNull}, {@code @NotEmpty} or {@code @NotBlank},
 * in nested records too) is listed as {@code required} in the body's schema, so a client generated from the document
 * learns it there and not from a 400. Found by a newcomer: a screening's {@code preconditions} ({@code @NotEmpty})
 * was not marked.
 */
public final class OpenApiContract {

    private static final Set<String> MANDATORY = Set.of("NotNull", "NotEmpty", "NotBlank");

    private OpenApiContract() {
    }

    /** @param requests the request records of the service's API; the schema of each is named by its simple name */
    public static void assertEveryMandatoryFieldRequired(Class<?>... requests) {
        JsonPath openApi = given().accept(ContentType.JSON).when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        List<Class<?>> records = new ArrayList<>(Arrays.asList(requests));
        for (int i = 0; i < records.size(); i++) {
            Class<?> request = records.get(i);
            String schema = "components.schemas." + request.getSimpleName();
            assertThat(openApi.getMap(schema)).as(schema).isNotNull();
            List<String> mandatory = new ArrayList<>();
            for (RecordComponent component : request.getRecordComponents()) {
                if (component.getType().isRecord() && !records.contains(component.getType())) {
                    records.add(component.getType());
                }
                if (Arrays.stream(field(request, component.getName()).getAnnotations()).map(Annotation::annotationType)
                        .anyMatch(type -> MANDATORY.contains(type.getSimpleName()))) {
                    mandatory.add(component.getName());
                }
            }
            List<String> required = openApi.getList(schema + ".required");
            assertThat(required == null ? List.<String>of() : required).as(schema + ".required").containsAll(mandatory);
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("a record component without its field: " + type.getName() + "." + name, e);
        }
    }
}
