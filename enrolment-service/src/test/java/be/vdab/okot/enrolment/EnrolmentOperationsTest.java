package be.vdab.okot.enrolment;

import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import be.vdab.okot.testing.ServiceOperationsContract;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class EnrolmentOperationsTest extends ServiceOperationsContract {

    @Override
    protected Class<?>[] requestBodies() {
        return new Class<?>[] {be.vdab.okot.enrolment.api.ContractRequest.class, be.vdab.okot.enrolment.api.CourseView.class,
                be.vdab.okot.enrolment.api.OfferView.class, be.vdab.okot.enrolment.api.CostRequest.class};
    }
}
