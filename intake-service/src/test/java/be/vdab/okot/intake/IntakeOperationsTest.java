package be.vdab.okot.intake;

import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import be.vdab.okot.testing.ServiceOperationsContract;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class IntakeOperationsTest extends ServiceOperationsContract {

    @Override
    protected Class<?>[] requestBodies() {
        return new Class<?>[] {be.vdab.okot.intake.api.CandidacyRequest.class, be.vdab.okot.intake.api.ScreeningRequest.class,
                be.vdab.okot.intake.api.FormalAgreementRequest.class, be.vdab.okot.intake.api.WebhookRequest.class};
    }
}
