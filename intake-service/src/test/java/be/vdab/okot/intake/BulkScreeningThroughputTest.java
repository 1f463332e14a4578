package be.vdab.okot.intake;

import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static be.vdab.okot.intake.BulkScreeningTest.item;
import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.screening;
import static be.vdab.okot.intake.IntakeFixtures.selfCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.submitted;
import static org.hamcrest.Matchers.equalTo;

/**
 * A measurement, not a check (run with {@code -Dokot.bench.bulk=true}): screenings per second through
 * {@code POST /candidacies/{id}/screening} one after the other against the same number in one
 * {@code POST /screenings}, on the test's H2 and broker; printed on standard output.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
@EnabledIfSystemProperty(named = "okot.bench.bulk", matches = "true")
class BulkScreeningThroughputTest {

    private static final int SCREENINGS = 500;

    @Test
    void singleCallsAgainstOneBulkCall() {
        IntakeFixtures.catalogue();
        List<String> single = new ArrayList<>();
        List<String> bulk = new ArrayList<>();
        for (int i = 0; i < 2 * SCREENINGS; i++) {
            (i % 2 == 0 ? single : bulk).add(submitted(selfCandidacy(LocalDate.of(1970, 1, 1).plusDays(i), "tko-zorgkundige")));
        }
        String screening = screening("APPROVED");

        long start = System.nanoTime();
        for (String id : single) {
            asCounsellor().body(screening).when().post("/candidacies/{id}/screening", id).then().statusCode(200);
        }
        double singleSeconds = (System.nanoTime() - start) / 1e9;
        String body = "[" + String.join(",", bulk.stream().map(id -> item(id, screening)).toList()) + "]";
        start = System.nanoTime();
        asCounsellor().body(body).when().post("/screenings").then().statusCode(200).body("accepted", equalTo(SCREENINGS));
        double bulkSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        asCounsellor().body(body).when().post("/screenings").then().statusCode(200).body("accepted", equalTo(SCREENINGS));
        double repeatSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BULK-BENCH screenings: %d single POSTs %.1f s (%.0f/s); one POST /screenings %.1f s (%.0f/s); "
                + "the same import again (unchanged) %.1f s (%.0f/s)%n", SCREENINGS, singleSeconds, SCREENINGS / singleSeconds,
                bulkSeconds, SCREENINGS / bulkSeconds, repeatSeconds, SCREENINGS / repeatSeconds);
    }
}
