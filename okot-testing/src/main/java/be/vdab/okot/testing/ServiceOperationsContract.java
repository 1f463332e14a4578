package be.vdab.okot.testing;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * What ops rely on for every service (api.md, general rules): open health endpoints whose
 * readiness covers the database and Kafka, Prometheus metrics with the outbox backlog and
 * the consumer, and the OpenAPI document, which marks every field a request body must have as required
 * ({@link OpenApiContract}). A service's test extends it as a {@code @QuarkusTest}.
 */
public abstract class ServiceOperationsContract {

    /** The request records of the service's API (bodies of its POST and PUT), or none. */
    protected abstract Class<?>[] requestBodies();

    @Test
    void isLiveStartedAndReadyWithItsDatabaseAndKafka() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.name", hasItems("Database connections health check", "Kafka connection health check")));
    }

    @Test
    void exposesPrometheusMetricsIncludingTheOutboxBacklogAndTheConsumer() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/metrics").then().statusCode(200)
                        .body(containsString("okot_outbox_backlog"))
                        .body(containsString("kafka_consumer_fetch_manager_records_lag")));
    }

    @Test
    void documentsItsApiWithOpenApiAndSwaggerUi() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("openapi", containsString("3."));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void marksEveryFieldARequestMustHaveAsRequiredInItsOpenApiDocument() {
        OpenApiContract.assertEveryMandatoryFieldRequired(requestBodies());
    }
}
