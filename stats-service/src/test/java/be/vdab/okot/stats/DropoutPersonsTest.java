package be.vdab.okot.stats;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractCancelled;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/**
 * The {@code persons} measure of diplomas and drop-outs (issue 15, question 74's Totaal de-duplicated per person), from
 * events on the real broker: beside each row's value and the total, which stay contracts and sums, the distinct persons
 * among those contracts; it follows a correction and a cancellation. Owns the year 2020 (and reads 2021 for a comparison).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class DropoutPersonsTest {

    private static final int YEAR = 2020;
    private static final TrainingYearRef A_FIRST = new TrainingYearRef("q74-a", "918001",
            "Educatieve bachelor Q74 - 1ste jaar", 1, false, "PBA", "ONDERWIJS", "OKOT");
    private static final TrainingYearRef A_THIRD = new TrainingYearRef("q74-a", "918003",
            "Educatieve bachelor Q74 - 3de jaar", 3, true, "PBA", "ONDERWIJS", "OKOT");
    private static final TrainingYearRef B_FIRST = new TrainingYearRef("q74-b", "918101",
            "Verkorte educatieve bachelor Q74 - 1ste jaar", 1, false, "PBA", "ONDERWIJS", "OKOT");

    @Test
    void dropoutsCountContractsAndBesideThemTheDistinctPersonsOfEachRowAndOfTheTotal() {
        // one person, two drop-outs in one year on two training codes of one sector
        PersonProfile an = new PersonProfile(id(), LocalDate.of(1990, 4, 4), Gender.V);
        String anFirst = id();
        String anFirstCluster = id();
        String anThird = id();
        String anThirdCluster = id();
        started(an, A_FIRST, LocalDate.of(2019, 9, 2), anFirstCluster, anFirst);
        ended(an, A_FIRST, anFirst, anFirstCluster, 1, LocalDate.of(YEAR, 1, 15), Result.STOPPED, StopReason.BY_CLIENT);
        started(an, A_THIRD, LocalDate.of(2019, 9, 2), anThirdCluster, anThird);
        ended(an, A_THIRD, anThird, anThirdCluster, 1, LocalDate.of(YEAR, 6, 30), Result.FAILED, null);
        // another person, two drop-outs on the same training code
        PersonProfile bart = new PersonProfile(id(), LocalDate.of(1985, 8, 8), Gender.M);
        for (LocalDate end : new LocalDate[]{LocalDate.of(YEAR, 2, 1), LocalDate.of(YEAR, 6, 30)}) {
            String contract = id();
            String cluster = id();
            started(bart, B_FIRST, end.minusMonths(5), cluster, contract);
            ended(bart, B_FIRST, contract, cluster, 1, end, Result.FAILED, null);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> dropouts("course", null)
                .body("total", equalTo(4)).body("persons", equalTo(2)));
        dropouts("training", "q74-a")
                .body("rows.find { it.key[0] == '918001' }.value", equalTo(1))
                .body("rows.find { it.key[0] == '918001' }.persons", equalTo(1))
                .body("rows.find { it.key[0] == '918003' }.value", equalTo(1))
                .body("rows.find { it.key[0] == '918003' }.persons", equalTo(1))
                .body("total", equalTo(2)) // figures.md F3: the total stays the sum of contracts
                .body("persons", equalTo(1))
                .body("unit", equalTo("contracts"));
        dropouts("training", "q74-b")
                .body("rows.size()", equalTo(1))
                .body("rows[0].value", equalTo(2))
                .body("rows[0].persons", equalTo(1))
                .body("total", equalTo(2))
                .body("persons", equalTo(1));
        dropouts("course", null)
                .body("rows.find { it.key[0] == 'q74-a' }.persons", equalTo(1))
                .body("rows.find { it.key[0] == 'q74-b' }.persons", equalTo(1));

        // as a table: a persons column after the value, in every row and the total
        String csv = given().auth().oauth2(TestTokens.analyst()).accept("text/csv").queryParam("year", YEAR)
                .queryParam("by", "training").queryParam("course", "q74-b")
                .when().get("/stats/dropouts").then().statusCode(200).extract().asString();
        assertThat(csv.lines()).containsExactly("training,training_code,value,persons",
                "918101: Verkorte educatieve bachelor Q74 - 1ste jaar,918101,2,1", "Totaal,,2,1");
        // the evolution and the comparison carry it too
        given().auth().oauth2(TestTokens.analyst()).queryParam("fromYear", YEAR).queryParam("toYear", YEAR + 1)
                .queryParam("by", "training").queryParam("course", "q74-b")
                .when().get("/stats/dropouts/evolution").then().statusCode(200)
                .body("[0].persons", equalTo(1)).body("[0].rows[0].persons", equalTo(1))
                .body("[1].persons", equalTo(0)).body("[1].total", equalTo(0));
        given().auth().oauth2(TestTokens.analyst()).queryParam("year", YEAR + 1).queryParam("compare", "previous-year")
                .queryParam("by", "training").queryParam("course", "q74-b")
                .when().get("/stats/dropouts").then().statusCode(200)
                .body("persons", equalTo(0))
                .body("compare.total", equalTo(2)).body("compare.persons", equalTo(1))
                .body("compare.rows[0].persons", equalTo(1)).body("compare.difference", equalTo(-2));
        // a figure without the measure has none
        given().auth().oauth2(TestTokens.analyst()).queryParam("year", YEAR).queryParam("by", "training")
                .when().get("/stats/starts").then().statusCode(200)
                .body("$", not(hasKey("persons"))).body("rows[0]", not(hasKey("persons")));

        // a resit correction moves An's third year out of the drop-outs into the diplomas: her row there goes
        ended(an, A_THIRD, anThird, anThirdCluster, 2, LocalDate.of(YEAR, 9, 5), Result.PASSED, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> dropouts("training", "q74-a")
                .body("rows.size()", equalTo(1))
                .body("rows[0].key[0]", equalTo("918001"))
                .body("rows[0].persons", equalTo(1))
                .body("total", equalTo(1)).body("persons", equalTo(1)));
        given().auth().oauth2(TestTokens.analyst()).queryParam("year", YEAR).queryParam("course", "q74-a")
                .queryParam("by", "training").when().get("/stats/diplomas").then().statusCode(200)
                .body("total", equalTo(1)).body("persons", equalTo(1))
                .body("rows[0].key[0]", equalTo("918003")).body("rows[0].persons", equalTo(1));
        // a cancellation takes her last drop-out: she leaves the persons of the total
        publish(EventType.CONTRACT_CANCELLED, new ContractCancelled(anFirst, id(), anFirstCluster, an.personId(), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> dropouts("course", null)
                .body("total", equalTo(2)).body("persons", equalTo(1))
                .body("rows.size()", equalTo(1)));
        dropouts("training", "q74-a").body("total", equalTo(0)).body("persons", equalTo(0)).body("rows.size()", equalTo(0));
    }

    /** The OpenAPI document describes the measure on the answer, its rows and its comparison. */
    @Test
    void theOpenApiSchemaDescribesPersons() {
        io.restassured.path.json.JsonPath openApi = given().accept(io.restassured.http.ContentType.JSON)
                .when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        for (String schema : new String[]{"FigureAnswer", "Row", "Comparison"}) {
            assertThat(openApi.getString("components.schemas." + schema + ".properties.persons.description"))
                    .as(schema).contains("distinct persons");
        }
        assertThat(openApi.getString("components.schemas.FigureAnswer.properties.persons.type")).isEqualTo("integer");
        assertThat(openApi.getString("components.schemas.Row.properties.persons.type")).isEqualTo("integer");
    }

    private static ValidatableResponse dropouts(String by, String course) {
        var request = given().auth().oauth2(TestTokens.analyst()).queryParam("year", YEAR).queryParam("by", by);
        if (course != null) {
            request = request.queryParam("course", course);
        }
        return request.when().get("/stats/dropouts").then().statusCode(200);
    }

    private static void started(PersonProfile person, TrainingYearRef training, LocalDate start, String cluster,
                                String contract) {
        publish(EventType.CONTRACT_STARTED, new ContractStarted(contract, id(), cluster, person, training, Province.OVL,
                "school", start, start.plusMonths(9)));
    }

    private static void ended(PersonProfile person, TrainingYearRef training, String contract, String cluster, int revision,
                              LocalDate end, Result result, StopReason reason) {
        publish(EventType.COURSE_ENDED, new CourseEnded(contract, id(), cluster, revision, person, training, Province.OVL,
                end.minusMonths(9), end, result, reason, false, null, null));
    }

    private static void publish(EventType type, OkotEvent event) {
        new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).send(type.topic(), event.subject(),
                EventJson.write(event), KafkaTestClient.cloudEventHeaders(null, type.ceType(), event.subject()));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
