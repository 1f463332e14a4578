package be.vdab.okot.intake;

import be.vdab.okot.testing.HttpProblemsContract;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class IntakeHttpProblemsTest extends HttpProblemsContract {

    @Override
    protected String jsonPath() {
        return "/candidacies";
    }

    @Override
    protected String token() {
        return TestTokens.counsellor();
    }
}
