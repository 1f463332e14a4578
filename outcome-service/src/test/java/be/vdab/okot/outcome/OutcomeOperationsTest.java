package be.vdab.okot.outcome;

import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import be.vdab.okot.testing.ServiceOperationsContract;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class OutcomeOperationsTest extends ServiceOperationsContract {

    @Override
    protected Class<?>[] requestBodies() {
        return new Class<?>[] {be.vdab.okot.outcome.api.EndRequest.class, be.vdab.okot.outcome.api.OutflowRequest.class};
    }
}
