package be.vdab.okot.intake;

import be.vdab.okot.intake.persistence.Person;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.candidacy;
import static be.vdab.okot.intake.IntakeFixtures.inszFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A write that finds no free database connection (a burst larger than the pool) is answered 503
 * {@code database-unavailable} with {@code Retry-After}, changes nothing, and succeeds when repeated once
 * connections are free again — not a 500, and not a {@code not-durable} from a flush that queued behind it.
 * A service of its own (a test profile) with a pool of 4 connections and a short acquisition timeout; the test
 * takes every free connection itself, as a burst of slow transactions would.
 */
@QuarkusTest
@TestProfile(DatabaseUnavailableTest.SmallPool.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class DatabaseUnavailableTest {

    public static class SmallPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", "4",
                    "quarkus.datasource.jdbc.acquisition-timeout", "PT2S");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aWriteWithoutAFreeConnectionIsA503ThatChangesNothingAndSucceedsWhenRepeated() throws SQLException {
        IntakeFixtures.catalogue();
        LocalDate birthDate = LocalDate.of(1990, 3, 14);
        String insz = inszFor(birthDate);
        String body = candidacy(insz, birthDate, "tko-kinderzorg", "{ \"kind\": \"SELF\" }");

        List<Connection> taken = takeEveryFreeConnection();
        try {
            asCounsellor().header("Idempotency-Key", "pool-" + insz).body(body).when().post("/candidacies")
                    .then().statusCode(503)
                    .header("Retry-After", "1")
                    .contentType("application/problem+json")
                    .body("type", containsString("database-unavailable"))
                    .body("status", equalTo(503))
                    .body("detail", containsString("nothing was changed"));
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> Person.count("insz", insz))).isZero();

        asCounsellor().header("Idempotency-Key", "pool-" + insz).body(body).when().post("/candidacies")
                .then().statusCode(201);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Person.count("insz", insz))).isEqualTo(1);
    }

    /** Connections until the pool has none left within its acquisition timeout. */
    private List<Connection> takeEveryFreeConnection() {
        List<Connection> taken = new ArrayList<>();
        while (taken.size() < 10) {
            try {
                taken.add(dataSource.getConnection());
            } catch (SQLException noneLeft) {
                break;
            }
        }
        assertThat(taken).as("connections taken before the pool ran dry").isNotEmpty().hasSizeLessThanOrEqualTo(4);
        return taken;
    }
}
