package be.vdab.okot.stats.persistence;

import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A connection that a transaction put on another store goes back to its old schema on PostgreSQL when the
 * transaction rolls back (a SET is undone with it): the next transaction must still find itself on the store
 * it asked for, the active one for the figures and the consumer, the other one for a rebuild. H2 keeps a SET
 * through a rollback; the same checks hold there.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class FactStoresTest {

    @Inject
    FactStores stores;

    @Test
    void aTransactionThatSwitchedStoresAndRolledBackLeavesTheNextOneOnTheStoreItAsksFor() throws Exception {
        String active = stores.active();
        String other = stores.inactive();
        QuarkusTransaction.requiringNew().run(() -> execute("create schema if not exists " + other));

        for (int round = 0; round < 3; round++) {
            // a rebuild's transaction leaves the connection on the other store, for good
            assertThat(stores.writingTo(other, () -> QuarkusTransaction.requiringNew().call(FactStoresTest::schema)))
                    .isEqualToIgnoringCase(other);
            // a live transaction takes it back to the active store, then rolls back (a failed poll)
            assertThat(rolledBack()).isEqualToIgnoringCase(active);
            // the next live transaction works on the active store, not on the one the rollback restored
            assertThat(QuarkusTransaction.requiringNew().call(FactStoresTest::schema)).isEqualToIgnoringCase(active);

            // and the other way round: a rebuild's transaction that rolls back, then the rebuild goes on
            assertThat(stores.writingTo(other, FactStoresTest::rolledBack)).isEqualToIgnoringCase(other);
            assertThat(stores.writingTo(other, () -> QuarkusTransaction.requiringNew().call(FactStoresTest::schema)))
                    .isEqualToIgnoringCase(other);
            assertThat(QuarkusTransaction.requiringNew().call(FactStoresTest::schema)).isEqualToIgnoringCase(active);
        }
    }

    /** The schema a transaction works on, from inside a transaction that then rolls back. */
    private static String rolledBack() {
        String[] seen = new String[1];
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            seen[0] = schema();
            throw new IllegalStateException("rolled back");
        })).hasMessageContaining("rolled back");
        return seen[0];
    }

    /** The schema this transaction's connection works on. */
    private static String schema() {
        return StatsWatermark.getEntityManager().unwrap(Session.class).doReturningWork(Connection::getSchema);
    }

    private static void execute(String sql) {
        StatsWatermark.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        });
    }
}
