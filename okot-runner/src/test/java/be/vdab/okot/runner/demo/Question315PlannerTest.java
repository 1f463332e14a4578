package be.vdab.okot.runner.demo;

import be.vdab.okot.events.AgeBandRule;
import be.vdab.okot.events.outcome.ClusterRule;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;
import be.vdab.okot.events.outcome.KnelpuntOutflowRule;
import be.vdab.okot.events.outcome.KnelpuntRule;
import be.vdab.okot.runner.demo.DemoPlan.Candidacy;
import be.vdab.okot.runner.demo.DemoPlan.Contract;
import be.vdab.okot.runner.demo.DemoPlan.End;
import be.vdab.okot.runner.demo.DemoPlan.Person;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Question 315 planned and checked without services: the plan of {@link Question315Planner} is counted by the rules
 * of F7 ({@link KnelpuntRule}, {@link KnelpuntOutflowRule}, {@link AgeBandRule}), answered in the shape of
 * {@code GET /stats/knelpunt} and {@code /stats/knelpunt-outflow} (labels as stats-service gives them), and
 * {@link Question315Check} compares every published cell with it. That the platform counts the plan so is the
 * acceptance test's (PublishedFiguresAcceptanceIT), through the real APIs and events.
 */
class Question315PlannerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Catalogue catalogue;
    private static List<Person> planned;

    @BeforeAll
    static void plan() throws IOException {
        catalogue = ShippedCatalogue.load();
        planned = plan(315, 2013, 2023);
    }

    @Test
    void thePlanCountedByTheRulesGivesEveryPublishedCellOfQuestion315() throws IOException {
        PublishedFiguresCheck.Result result = check(planned, 2013, 2023);

        assertThat(result.differences()).isEmpty();
        assertThat(result.cellsChecked()).isEqualTo(256);
    }

    @Test
    void oneTrainingLessIsADifference() throws IOException {
        List<Person> fewer = new ArrayList<>(planned);
        fewer.remove(fewer.size() / 2);

        assertThat(check(fewer, 2019, 2020).differences()).isNotEmpty();
    }

    /** F9 never counts a module contract: the demo's cost entries all belong to OKOT contracts. */
    @Test
    void noModuleContractCarriesACost() {
        DemoPlan plan = new PopulationPlanner(catalogue, 562).plan(2020, 2020);
        PopulationBuilder lookup = new PopulationBuilder(catalogue, 0);

        assertThat(plan.costs()).isNotEmpty().allSatisfy(cost -> assertThat(lookup.courseOf(plan.persons().get(cost.person())
                .candidacies().get(cost.candidacy()).contracts().get(cost.contract()).trainingCode()).programme())
                .isEqualTo("OKOT"));
        assertThat(plan.persons().stream().flatMap(person -> person.candidacies().stream())
                .filter(candidacy -> candidacy.courseCode().startsWith("knelpunt-module-"))).isNotEmpty();
    }

    @Test
    void onePersonPerTrainingWithPlausibleDatesAndTheSameAgeBandFromStartToEnd() {
        assertThat(planned).hasSizeBetween(43_921, 46_000);
        for (Person person : planned) {
            assertThat(person.candidacies()).hasSize(1);
            Candidacy candidacy = person.candidacies().get(0);
            assertThat(candidacy.approved()).isTrue();
            assertThat(candidacy.contracts()).hasSize(1);
            Contract contract = candidacy.contracts().get(0);
            assertThat(contract.plannedEndDate()).isAfter(contract.startDate())
                    .isBeforeOrEqualTo(contract.startDate().plusMonths(15));
            assertThat(candidacy.screenedOn()).isBeforeOrEqualTo(contract.startDate());
            assertThat(contract.ends()).hasSizeLessThanOrEqualTo(1);
            for (End end : contract.ends()) {
                assertThat(end.endDate()).isAfter(contract.startDate()).isBefore(contract.startDate().plusYears(1));
                assertThat(AgeBandRule.Scale.AGE3.band(person.birthDate(), end.endDate()))
                        .isEqualTo(AgeBandRule.Scale.AGE3.band(person.birthDate(), contract.startDate()));
                assertThat(end.stopReason() != null).isEqualTo(end.result().equals("STOPPED"));
            }
            if (contract.measurement() != null) {
                LocalDate end = contract.ends().get(0).endDate();
                assertThat(contract.measurement().measuredOn()).isEqualTo(ClusterRule.measurementDate(end));
            }
            assertThat(candidacy.submittedOn()).isAfterOrEqualTo(LocalDate.of(2012, 1, 1));
        }
    }

    @Test
    void aRangeWithoutTheYearsOfQuestion315PlansNothingAndOneYearIsMetAlone() throws IOException {
        assertThat(plan(315, 2013, 2018)).isEmpty();

        List<Person> only2020 = plan(315, 2020, 2020);
        PublishedFiguresCheck.Result result = check(only2020, 2020, 2020);
        assertThat(result.differences()).isEmpty();
        assertThat(result.cellsChecked()).isEqualTo(128);
        assertThat(only2020.size()).isLessThan(planned.size() * 2 / 3);
    }

    @Test
    void theSameSeedGivesTheSamePlan() {
        assertThat(plan(315, 2019, 2020)).isEqualTo(planned);
        assertThat(plan(316, 2019, 2020)).isNotEqualTo(planned);
    }

    /** INDEX.md §6.2: the denominators behind the stoppers' published counts at work and rates (one decimal). */
    @Test
    void theStoppersDenominatorsAreDerivedFromTheCountsAndRates() {
        assertThat(Question315Planner.denominators(262, new BigDecimal("37.9"))).containsExactlyInAnyOrder(691, 692);
        assertThat(Question315Planner.denominators(580, new BigDecimal("40.5"))).containsExactly(1432, 1433, 1431);
        assertThat(Question315Planner.denominators(15, new BigDecimal("33.3"))).containsExactly(45);

        Question315Planner.Stoppers y2019 = Question315Planner.stoppers(2019);
        assertThat(y2019.closedByGender()).isEqualTo(Map.of("M", 749, "V", 811));
        assertThat(y2019.closedByBand()).isEqualTo(Map.of("-25 jaar", 314, "25 tot en met 54 jaar", 1201, "55 jaar en +", 45));
        Question315Planner.Stoppers y2020 = Question315Planner.stoppers(2020);
        assertThat(y2020.closedByGender()).isEqualTo(Map.of("M", 692, "V", 740));
        assertThat(y2020.closedByBand()).isEqualTo(Map.of("-25 jaar", 283, "25 tot en met 54 jaar", 1096, "55 jaar en +", 53));
    }

    private static List<Person> plan(long seed, int from, int to) {
        PopulationBuilder builder = new PopulationBuilder(catalogue, seed);
        new Question315Planner(builder).plan(from, to);
        return List.copyOf(builder.persons());
    }

    /** {@link Question315Check} through a real {@link CellCheck} against a stand-in stats-service that counts by the rules. */
    private static PublishedFiguresCheck.Result check(List<Person> persons, int from, int to) throws IOException {
        RuleCounts counts = new RuleCounts(persons);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/stats/", exchange -> {
            Map<String, String> query = new HashMap<>();
            for (String parameter : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] pair = parameter.split("=", 2);
                query.put(pair[0], URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
            }
            byte[] body = JSON.writeValueAsBytes(counts.get(exchange.getRequestURI().getPath(), query));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            CellCheck cells = new CellCheck("http://127.0.0.1:" + server.getAddress().getPort(), "token", null, from, to);
            new Question315Check().check(cells);
            return cells.result();
        } finally {
            server.stop(0);
        }
    }

    /**
     * The plan counted by the rules of F7, answered as stats-service answers {@code /stats/knelpunt} and
     * {@code /stats/knelpunt-outflow} (labels and row shapes as {@code Dimension} and {@code FigureService} give them).
     */
    private static final class RuleCounts {

        private record Counted(String count, LocalDate on, String module, String gender, AgeBandRule.Band band) {
        }

        private record Closed(LocalDate measuredOn, String module, String gender, AgeBandRule.Band band, boolean stopped,
                              boolean atWork) {
        }

        private final List<Counted> counted = new ArrayList<>();
        private final List<Closed> closed = new ArrayList<>();

        RuleCounts(List<Person> persons) {
            Map<String, String> programmes = new HashMap<>();
            Map<String, String> moduleLabels = new HashMap<>();
            catalogue.courses().forEach(course -> course.trainingYears().forEach(year -> {
                programmes.put(year.code(), course.programme());
                moduleLabels.put(year.code(), course.name());
            }));
            for (Person person : persons) {
                for (Candidacy candidacy : person.candidacies()) {
                    for (Contract contract : candidacy.contracts()) {
                        String programme = programmes.get(contract.trainingCode());
                        End last = contract.ends().isEmpty() ? null : contract.ends().get(contract.ends().size() - 1);
                        Result result = last == null ? null : Result.valueOf(last.result());
                        String module = moduleLabels.get(contract.trainingCode());
                        for (KnelpuntRule.Counted count : KnelpuntRule.counts(programme, contract.cancelled(),
                                contract.startDate(), last == null ? null : last.endDate(), result)) {
                            counted.add(new Counted(count.count().name(), count.on(), module, person.gender(),
                                    AgeBandRule.Scale.AGE3.band(person.birthDate(), count.on())));
                        }
                        if (last != null && contract.measurement() != null && !contract.cancelled()) {
                            KnelpuntOutflowRule.closure(programme, last.endDate(), result,
                                    last.stopReason() == null ? null : StopReason.valueOf(last.stopReason()))
                                    .ifPresent(closure -> closed.add(new Closed(closure.measurementDate(), module,
                                            person.gender(), AgeBandRule.Scale.AGE3.band(person.birthDate(),
                                            closure.clusterEnd()), closure.stopped(), contract.measurement().atWork())));
                        }
                    }
                }
            }
        }

        JsonNode get(String path, Map<String, String> query) {
            int year = Integer.parseInt(query.get("year"));
            List<String> by = query.containsKey("by") ? Arrays.asList(query.get("by").split(",")) : List.of();
            String gender = query.get("gender");
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode rows = answer.putArray("rows");
            if (path.equals("/stats/knelpunt")) {
                Map<List<String>, Long> grouped = counted.stream()
                        .filter(one -> one.on().getYear() == year && (gender == null || gender.equals(one.gender())))
                        .collect(Collectors.groupingBy(one -> {
                            List<String> label = new ArrayList<>(List.of(one.count()));
                            by.forEach(dimension -> label.add(label(dimension, one.module(), one.gender(), one.band())));
                            return label;
                        }, Collectors.counting()));
                grouped.forEach((label, n) -> {
                    ObjectNode row = rows.addObject();
                    row.putArray("key").add(label.get(0));
                    ArrayNode labels = row.putArray("label");
                    label.forEach(labels::add);
                    row.put("value", n);
                });
                answer.put("total", counted.stream().filter(one -> one.on().getYear() == year && one.count().equals("STARTED")
                        && (gender == null || gender.equals(one.gender()))).count());
            } else if (path.equals("/stats/knelpunt-outflow")) {
                boolean stopped = "true".equals(query.get("stopped"));
                List<Closed> selected = closed.stream()
                        .filter(one -> one.measuredOn().getYear() == year && (!stopped || one.stopped())).toList();
                Map<List<String>, List<Closed>> grouped = selected.stream().collect(Collectors.groupingBy(one -> by.stream()
                        .map(dimension -> label(dimension, one.module(), one.gender(), one.band())).toList()));
                grouped.forEach((label, group) -> {
                    ObjectNode row = rows.addObject();
                    ArrayNode labels = row.putArray("label");
                    label.forEach(labels::add);
                    outflow(row, group);
                });
                outflow(answer.putObject("total"), selected);
            } else {
                throw new IllegalArgumentException(path);
            }
            return answer;
        }

        private static void outflow(ObjectNode node, List<Closed> group) {
            long atWork = group.stream().filter(Closed::atWork).count();
            node.put("closedClusters", group.size());
            node.put("atWork", atWork);
            node.put("rate", KnelpuntOutflowRule.rate(atWork, group.size()));
        }

        private static String label(String dimension, String module, String gender, AgeBandRule.Band band) {
            return switch (dimension) {
                case "module" -> module;
                case "gender" -> gender;
                case "age3" -> band.label();
                default -> throw new IllegalArgumentException(dimension);
            };
        }
    }
}
