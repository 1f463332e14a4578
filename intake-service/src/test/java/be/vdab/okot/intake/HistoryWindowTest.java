package be.vdab.okot.intake;

import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.selfCandidacy;
import static be.vdab.okot.intake.IntakeFixtures.submitted;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Every business date intake-service records lies in the platform's history window
 * ({@code okot.history.start}, default 2012-01-01, to the end of the horizon year): what the platform
 * accepts, stats-service can report. A date outside it is a 400 naming the field and changes nothing.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class HistoryWindowTest {

    private static final LocalDate BIRTH = LocalDate.of(1980, 4, 4);

    @BeforeEach
    void catalogue() {
        IntakeFixtures.catalogue();
    }

    @Test
    void aCandidacyDatedBeforeTheHistoryIsRefused() {
        for (String day : new String[] {"1999-03-01", "2011-12-31"}) {
            String body = selfCandidacy(BIRTH, "pba-verpleegkunde")
                    .replace("\"province\": \"OVL\",", "\"province\": \"OVL\", \"submittedOn\": \"" + day + "\",");
            CandidacyResourceTest.assertRefused(asCounsellor(), body, 400)
                    .body("violations.field", hasItem("submittedOn"))
                    .body("violations.message", hasItem(containsString("2012-01-01")));
        }
        String firstDay = selfCandidacy(BIRTH, "pba-verpleegkunde")
                .replace("\"province\": \"OVL\",", "\"province\": \"OVL\", \"submittedOn\": \"2012-01-01\",");
        asCounsellor().body(firstDay).when().post("/candidacies").then().statusCode(201)
                .body("submittedOn", equalTo("2012-01-01"));
    }

    @Test
    void aProbableStartBeyondTheHorizonIsRefusedAndChangesNothing() {
        String id = submitted(selfCandidacy(BIRTH, "pba-verpleegkunde"));
        int horizonYear = LocalDate.now(ZoneId.of("Europe/Brussels")).getYear() + 2;
        String screening = IntakeFixtures.screening("APPROVED")
                .replaceAll("\"probableStartDate\": \"[0-9-]+\"", "\"probableStartDate\": \"" + (horizonYear + 1) + "-01-01\"");
        IntakeFixtures.State before = IntakeFixtures.State.now();
        asCounsellor().body(screening).when().post("/candidacies/{id}/screening", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("probableStartDate"));
        before.assertUnchanged();
        asCounsellor().when().get("/candidacies/{id}", id).then().statusCode(200).body("status", equalTo("AWAITING_SCREENING"));
    }
}
