package be.vdab.okot.outcome;

import be.vdab.okot.testing.HttpProblemsContract;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class OutcomeHttpProblemsTest extends HttpProblemsContract {

    @Override
    protected String jsonPath() {
        return "/outflow/measurements";
    }

    @Override
    protected String token() {
        return TestTokens.counsellor();
    }
}
