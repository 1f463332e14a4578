package be.vdab.okot.e2e;

import be.vdab.okot.runner.Platform.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** One candidacy through the whole platform: intake REST → outbox → Kafka → stats → funnel. */
class CandidacyCountedEndToEndIT {

    @BeforeAll
    static void platform() {
        RunningPlatform.get();
    }

    @Test
    void everyServiceIsReadyAndDocumentsItsApi() {
        for (Service service : Service.values()) {
            given().baseUri(RunningPlatform.url(service)).when().get("/q/health/ready")
                    .then().statusCode(200).body("status", equalTo("UP"));
            given().baseUri(RunningPlatform.url(service)).when().get("/q/openapi").then().statusCode(200);
        }
    }

    @Test
    void aPostedCandidacyIsCountedByTheFunnelWithinTwoSeconds() {
        // warm up: the first event on each of the three partitions pays for connections and metadata
        for (int i = 0; i < 6; i++) {
            measureOneCandidacy();
        }
        long millis = measureOneCandidacy();
        System.out.printf("E2E: candidacy POSTed → counted by /stats/funnel in %d ms%n", millis);
        assertThat(millis).as("end-to-end latency in ms").isLessThan(2_000);
    }

    private static long measureOneCandidacy() {
        int before = Candidacies.countedThisYear();
        long start = System.nanoTime();
        Candidacies.submitNew();
        await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(10))
                .until(() -> Candidacies.countedThisYear() == before + 1);
        return (System.nanoTime() - start) / 1_000_000;
    }
}
