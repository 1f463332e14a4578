package be.vdab.okot.stats;

import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import be.vdab.okot.testing.ServiceOperationsContract;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class StatsOperationsTest extends ServiceOperationsContract {

    @Override
    protected Class<?>[] requestBodies() {
        return new Class<?>[0]; // stats-service takes no request bodies: it only answers GETs and starts jobs
    }
}
