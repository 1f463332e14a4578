package be.vdab.okot.enrolment;

import be.vdab.okot.events.Topics;
import be.vdab.okot.messaging.outbox.OutboxMessage;
import be.vdab.okot.reference.PublishedTables;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

/** The shipped catalogue and offers against the published tables, and admin changes through HTTP and Kafka. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class CatalogueTest {

    private static final List<String> PROVINCE_COLUMNS = List.of("ant", "lim", "ovl", "vl_br", "wvl", "bxl");
    private static final List<String> PROVINCES = List.of("ANT", "LIM", "OVL", "VBR", "WVL", "BXL");

    @Test
    void theShippedOffersOf2020AreThePublishedMatrixCellForCell() {
        Map<String, String> codeByName = new HashMap<>();
        List<Map<String, Object>> courses = asCounsellor().when().get("/courses").then().statusCode(200)
                .extract().jsonPath().getList("$");
        courses.forEach(course -> codeByName.put((String) course.get("name"), (String) course.get("code")));
        List<Map<String, Object>> offers = asCounsellor().queryParam("year", 2020).when().get("/offers")
                .then().statusCode(200).extract().jsonPath().getList("$");
        Set<String> offered = offers.stream().map(offer -> offer.get("courseCode") + "/" + offer.get("province"))
                .collect(Collectors.toSet());

        int[] columnTotals = new int[6];
        int cells = 0;
        for (String[] row : csv("q562_2020_trajectories_by_province")) {
            if (!row[row.length - 1].equals("detail")) {
                continue;
            }
            String code = codeByName.get(row[0]);
            assertThat(code).as("course of the offer table: " + row[0]).isNotNull();
            for (int column = 0; column < 6; column++) {
                boolean published = row[1 + column].equals("1");
                assertThat(offered.contains(code + "/" + PROVINCES.get(column)))
                        .as("q562 answer 1, row '%s', column %s: published %s", row[0], PROVINCE_COLUMNS.get(column),
                                published ? 1 : 0)
                        .isEqualTo(published);
                columnTotals[column] += published ? 1 : 0;
                cells += published ? 1 : 0;
            }
        }
        assertThat(offers).hasSize(171);
        assertThat(cells).isEqualTo(171);
        assertThat(columnTotals).containsExactly(30, 32, 28, 30, 34, 17);
    }

    @Test
    void everyTrainingYearCodeOfQuestion74IsInTheCatalogueWithItsFinalYearFlag() {
        Map<String, Boolean> finalYearByCode = new HashMap<>();
        List<Map<String, Object>> courses = asCounsellor().when().get("/courses").then().statusCode(200)
                .extract().jsonPath().getList("$");
        for (Map<String, Object> course : courses) {
            for (Map<String, Object> year : (List<Map<String, Object>>) course.get("trainingYears")) {
                finalYearByCode.put((String) year.get("code"), (Boolean) year.get("finalYear"));
            }
        }
        Set<String> graduating = csv("q74_onderwijs_graduates_by_training_year").stream()
                .filter(row -> row[row.length - 1].equals("detail")).map(row -> row[0]).collect(Collectors.toSet());
        List<String[]> started = csv("q74_onderwijs_starts_by_training_year").stream()
                .filter(row -> row[row.length - 1].equals("detail")).toList();
        assertThat(started).hasSizeGreaterThanOrEqualTo(19);
        for (String[] row : started) {
            assertThat(finalYearByCode).as("q74 training-year code " + row[0] + " " + row[1]).containsKey(row[0]);
            assertThat(finalYearByCode.get(row[0])).as("final-year flag of " + row[0])
                    .isEqualTo(graduating.contains(row[0]));
        }
        asCounsellor().when().get("/courses/{code}", "pba-verpleegkunde").then().statusCode(200)
                .body("type", equalTo("PBA")).body("sector", equalTo("ZORG")).body("programme", equalTo("OKOT"));
        asCounsellor().queryParam("programme", "KNELPUNT_4B").when().get("/courses").then().statusCode(200)
                .body("programme", everyItem(equalTo("KNELPUNT_4B"))).body("size()", equalTo(1));
        asCounsellor().when().get("/courses/{code}", "no-such-course").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theShippedCatalogueIsPublishedKeyedByCourseCode() {
        var events = new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).await(Topics.ENROLMENT,
                record -> "pba-verpleegkunde".equals(record.key())
                        && "okot.course.published".equals(KafkaTestClient.header(record, "ce_type")),
                Duration.ofSeconds(20));
        assertThat(events).isNotEmpty();
        assertThat(events.get(0).value()).contains("\"code\":\"pba-verpleegkunde\"", "\"finalYear\":true");
    }

    @Test
    void anAdminAddsAndChangesACourseAndEachRealChangeIsPublishedOnce() {
        String course = """
                { "name": "TKO schilder-decorateur", "type": "TKO", "sector": "BOUW", "programme": "OKOT",
                  "trainingYears": [ { "code": "tko-schilder-decorateur-1", "name": "TKO schilder-decorateur", "year": 1, "finalYear": true } ] }""";
        long before = outboxEvents();
        asAdmin().body(course).when().put("/courses/{code}", "tko-schilder-decorateur").then().statusCode(201)
                .body("code", equalTo("tko-schilder-decorateur"));
        assertThat(outboxEvents()).isEqualTo(before + 1);
        asAdmin().body(course).when().put("/courses/{code}", "tko-schilder-decorateur").then().statusCode(200);
        assertThat(outboxEvents()).as("an unchanged course publishes nothing").isEqualTo(before + 1);
        asAdmin().body(course.replace("\"BOUW\"", "\"TECHNIEK\"")).when().put("/courses/{code}", "tko-schilder-decorateur")
                .then().statusCode(200).body("sector", equalTo("TECHNIEK"));
        assertThat(outboxEvents()).isEqualTo(before + 2);
    }

    /**
     * A course with contracts can still be renamed or get a training year more (it answered 500: its years were
     * deleted and inserted again under their contracts), but a year with contracts stays, and the programme its
     * contracts were counted under does not change (409, nothing changed).
     */
    @Test
    void aCourseWithContractsChangesWithoutLosingWhatItsContractsReferTo() {
        String course = """
                { "name": "TKO behanger", "type": "TKO", "sector": "BOUW", "programme": "OKOT", "trainingYears": [
                  { "code": "tko-behanger-1", "name": "TKO behanger 1", "year": 1, "finalYear": false },
                  { "code": "tko-behanger-2", "name": "TKO behanger 2", "year": 2, "finalYear": true } ] }""";
        asAdmin().body(course).when().put("/courses/{code}", "tko-behanger").then().statusCode(201);
        ContractTest.Candidate candidate = ContractTest.candidacy("tko-behanger",
                be.vdab.okot.events.intake.ScreeningCompleted.Decision.APPROVED, null);
        String contractId = ContractTest.asCounsellor()
                .body(ContractTest.contract(candidate, "tko-behanger-1", "2020-09-21", "2021-06-30"))
                .when().post("/contracts").then().statusCode(201).extract().path("id");

        asAdmin().body(course.replace("\"TKO behanger 1\"", "\"TKO behanger - 1ste jaar\"")).when()
                .put("/courses/{code}", "tko-behanger").then().statusCode(200)
                .body("trainingYears.name", hasItem("TKO behanger - 1ste jaar"));
        String withThird = course.replace("\"finalYear\": true } ]", "\"finalYear\": true },\n"
                + "  { \"code\": \"tko-behanger-3\", \"name\": \"TKO behanger 3\", \"year\": 3, \"finalYear\": true } ]");
        asAdmin().body(withThird).when().put("/courses/{code}", "tko-behanger").then().statusCode(200)
                .body("trainingYears.code", equalTo(List.of("tko-behanger-1", "tko-behanger-2", "tko-behanger-3")));
        asAdmin().body(course).when().put("/courses/{code}", "tko-behanger").then().statusCode(200)
                .body("trainingYears.code", equalTo(List.of("tko-behanger-1", "tko-behanger-2")));

        long events = outboxEvents();
        String withoutFirst = """
                { "name": "TKO behanger", "type": "TKO", "sector": "BOUW", "programme": "OKOT", "trainingYears": [
                  { "code": "tko-behanger-2", "name": "TKO behanger 2", "year": 2, "finalYear": true } ] }""";
        asAdmin().body(withoutFirst).when().put("/courses/{code}", "tko-behanger").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("training-year-in-use"));
        asAdmin().body(course.replace("\"OKOT\"", "\"KNELPUNT_4A\"")).when().put("/courses/{code}", "tko-behanger")
                .then().statusCode(409).body("type", containsString("programme-in-use"));
        assertThat(outboxEvents()).as("a refused change publishes nothing").isEqualTo(events);
        asAdmin().when().get("/courses/{code}", "tko-behanger").then().statusCode(200).body("programme", equalTo("OKOT"))
                .body("trainingYears.code", equalTo(List.of("tko-behanger-1", "tko-behanger-2")));
        ContractTest.asCounsellor().when().get("/contracts/{id}", contractId).then().statusCode(200)
                .body("trainingCode", equalTo("tko-behanger-1"));
    }

    @Test
    void refusesAnInvalidCourseOrAWrongRoleAndChangesNothing() {
        String valid = """
                { "name": "TKO glazenmaker", "type": "TKO", "sector": "BOUW", "programme": "OKOT",
                  "trainingYears": [ { "code": "tko-glazenmaker-1", "name": "TKO glazenmaker", "year": 1, "finalYear": true } ] }""";
        refusedPut(asAdmin(), valid.replace("\"finalYear\": true", "\"finalYear\": false"), 400)
                .body("violations.message", hasItem(containsString("final year")));
        refusedPut(asAdmin(), valid.replace("\"tko-glazenmaker-1\"", "\"908001\""), 400)
                .body("violations.message", hasItem(containsString("belongs to course")));
        refusedPut(asAdmin(), valid.replace("\"TKO\",", "\"KLEUTER\","), 400).body("violations.field", hasItem("type"));
        refusedPut(asAdmin(), valid.replace("\"programme\": \"OKOT\",", ""), 400).body("violations.field", hasItem("programme"));
        refusedPut(asAdmin(), valid.replace("\"year\": 1", "\"year\": 9"), 400);
        refusedPut(asAdmin(), valid.replaceAll("\\[.*\\]", "[]"), 400).body("violations.field", hasItem("trainingYears"));
        refusedPut(asAdmin(), """
                { "name": "TKO glazenmaker", "type": "TKO", "sector": "BOUW", "programme": "OKOT",
                  "trainingYears": [ { "code": "tko-glazenmaker-1", "name": "a", "year": 1, "finalYear": true },
                                     { "code": "tko-glazenmaker-1", "name": "b", "year": 2, "finalYear": true } ] }""", 400)
                .body("violations.message", hasItem(containsString("appears twice")));
        refusedPut(asAdmin(), valid.replace("{ \"name\"", "{ \"code\": \"other\", \"name\""), 400)
                .body("violations.field", hasItem("code"));
        refusedPut(asCounsellor(), valid, 403);
        refusedPut(given().contentType(ContentType.JSON), valid, 401);
    }

    @Test
    void anAdminAddsAnOfferOnceForAKnownCourse() {
        String offer = "{ \"year\": 2021, \"courseCode\": \"tko-kok\", \"province\": \"LIM\", \"schools\": [\"CVO Limburg\"] }";
        long before = outboxEvents();
        asAdmin().body(offer).when().post("/offers").then().statusCode(201).body("schools[0]", equalTo("CVO Limburg"));
        assertThat(outboxEvents()).isEqualTo(before + 1);
        asCounsellor().queryParam("year", 2021).when().get("/offers").then().statusCode(200)
                .body("courseCode", hasItem("tko-kok"));

        refusedPost(asAdmin(), offer, 409);
        refusedPost(asAdmin(), offer.replace("tko-kok", "tko-astronaut"), 422);
        refusedPost(asAdmin(), offer.replace("2021", "1850"), 400);
        refusedPost(asAdmin(), offer.replace("\"LIM\"", "\"PARIS\""), 400);
        refusedPost(asCounsellor(), offer.replace("LIM", "ANT"), 403);
        asCounsellor().when().get("/offers").then().statusCode(400).body("violations.field", hasItem("year"));
    }

    private ValidatableResponse refusedPut(RequestSpecification request, String body, int status) {
        long before = outboxEvents();
        long courses = QuarkusTransaction.requiringNew().call(() -> be.vdab.okot.enrolment.persistence.Course.count());
        ValidatableResponse response = request.body(body).when().put("/courses/{code}", "tko-glazenmaker")
                .then().statusCode(status).contentType("application/problem+json");
        assertThat(outboxEvents()).isEqualTo(before);
        assertThat(QuarkusTransaction.requiringNew().call(() -> be.vdab.okot.enrolment.persistence.Course.count()))
                .isEqualTo(courses);
        return response;
    }

    private ValidatableResponse refusedPost(RequestSpecification request, String body, int status) {
        long before = outboxEvents();
        ValidatableResponse response = request.body(body).when().post("/offers")
                .then().statusCode(status).contentType("application/problem+json");
        assertThat(outboxEvents()).isEqualTo(before);
        return response;
    }

    private static long outboxEvents() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count());
    }

    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }

    private static RequestSpecification asCounsellor() {
        return given().auth().oauth2(TestTokens.counsellor()).contentType(ContentType.JSON);
    }

    /** The rows of a published table shipped in okot-reference, cells as published. */
    private static List<String[]> csv(String table) {
        return PublishedTables.table(table).rows().stream().map(row -> row.toArray(String[]::new)).toList();
    }
}
