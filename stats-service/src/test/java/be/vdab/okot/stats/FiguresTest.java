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
import be.vdab.okot.events.enrolment.CoursePublished;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.CourseEnded.Ending;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.events.outcome.OutflowRecorded;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/**
 * The counting rules of figures.md, from events on the real broker. Each test owns a year, so
 * the tests do not see each other's facts.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class FiguresTest {

    private static final TrainingYearRef TKO_KINDERZORG = new TrainingYearRef("tko-kinderzorg", "tko-kinderzorg-1",
            "TKO kinderzorg", 1, true, "TKO", "ZORG", "OKOT");
    private static final TrainingYearRef KLEUTER_1 = new TrainingYearRef("kleuter", "908001",
            "Educatieve bachelor voor kleuteronderwijs - 1ste jaar", 1, false, "PBA", "ONDERWIJS", "OKOT");
    private static final TrainingYearRef KLEUTER_3 = new TrainingYearRef("kleuter", "908003",
            "Educatieve bachelor voor kleuteronderwijs - 3de jaar", 3, true, "PBA", "ONDERWIJS", "OKOT");
    private static final TrainingYearRef MASTER = new TrainingYearRef("master", "908020", "Verkorte educatieve master",
            1, true, "MASTER", "ONDERWIJS", "OKOT");

    /** The year of the persons measure's test (it reads 2021 for a comparison, filtered on its own courses). */
    private static final int PERSONS_YEAR = 2020;
    private static final TrainingYearRef A_FIRST = new TrainingYearRef("q74-a", "918001",
            "Educatieve bachelor Q74 - 1ste jaar", 1, false, "PBA", "ONDERWIJS", "OKOT");
    private static final TrainingYearRef A_THIRD = new TrainingYearRef("q74-a", "918003",
            "Educatieve bachelor Q74 - 3de jaar", 3, true, "PBA", "ONDERWIJS", "OKOT");
    private static final TrainingYearRef B_FIRST = new TrainingYearRef("q74-b", "918101",
            "Verkorte educatieve bachelor Q74 - 1ste jaar", 1, false, "PBA", "ONDERWIJS", "OKOT");

    @Test
    void aPersonWithABirthdayBetweenTwoStartsCountsInBothAgeBandsButOnceInTheTotal() {
        PersonProfile person = new PersonProfile(id(), LocalDate.of(1986, 6, 15), Gender.V);
        started(person, KLEUTER_1, LocalDate.of(2001, 1, 10), id());   // 14 years old
        started(person, MASTER, LocalDate.of(2001, 9, 20), id());      // 15, another type
        PersonProfile other = new PersonProfile(id(), LocalDate.of(1980, 1, 1), Gender.M);
        started(other, KLEUTER_1, LocalDate.of(2001, 3, 3), id());

        // the three starts are on different partitions: wait until every one is in
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> figure("starts", 2001, "age5")
                .body("rows.key.flatten()", hasItem("0-17"))
                .body("rows.find { it.key[0] == '20-24' }.value", equalTo(1))
                .body("rows.find { it.key[0] == '0-17' }.value", equalTo(1))
                .body("total", equalTo(2)));
        // two types: counted in both rows, once in the total; labels as published
        figure("starts", 2001, "type")
                .body("rows.find { it.key[0] == 'PBA' }.value", equalTo(2))
                .body("rows.find { it.key[0] == 'MASTER' }.value", equalTo(1))
                .body("rows.find { it.key[0] == 'MASTER' }.label[0]", equalTo("Master"))
                .body("total", equalTo(2));
        figure("starts", 2001, "training,gender")
                .body("rows.find { it.key == ['908001', 'V'] }.label", equalTo(java.util.List.of(
                        "908001: Educatieve bachelor voor kleuteronderwijs - 1ste jaar", "V")));
        given().auth().oauth2(TestTokens.analyst()).queryParam("year", 2001).queryParam("type", "MASTER")
                .when().get("/stats/starts").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void aResitCorrectionMovesAContractFromDropoutsToDiplomasAndACancellationRemovesIt() {
        PersonProfile person = new PersonProfile(id(), LocalDate.of(1990, 2, 2), Gender.M);
        String contract = id();
        String cluster = id();
        started(person, KLEUTER_3, LocalDate.of(2011, 9, 1), cluster, contract);
        ended(person, KLEUTER_3, contract, cluster, 1, LocalDate.of(2012, 6, 30), Result.FAILED, null);
        awaitTotal("dropouts", 2012, 1);
        figure("dropouts", 2012, "reason").body("rows[0].label[0]", equalTo("Uitgevoerd - Niet geslaagd"));

        // passed after the second exam session; an older revision arriving late changes nothing
        ended(person, KLEUTER_3, contract, cluster, 2, LocalDate.of(2012, 9, 5), Result.PASSED, null);
        ended(person, KLEUTER_3, contract, cluster, 1, LocalDate.of(2012, 6, 30), Result.FAILED, null);
        // a marker after the late revision on the same partition: once it counts, the late one was applied
        String marker = id();
        started(person, KLEUTER_1, LocalDate.of(2012, 9, 17), id(), marker);
        ended(person, KLEUTER_1, marker, id(), 1, LocalDate.of(2013, 1, 15), Result.FAILED, null);
        awaitTotal("dropouts", 2013, 1);
        awaitTotal("diplomas", 2012, 1);
        awaitTotal("dropouts", 2012, 0);
        figure("diplomas", 2012, "diploma").body("rows[0].label[0]", equalTo("Professionele bachelor"));

        publish(EventType.CONTRACT_CANCELLED, new ContractCancelled(contract, id(), cluster, person.personId(), Instant.now()));
        awaitTotal("diplomas", 2012, 0);
        awaitTotal("starts", 2011, 0);
    }

    @Test
    void dropoutsCountStopsButNotReorientationOrRegistrationAndNotAPassedNonFinalYear() {
        for (StopReason reason : StopReason.values()) {
            PersonProfile person = new PersonProfile(id(), LocalDate.of(1985, 5, 5), Gender.V);
            String contract = id();
            started(person, KLEUTER_1, LocalDate.of(2002, 9, 1), id(), contract);
            ended(person, KLEUTER_1, contract, id(), 1, LocalDate.of(2003, 3, 1), Result.STOPPED, reason);
        }
        PersonProfile passer = new PersonProfile(id(), LocalDate.of(1985, 5, 5), Gender.V);
        String passed = id();
        started(passer, KLEUTER_1, LocalDate.of(2002, 9, 1), id(), passed);
        ended(passer, KLEUTER_1, passed, id(), 1, LocalDate.of(2003, 6, 30), Result.PASSED, null);

        awaitTotal("dropouts", 2003, StopReason.values().length - 2);
        figure("dropouts", 2003, "reason")
                .body("rows.key.flatten()", hasSize(6))
                .body("rows.find { it.key[0] == 'EMPLOYMENT' }.label[0]", equalTo("Stopgezet - Wegens tewerkstelling (tijdens opl)"))
                .body("rows.find { it.key[0] == 'BY_CLIENT' }.label[0]", equalTo("Stopgezet - Door de klant"))
                .body("rows.find { it.key[0] == 'LONG_TERM_ILLNESS' }.label[0]", equalTo("Stopgezet - Wegens langdurige ziekte"))
                .body("rows.find { it.key[0] == 'UNSUITABILITY' }.label[0]", equalTo("Stopgezet - Wegens ongeschiktheid"));
        figure("diplomas", 2003, null).body("total", equalTo(0));
    }

    @Test
    void outflowCountsByMeasurementDateFromOctoberToSeptemberAndLeavesWithAReopenedCluster() {
        // year 2004 = clusters closed from 1 October 2003 to 30 September 2004 (measured 1 January - 30 December)
        closedAndMeasured(LocalDate.of(2003, 9, 30), Result.PASSED, null, true);
        Closed inYear = closedAndMeasured(LocalDate.of(2003, 10, 1), Result.PASSED, null, true);
        closedAndMeasured(LocalDate.of(2004, 9, 30), Result.STOPPED, StopReason.EMPLOYMENT, true);
        closedAndMeasured(LocalDate.of(2004, 10, 1), Result.PASSED, null, false);
        closedAndMeasured(LocalDate.of(2004, 6, 15), Result.STOPPED, StopReason.BY_CLIENT, false);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> figure("outflow", 2004, "ending")
                .body("rows.find { it.key[0] == 'POSITIVE' }.closedClusters", equalTo(2))
                .body("rows.find { it.key[0] == 'POSITIVE' }.atWork", equalTo(2))
                .body("rows.find { it.key[0] == 'POSITIVE' }.rate", equalTo(100.0f))
                .body("rows.find { it.key[0] == 'NON_POSITIVE' }.closedClusters", equalTo(1))
                .body("rows.find { it.key[0] == 'NON_POSITIVE' }.rate", equalTo(0.0f)));
        figure("outflow", 2004, null).body("filters.ending", equalTo("POSITIVE"))
                .body("total.closedClusters", equalTo(2)).body("total.atWork", equalTo(2));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> figure("outflow", 2005, null)
                .body("total.closedClusters", equalTo(1)).body("total.atWork", equalTo(0)).body("total.rate", equalTo(0.0f)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> figure("outflow", 2003, null)
                .body("total.closedClusters", equalTo(1)));

        // the person goes on with the next year in the same cluster: it is no longer closed
        ContractStarted next = new ContractStarted(id(), id(), inYear.cluster(), inYear.person(), TKO_KINDERZORG,
                Province.ANT, "CVO", LocalDate.of(2004, 9, 1), LocalDate.of(2005, 6, 30));
        publish(EventType.CONTRACT_STARTED, next);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> figure("outflow", 2004, null)
                .body("total.closedClusters", equalTo(1)));
    }

    @Test
    void eventsArrivingTwiceAndInReverseOrderAcrossTheTopicsCountOnce() {
        PersonProfile person = new PersonProfile(id(), LocalDate.of(1988, 8, 8), Gender.M);
        String contract = id();
        String candidacy = id();
        String cluster = id();
        LocalDate start = LocalDate.of(2018, 1, 8);
        LocalDate end = LocalDate.of(2018, 6, 29);
        ContractStarted started = new ContractStarted(contract, candidacy, cluster, person, TKO_KINDERZORG, Province.OVL,
                "school", start, end);
        CourseEnded ended = new CourseEnded(contract, candidacy, cluster, 1, person, TKO_KINDERZORG, Province.OVL, start,
                end, Result.PASSED, null, false, null, null);
        OutflowRecorded measured = new OutflowRecorded(cluster, candidacy, person, TKO_KINDERZORG, Province.OVL, end,
                Ending.POSITIVE, end.plusMonths(3), end.plusMonths(3), true);

        // outcome-service's topic runs ahead: the measurement, then the end, each delivered twice
        publishTwice(EventType.OUTFLOW_RECORDED, measured);
        publishTwice(EventType.COURSE_ENDED, ended);
        // a marker behind them on the same partition: once it counts, both copies were read
        String outcomeMarker = id();
        String markerCluster = id();
        started(person, KLEUTER_1, LocalDate.of(2019, 3, 20), markerCluster, outcomeMarker);
        ended(person, KLEUTER_1, outcomeMarker, markerCluster, 1, LocalDate.of(2019, 12, 20), Result.FAILED, null);
        awaitTotal("dropouts", 2019, 1);
        // the end carries the contract: counted before its start arrived, and once
        figure("starts", 2018, null).body("total", equalTo(1));
        figure("diplomas", 2018, null).body("total", equalTo(1));
        figure("outflow", 2018, null).body("total.closedClusters", equalTo(1)).body("total.atWork", equalTo(1));

        // enrolment-service's start comes last, twice, then a marker behind it
        publishTwice(EventType.CONTRACT_STARTED, started);
        started(person, KLEUTER_1, LocalDate.of(2021, 9, 6), id(), id());
        awaitTotal("starts", 2021, 1);
        figure("starts", 2018, null).body("total", equalTo(1));
        figure("diplomas", 2018, null).body("total", equalTo(1));
        figure("outflow", 2018, null).body("total.closedClusters", equalTo(1)).body("total.atWork", equalTo(1));
        figure("dropouts", 2019, null).body("total", equalTo(1));
    }

    @Test
    void theRateIsRoundedHalfUpToTwoDecimals() {
        closedAndMeasured(LocalDate.of(2006, 3, 1), Result.PASSED, null, true);
        closedAndMeasured(LocalDate.of(2006, 3, 2), Result.PASSED, null, true);
        closedAndMeasured(LocalDate.of(2006, 3, 3), Result.PASSED, null, false);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> figure("outflow", 2006, null)
                .body("total.closedClusters", equalTo(3)).body("total.rate", equalTo(66.67f)));
    }

    @Test
    void answersAsCsvComparesWithThePreviousYearAndGivesTheEvolution() {
        PersonProfile person = new PersonProfile(id(), LocalDate.of(1975, 7, 7), Gender.M);
        started(person, TKO_KINDERZORG, LocalDate.of(2008, 2, 2), id());
        started(new PersonProfile(id(), LocalDate.of(1975, 7, 7), Gender.V), TKO_KINDERZORG, LocalDate.of(2009, 2, 2), id());
        started(new PersonProfile(id(), LocalDate.of(1975, 7, 7), Gender.V), TKO_KINDERZORG, LocalDate.of(2009, 3, 2), id());
        awaitTotal("starts", 2009, 2);
        awaitTotal("starts", 2008, 1);

        String csv = given().auth().oauth2(TestTokens.analyst()).accept("text/csv").queryParam("year", 2009)
                .queryParam("by", "gender").when().get("/stats/starts").then().statusCode(200)
                .extract().asString();
        assertThat(csv).startsWith("gender,gender_code,value\n").contains("V,V,2\n").endsWith("Totaal,,2\n");
        given().auth().oauth2(TestTokens.analyst()).queryParam("year", 2009).queryParam("compare", "previous-year")
                .when().get("/stats/starts").then().statusCode(200)
                .body("compare.total", equalTo(1)).body("compare.difference", equalTo(1))
                .body("compare.period.from", equalTo("2008-01-01"));
        given().auth().oauth2(TestTokens.analyst()).queryParam("fromYear", 2008).queryParam("toYear", 2009)
                .when().get("/stats/starts/evolution").then().statusCode(200)
                .body("total", equalTo(java.util.List.of(1, 2)));
        given().auth().oauth2(TestTokens.analyst()).queryParam("year", 2009).queryParam("by", "reason")
                .when().get("/stats/starts").then().statusCode(400).body("violations.message", hasItem(containsString("not a breakdown")));
        given().auth().oauth2(TestTokens.analyst()).queryParam("year", 2009).queryParam("province", "MARS")
                .when().get("/stats/starts").then().statusCode(400);
        given().auth().oauth2(TestTokens.analyst()).queryParam("year", 2009)
                .when().get("/stats/planets").then().statusCode(404);
    }

    @Test
    void countsShortageOccupationTrainingsByModuleGenderAndAge3AndKeepsThemOutOfOkot() {
        TrainingYearRef module4a = new TrainingYearRef("knelpunt-module-4a", "knelpunt-module-4a-1",
                "module 4a: beroepsgerichte doorstroomopleiding", 1, true, "MODULE", "KNELPUNT", "KNELPUNT_4A");
        TrainingYearRef module4b = new TrainingYearRef("knelpunt-module-4b", "knelpunt-module-4b-1",
                "module 4b: beroepsgerichte opleiding", 1, true, "MODULE", "KNELPUNT", "KNELPUNT_4B");
        PersonProfile young = new PersonProfile(id(), LocalDate.of(1994, 1, 1), Gender.M);   // 22 in 2016
        PersonProfile older = new PersonProfile(id(), LocalDate.of(1960, 1, 1), Gender.V);   // 56 in 2016
        String first = id();
        started(young, module4a, LocalDate.of(2016, 2, 1), id(), first);
        ended(young, module4a, first, id(), 1, LocalDate.of(2016, 6, 30), Result.PASSED, null);
        String second = id();
        started(older, module4b, LocalDate.of(2016, 3, 1), id(), second);
        ended(older, module4b, second, id(), 1, LocalDate.of(2016, 5, 2), Result.STOPPED, StopReason.BY_CLIENT);

        // the ends come on another topic than the starts: wait for all of them
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> figure("knelpunt", 2016, "module,age3")
                .body("total", equalTo(2))
                .body("rows.find { it.key == ['STARTED', '4A', '0-24'] }.value", equalTo(1))
                .body("rows.find { it.key == ['STARTED', '4B', '55+'] }.label[1]", equalTo("module 4b: beroepsgerichte opleiding"))
                .body("rows.find { it.key == ['COMPLETED', '4A', '0-24'] }.value", equalTo(1))
                .body("rows.find { it.key == ['STOPPED_EARLY', '4B', '55+'] }.label[2]", equalTo("55 jaar en +")));
        // module trainings are not OKOT: they are in none of F1-F4
        figure("starts", 2016, null).body("total", equalTo(0));
        figure("dropouts", 2016, null).body("total", equalTo(0));
    }

    @Test
    void aYearReadAgainShowsALateStartACancellationAndARenamedCourseAtOnce() {
        String course = "course-" + id();
        TrainingYearRef training = new TrainingYearRef(course, "910001", "Opleiding 910001", 1, true, "TKO", "ZORG", "OKOT");
        publishCourse(course, "Kinderzorg");
        PersonProfile first = new PersonProfile(id(), LocalDate.of(1990, 2, 1), Gender.V);
        started(first, training, LocalDate.of(2010, 3, 1), id());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> figure("starts", 2010, "course")
                .body("rows.find { it.key[0] == '" + course + "' }.label[0]", equalTo("Kinderzorg"))
                .body("total", equalTo(1)));

        // 2010's answer is kept now: a new name, a later start and a cancellation in 2010 each show
        publishCourse(course, "Kinderzorg en kinderopvang");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> figure("starts", 2010, "course")
                .body("rows.find { it.key[0] == '" + course + "' }.label[0]", equalTo("Kinderzorg en kinderopvang")));
        PersonProfile second = new PersonProfile(id(), LocalDate.of(1991, 2, 1), Gender.M);
        String contract = id();
        String cluster = id();
        started(second, training, LocalDate.of(2010, 11, 2), cluster, contract);
        awaitTotal("starts", 2010, 2);
        publish(EventType.CONTRACT_CANCELLED, new ContractCancelled(contract, id(), cluster, second.personId(), Instant.now()));
        awaitTotal("starts", 2010, 1);
        given().auth().oauth2(TestTokens.analyst()).queryParam("fromYear", 2009).queryParam("toYear", 2011)
                .when().get("/stats/starts/evolution").then().statusCode(200)
                .body("find { it.period.from == '2010-01-01' }.total", equalTo(1));
    }

    /**
     * The {@code persons} measure of diplomas and drop-outs (issue 15, question 74's Totaal de-duplicated per person):
     * beside each row's value and the total, which stay contracts and sums, the distinct persons among those contracts;
     * it follows a correction and a cancellation.
     */
    @Test
    void dropoutsCountContractsAndBesideThemTheDistinctPersonsOfEachRowAndOfTheTotal() {
        // one person, two drop-outs in one year on two training codes of one sector
        PersonProfile an = new PersonProfile(id(), LocalDate.of(1990, 4, 4), Gender.V);
        String anFirst = id();
        String anFirstCluster = id();
        String anThird = id();
        String anThirdCluster = id();
        started(an, A_FIRST, LocalDate.of(2019, 9, 2), anFirstCluster, anFirst);
        ended(an, A_FIRST, anFirst, anFirstCluster, 1, LocalDate.of(PERSONS_YEAR, 1, 15), Result.STOPPED, StopReason.BY_CLIENT);
        started(an, A_THIRD, LocalDate.of(2019, 9, 2), anThirdCluster, anThird);
        ended(an, A_THIRD, anThird, anThirdCluster, 1, LocalDate.of(PERSONS_YEAR, 6, 30), Result.FAILED, null);
        // another person, two drop-outs on the same training code
        PersonProfile bart = new PersonProfile(id(), LocalDate.of(1985, 8, 8), Gender.M);
        for (LocalDate end : new LocalDate[]{LocalDate.of(PERSONS_YEAR, 2, 1), LocalDate.of(PERSONS_YEAR, 6, 30)}) {
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
        String csv = given().auth().oauth2(TestTokens.analyst()).accept("text/csv").queryParam("year", PERSONS_YEAR)
                .queryParam("by", "training").queryParam("course", "q74-b")
                .when().get("/stats/dropouts").then().statusCode(200).extract().asString();
        assertThat(csv.lines()).containsExactly("training,training_code,value,persons",
                "918101: Verkorte educatieve bachelor Q74 - 1ste jaar,918101,2,1", "Totaal,,2,1");
        // the evolution and the comparison carry it too
        given().auth().oauth2(TestTokens.analyst()).queryParam("fromYear", PERSONS_YEAR).queryParam("toYear", PERSONS_YEAR + 1)
                .queryParam("by", "training").queryParam("course", "q74-b")
                .when().get("/stats/dropouts/evolution").then().statusCode(200)
                .body("[0].persons", equalTo(1)).body("[0].rows[0].persons", equalTo(1))
                .body("[1].persons", equalTo(0)).body("[1].total", equalTo(0));
        given().auth().oauth2(TestTokens.analyst()).queryParam("year", PERSONS_YEAR + 1).queryParam("compare", "previous-year")
                .queryParam("by", "training").queryParam("course", "q74-b")
                .when().get("/stats/dropouts").then().statusCode(200)
                .body("persons", equalTo(0))
                .body("compare.total", equalTo(2)).body("compare.persons", equalTo(1))
                .body("compare.rows[0].persons", equalTo(1)).body("compare.difference", equalTo(-2))
                .body("compare.differencePersons", equalTo(-1)); // as the CSV's difference_persons
        // a figure without the measure has none
        given().auth().oauth2(TestTokens.analyst()).queryParam("year", PERSONS_YEAR).queryParam("by", "training")
                .when().get("/stats/starts").then().statusCode(200)
                .body("$", not(hasKey("persons"))).body("rows[0]", not(hasKey("persons")));

        // a resit correction moves An's third year out of the drop-outs into the diplomas: her row there goes
        ended(an, A_THIRD, anThird, anThirdCluster, 2, LocalDate.of(PERSONS_YEAR, 9, 5), Result.PASSED, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> dropouts("training", "q74-a")
                .body("rows.size()", equalTo(1))
                .body("rows[0].key[0]", equalTo("918001"))
                .body("rows[0].persons", equalTo(1))
                .body("total", equalTo(1)).body("persons", equalTo(1)));
        given().auth().oauth2(TestTokens.analyst()).queryParam("year", PERSONS_YEAR).queryParam("course", "q74-a")
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
        var request = given().auth().oauth2(TestTokens.analyst()).queryParam("year", PERSONS_YEAR).queryParam("by", by);
        if (course != null) {
            request = request.queryParam("course", course);
        }
        return request.when().get("/stats/dropouts").then().statusCode(200);
    }

    @Test
    void servesTheDashboardPageWithoutAToken() {
        given().when().get("/").then().statusCode(200).contentType("text/html")
                .body(containsString("OKOT — cijfers")).body(containsString("/stats/"));
    }

    /** A cluster of one person (a cluster is always one person's: one cluster per candidacy, domain.md). */
    private record Closed(String cluster, PersonProfile person) {
    }

    private Closed closedAndMeasured(LocalDate end, Result result, StopReason reason, boolean atWork) {
        PersonProfile person = new PersonProfile(id(), LocalDate.of(1991, 1, 1), Gender.V);
        String contract = id();
        String cluster = id();
        started(person, TKO_KINDERZORG, end.minusMonths(9), cluster, contract);
        ended(person, TKO_KINDERZORG, contract, cluster, 1, end, result, reason);
        Ending ending = result == Result.PASSED || reason == StopReason.EMPLOYMENT ? Ending.POSITIVE : Ending.NON_POSITIVE;
        publish(EventType.OUTFLOW_RECORDED, new OutflowRecorded(cluster, id(), person, TKO_KINDERZORG, Province.ANT, end,
                ending, end.plusMonths(3), end.plusMonths(3), atWork));
        return new Closed(cluster, person);
    }

    private static void started(PersonProfile person, TrainingYearRef training, LocalDate start, String cluster) {
        started(person, training, start, cluster, id());
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

    private static void publishCourse(String code, String name) {
        publish(EventType.COURSE_PUBLISHED, new CoursePublished(code, name, "TKO", "ZORG", "OKOT",
                List.of(new CoursePublished.TrainingYear("910001", "Opleiding 910001", 1, true))));
    }

    private static void publish(EventType type, OkotEvent event) {
        new KafkaTestClient(KafkaBrokerResource.bootstrapServers()).send(type.topic(), event.subject(),
                EventJson.write(event), KafkaTestClient.cloudEventHeaders(null, type.ceType(), event.subject()));
    }

    /** The same event (same {@code ce_id}) twice, as after a producer retry or a consumer restart. */
    private static void publishTwice(EventType type, OkotEvent event) {
        KafkaTestClient kafka = new KafkaTestClient(KafkaBrokerResource.bootstrapServers());
        Map<String, String> headers = KafkaTestClient.cloudEventHeaders(null, type.ceType(), event.subject());
        kafka.send(type.topic(), event.subject(), EventJson.write(event), headers);
        kafka.send(type.topic(), event.subject(), EventJson.write(event), headers);
    }

    private static ValidatableResponse figure(String figure, int year, String by) {
        var request = given().auth().oauth2(TestTokens.analyst()).queryParam("year", year);
        if (by != null) {
            request = request.queryParam("by", by);
        }
        return request.when().get("/stats/" + figure).then().statusCode(200);
    }

    private static void awaitTotal(String figure, int year, int expected) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> figure(figure, year, null).body("total", equalTo(expected)));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
