package be.vdab.okot.runner.demo;

import be.vdab.okot.runner.http.OkotClient;
import be.vdab.okot.runner.http.RetryPolicy;
import be.vdab.okot.runner.http.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the demo sends a list through a bulk path: chunks, keys, the order of the answers, and which refused items it
 * sends again. The service is a script here (per item: accepted, or refused with a problem type); the pauses go to a
 * clock of the test's, so nothing waits.
 */
class BulkSenderTest {

    private static final String TYPE = "https://okot.vdab.be/problems/";
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> keys = Collections.synchronizedList(new ArrayList<>());
    private final List<List<Integer>> bodies = Collections.synchronizedList(new ArrayList<>());
    private final TestClock clock = new TestClock();
    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
    private final OkotClient.Sleeper sleeper = pause -> {
        pauses.add(pause);
        clock.advance(pause);
    };

    private List<ObjectNode> items(int count) {
        return IntStream.range(0, count).mapToObj(n -> json.createObjectNode().put("n", n)).toList();
    }

    private BulkSender sender(int chunkSize, int parallel) {
        return new BulkSender(json, chunkSize, parallel, Duration.ofSeconds(10), Duration.ofMillis(500), clock,
                sleeper);
    }

    /** A service that refuses item n with {@code slug} the first {@code refusals.get(n)} times it is sent. */
    private BulkSender.Transport service(String slug, Map<Integer, Integer> refusals) {
        Map<Integer, Integer> refusalsLeft = new HashMap<>(refusals);
        return (chunk, key) -> {
            keys.add(key);
            List<Integer> ns = new ArrayList<>();
            chunk.forEach(item -> ns.add(item.path("n").asInt()));
            bodies.add(ns);
            ObjectNode answer = json.createObjectNode();
            ArrayNode results = answer.putArray("items");
            for (int index = 0; index < ns.size(); index++) {
                int n = ns.get(index);
                ObjectNode result = results.addObject().put("index", index);
                boolean refuse;
                synchronized (refusalsLeft) {
                    refuse = refusalsLeft.getOrDefault(n, 0) > 0;
                    refusalsLeft.computeIfPresent(n, (item, left) -> left - 1);
                }
                if (refuse) {
                    result.put("status", "REFUSED").put("httpStatus", 409).put("type", TYPE + slug)
                            .put("detail", "item " + n);
                } else {
                    result.put("status", "ACCEPTED").put("id", "id-" + n);
                }
            }
            return answer;
        };
    }

    private static List<String> ids(List<JsonNode> accepted) {
        return accepted.stream().map(result -> result.path("id").asText()).toList();
    }

    private static List<String> expectedIds(int count) {
        return IntStream.range(0, count).mapToObj(n -> "id-" + n).toList();
    }

    @Test
    void aListGoesInChunksEachWithAKeyOfItsOwnAndIsAnsweredInItsOrder() {
        List<JsonNode> accepted = sender(3, 1).send("POST /x", "demo-x", items(7), service("none", Map.of()));

        assertThat(ids(accepted)).isEqualTo(expectedIds(7));
        assertThat(bodies).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
        assertThat(keys).containsExactly("demo-x-c0-a0", "demo-x-c1-a0", "demo-x-c2-a0");
        assertThat(pauses).isEmpty();
    }

    @Test
    void chunksSentInParallelAreStillAnsweredInTheListsOrder() {
        List<JsonNode> accepted = sender(10, 4).send("POST /x", "demo-x", items(95), service("none", Map.of()));

        assertThat(ids(accepted)).isEqualTo(expectedIds(95));
        assertThat(keys).hasSize(10).doesNotHaveDuplicates();
        assertThat(bodies.stream().mapToInt(List::size).sum()).isEqualTo(95);
    }

    @Test
    void itemsWhosePreconditionIsOnItsWayAreSentAgainAloneUnderTheNextAttemptsKey() {
        Map<Integer, Integer> refusals = new HashMap<>(Map.of(1, 2, 3, 1));

        List<JsonNode> accepted = sender(5, 1).send("POST /contracts/starts", "demo-s", items(5),
                service("candidacy-unknown", refusals));

        assertThat(ids(accepted)).isEqualTo(expectedIds(5));
        assertThat(bodies).containsExactly(List.of(0, 1, 2, 3, 4), List.of(1, 3), List.of(1));
        assertThat(keys).containsExactly("demo-s-c0-a0", "demo-s-c0-a1", "demo-s-c0-a2");
        assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void everyNotYetProblemIsSentAgain() {
        for (String slug : RetryPolicy.NOT_YET) {
            bodies.clear();
            List<JsonNode> accepted = sender(5, 1).send("POST /x", "demo-" + slug, items(2),
                    service(slug, new HashMap<>(Map.of(0, 1))));
            assertThat(ids(accepted)).as(slug).isEqualTo(expectedIds(2));
            assertThat(bodies).as(slug).containsExactly(List.of(0, 1), List.of(0));
        }
    }

    @Test
    void anyOtherRefusalStopsTheDemoWithTheItemsProblem() {
        assertThatThrownBy(() -> sender(5, 1).send("POST /candidacies/submissions", "demo-c", items(4),
                service("candidacy-exists", new HashMap<>(Map.of(2, 1)))))
                .isInstanceOf(DemoDriver.DemoFailure.class)
                .hasMessageContaining("POST /candidacies/submissions refused item 2")
                .hasMessageContaining(TYPE + "candidacy-exists")
                .hasMessageContaining("{\"n\":2}");
        assertThat(bodies).hasSize(1);
    }

    @Test
    void anItemStillNotYetAfterTheDeadlineStopsTheDemo() {
        // refused on every attempt: 0, 0.5, ... 10 s, then once more past the 10 s of the sender
        assertThatThrownBy(() -> sender(5, 1).send("POST /outflow/measurements", "demo-m", items(3),
                service("cluster-open", new HashMap<>(Map.of(1, Integer.MAX_VALUE)))))
                .isInstanceOf(DemoDriver.DemoFailure.class)
                .hasMessageContaining("refused item 1")
                .hasMessageContaining(TYPE + "cluster-open");
        assertThat(bodies).hasSize(22);
        assertThat(bodies.subList(1, 22)).allSatisfy(body -> assertThat(body).containsExactly(1));
    }

    @Test
    void anAnswerThatDoesNotAnswerEveryItemStopsTheDemo() {
        BulkSender.Transport short_ = (chunk, key) -> {
            ObjectNode answer = json.createObjectNode();
            answer.putArray("items").addObject().put("index", 0).put("status", "ACCEPTED");
            return answer;
        };
        assertThatThrownBy(() -> sender(5, 1).send("POST /screenings", "demo-x", items(2), short_))
                .isInstanceOf(DemoDriver.DemoFailure.class)
                .hasMessageContaining("2 items sent, the answer has 1");
    }

    @Test
    void anEmptyListSendsNothing() {
        assertThat(sender(5, 2).send("POST /x", "demo-x", List.of(), service("none", Map.of()))).isEmpty();
        assertThat(keys).isEmpty();
    }
}
