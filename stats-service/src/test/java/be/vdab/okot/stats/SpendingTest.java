package be.vdab.okot.stats;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.Topics;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractCancelled;
import be.vdab.okot.events.enrolment.CostKind;
import be.vdab.okot.events.enrolment.CostRecorded;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * F9, money spent (figures.md), from {@code okot.cost.recorded} on the real broker: euro with two decimals by booking
 * date, corrections subtract, module contracts never count, a cancelled contract keeps its costs, an entry counts
 * once however often it is delivered. This test owns the costs of 2010 and 2011 (no other test records costs).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class SpendingTest {

    private static final TrainingYearRef KLEUTER_1 = new TrainingYearRef("kleuter", "908001",
            "Educatieve bachelor voor kleuteronderwijs - 1ste jaar", 1, false, "PBA", "ONDERWIJS", "OKOT");
    private static final TrainingYearRef TKO_KINDERZORG = new TrainingYearRef("tko-kinderzorg", "tko-kinderzorg-1",
            "TKO kinderzorg", 1, true, "TKO", "ZORG", "OKOT");
    private static final TrainingYearRef MODULE_4A = new TrainingYearRef("module-lasser", "module-lasser-1",
            "Lasser", 1, true, "MODULE", "KNELPUNT", "KNELPUNT_4A");

    @Test
    void theEuroSpentInAYearByKindAndProvinceCorrectionsSubtractedModulesLeftOutDuplicatesOnce() {
        PersonProfile person = new PersonProfile(id(), LocalDate.of(1980, 4, 4), Gender.V);
        String contract = id();
        String tkoContract = id();
        String cancelledContract = id();

        // every event of this person is on one partition, in this order; the correction comes last, and no total
        // on the way equals the final one
        CostRecorded fee = cost(tkoContract, CostKind.REGISTRATION_FEE, "300.00", "2011-03-01", null, TKO_KINDERZORG,
                Province.ANT, person);
        publishTwice(fee);                                            // the same ce_id twice: once
        publish(cost(id(), CostKind.STUDY_COSTS, "5000.00", "2011-05-05", null, MODULE_4A, Province.OVL, person));
        CostRecorded study = cost(contract, CostKind.STUDY_COSTS, "1250.00", "2011-10-05", null, KLEUTER_1,
                Province.OVL, person);
        publish(study);
        publish(cost(contract, CostKind.LEARNING_MATERIALS, "99.50", "2011-11-02", null, KLEUTER_1, Province.OVL, person));
        publish(EventType.CONTRACT_CANCELLED, new ContractCancelled(cancelledContract, id(), id(), person.personId(),
                Instant.now()));
        publish(cost(cancelledContract, CostKind.ADMINISTRATION, "45.00", "2011-06-01", null, KLEUTER_1, Province.LIM,
                person));                                             // a cancelled contract keeps its costs
        publish(cost(contract, CostKind.ADMINISTRATION, "10.00", "2010-12-31", null, KLEUTER_1, Province.OVL, person));
        publish(fee);                                                 // the same entry under another ce_id: once
        publish(cost(contract, CostKind.STUDY_COSTS, "-250.25", "2011-12-01", study.costId(), KLEUTER_1, Province.OVL,
                person));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> spending(Map.of())
                .then().statusCode(200).body("total", equalTo(euro("1444.25"))));
        spending(Map.of("by", "kind")).then().statusCode(200)
                .body("unit", equalTo("euro")).body("figure", equalTo("spending"))
                .body("rows.find { it.key[0] == 'STUDY_COSTS' }.value", equalTo(euro("999.75")))
                .body("rows.find { it.key[0] == 'LEARNING_MATERIALS' }.value", equalTo(euro("99.50")))
                .body("rows.find { it.key[0] == 'REGISTRATION_FEE' }.value", equalTo(euro("300.00")))
                .body("rows.find { it.key[0] == 'ADMINISTRATION' }.value", equalTo(euro("45.00")))
                .body("rows.find { it.key[0] == 'STUDY_COSTS' }.label[0]", equalTo("Studiekosten"))
                .body("rows.size()", equalTo(4));
        spending(Map.of("by", "province")).then().statusCode(200)
                .body("rows.find { it.key[0] == 'OVL' }.value", equalTo(euro("1099.25")))
                .body("rows.find { it.key[0] == 'ANT' }.value", equalTo(euro("300.00")))
                .body("rows.find { it.key[0] == 'LIM' }.value", equalTo(euro("45.00")));
        spending(Map.of("by", "type,sector")).then().statusCode(200)
                .body("rows.find { it.key == ['TKO', 'ZORG'] }.value", equalTo(euro("300.00")))
                .body("rows.key.flatten()", org.hamcrest.Matchers.not(hasItem("MODULE")));
        spending(Map.of("kind", "STUDY_COSTS")).then().statusCode(200).body("total", equalTo(euro("999.75")));
        spending(Map.of("province", "ANT", "by", "course")).then().statusCode(200).body("total", equalTo(euro("300.00")))
                .body("rows[0].key[0]", equalTo("tko-kinderzorg"));
        spending(Map.of("compare", "previous-year")).then().statusCode(200)
                .body("compare.total", equalTo(euro("10.00"))).body("compare.difference", equalTo(euro("1434.25")));
        // F6: a year a row, each on its own booking dates
        given().auth().oauth2(TestTokens.analyst()).config(RestAssuredConfig.config().jsonConfig(JsonConfig.jsonConfig()
                        .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)))
                .queryParam("fromYear", 2010).queryParam("toYear", 2011).when().get("/stats/spending/evolution")
                .then().statusCode(200).body("total", equalTo(java.util.List.of(euro("10.00"), euro("1444.25"))));
        // a date range: the booking date decides
        analyst().queryParam("from", "2011-10-01").queryParam("to", "2011-11-30").when().get("/stats/spending")
                .then().statusCode(200).body("total", equalTo(euro("1349.50")));

        String csv = analyst().queryParam("year", 2011).queryParam("by", "kind").accept("text/csv")
                .when().get("/stats/spending").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(csv).contains("Studiekosten,STUDY_COSTS,999.75", "1444.25");

        // spending has its breakdowns; the kind is spending's own filter
        spending(Map.of("by", "age5")).then().statusCode(400).body("violations.field", hasItem("by"));
        spending(Map.of("kind", "FOOD")).then().statusCode(400).body("violations.field", hasItem("kind"));
        analyst().queryParam("year", 2011).queryParam("kind", "STUDY_COSTS").when().get("/stats/starts")
                .then().statusCode(400).body("detail", containsString("invalid"));
    }

    private static CostRecorded cost(String contractId, CostKind kind, String amount, String bookedOn, String corrects,
                                     TrainingYearRef training, Province province, PersonProfile person) {
        return new CostRecorded(id(), contractId, id(), kind, new BigDecimal(amount), LocalDate.parse(bookedOn), corrects,
                training, province, person);
    }

    private static io.restassured.response.Response spending(Map<String, String> parameters) {
        RequestSpecification request = analyst().queryParam("year", 2011);
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            request = request.queryParam(parameter.getKey(), parameter.getValue());
        }
        return request.when().get("/stats/spending");
    }

    /** Numbers read as BigDecimal, so a value is compared with its two decimals. */
    private static RequestSpecification analyst() {
        return given().auth().oauth2(TestTokens.analyst()).config(RestAssuredConfig.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)));
    }

    private static BigDecimal euro(String amount) {
        return new BigDecimal(amount);
    }

    private static void publish(CostRecorded cost) {
        publish(EventType.COST_RECORDED, cost);
    }

    private static void publish(EventType type, OkotEvent event) {
        new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).send(type.topic(), event.subject(),
                EventJson.write(event), KafkaTestClient.cloudEventHeaders(null, type.ceType(), event.subject()));
    }

    /** The same event (same {@code ce_id}) twice, as after a producer retry or a consumer restart. */
    private static void publishTwice(CostRecorded cost) {
        KafkaTestClient kafka = new KafkaTestClient(KafkaBrokerResource.bootstrapServers());
        Map<String, String> headers = KafkaTestClient.cloudEventHeaders(null, EventType.COST_RECORDED.ceType(), cost.subject());
        kafka.send(Topics.ENROLMENT, cost.subject(), EventJson.write(cost), headers);
        kafka.send(Topics.ENROLMENT, cost.subject(), EventJson.write(cost), headers);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
