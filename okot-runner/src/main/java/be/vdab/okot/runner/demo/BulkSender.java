package be.vdab.okot.runner.demo;

import be.vdab.okot.runner.demo.DemoDriver.DemoFailure;
import be.vdab.okot.runner.http.OkotClient;
import be.vdab.okot.runner.http.RetryPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends a list of items through one of the bulk paths (README "Bulk imports": {@code POST /candidacies/submissions},
 * {@code /screenings}, {@code /contracts/starts}, {@code /contracts/ends}, {@code /outflow/measurements}) in chunks
 * of at most {@code chunkSize} items, {@code parallel} chunks at once, and answers each item's accepted result in the
 * order of the list.
 * <ul>
 *   <li>the answer is per item ({@code index}, {@code status} ACCEPTED or REFUSED, and for a refusal the single
 *       call's problem {@code type} and {@code detail}); the items of one chunk are applied in their order;</li>
 *   <li>an item refused because its precondition is an event still on its way ({@link RetryPolicy#NOT_YET}) is
 *       sent again, with the other such items of its chunk, after {@code pause}, until {@code giveUpAfter} since the
 *       chunk's first call; any other refusal, or one still "not yet" then, stops the demo ({@link DemoFailure}
 *       with the item's problem);</li>
 *   <li>each call carries an {@code Idempotency-Key} made of the caller's prefix, the chunk's number and the
 *       attempt's: the service replays a stored answer, so a repeated demo replays the same chain of answers and
 *       applies nothing twice (and a retry of a timed-out call by {@link OkotClient} neither).</li>
 * </ul>
 * A 5xx or no answer is the transport's to retry ({@link OkotClient}'s policy), not this class's.
 */
final class BulkSender {

    /** Posts one chunk (a JSON array of items) with an Idempotency-Key and answers the bulk answer's JSON. */
    @FunctionalInterface
    interface Transport {
        JsonNode post(ArrayNode items, String idempotencyKey);
    }

    private final ObjectMapper json;
    private final int chunkSize;
    private final int parallel;
    private final Duration giveUpAfter;
    private final Duration pause;
    private final Clock clock;
    private final OkotClient.Sleeper sleeper;

    /**
     * @param chunkSize   items per call, 1 to 10,000 (the services' {@code BulkImport.MAX_ITEMS})
     * @param parallel    calls at once, ≥ 1
     * @param giveUpAfter how long an item refused "not yet" is sent again, from its chunk's first call
     * @param pause       the pause before such items are sent again
     */
    BulkSender(ObjectMapper json, int chunkSize, int parallel, Duration giveUpAfter, Duration pause, Clock clock,
               OkotClient.Sleeper sleeper) {
        if (chunkSize < 1 || chunkSize > 10_000 || parallel < 1) {
            throw new IllegalArgumentException("chunkSize 1..10000 and parallel ≥ 1, not " + chunkSize + ", " + parallel);
        }
        this.json = json;
        this.chunkSize = chunkSize;
        this.parallel = parallel;
        this.giveUpAfter = giveUpAfter;
        this.pause = pause;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Sends {@code items} and answers each one's accepted result (the answer's item: {@code candidacyId},
     * {@code id}, {@code clusterId}, {@code unchanged}, ...), in the order of {@code items}.
     *
     * @param what      what the items are, for the failure's message (e.g. {@code POST /contracts/starts})
     * @param keyPrefix the Idempotency-Keys' prefix, unique per list in a demo (the same for the same list in a
     *                  repeated demo)
     * @throws DemoFailure on an item refused for another reason than "not yet", or still "not yet" at the deadline
     */
    List<JsonNode> send(String what, String keyPrefix, List<? extends JsonNode> items, Transport transport) {
        JsonNode[] accepted = new JsonNode[items.size()];
        int chunks = (items.size() + chunkSize - 1) / chunkSize;
        if (chunks <= 1 || parallel == 1) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                sendChunk(what, keyPrefix + "-c" + chunk, items, chunk * chunkSize, accepted, transport);
            }
            return Arrays.asList(accepted);
        }
        ExecutorService calls = Executors.newFixedThreadPool(Math.min(parallel, chunks));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int chunk = 0; chunk < chunks; chunk++) {
                int from = chunk * chunkSize;
                String key = keyPrefix + "-c" + chunk;
                done.add(calls.submit(() -> sendChunk(what, key, items, from, accepted, transport)));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new DemoFailure(what + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("Interrupted");
        } finally {
            calls.shutdownNow();
        }
        return Arrays.asList(accepted);
    }

    /** One chunk, {@code items[from ..]}, until each of its items is accepted. */
    private void sendChunk(String what, String key, List<? extends JsonNode> items, int from, JsonNode[] accepted,
                           Transport transport) {
        int to = Math.min(items.size(), from + chunkSize);
        List<Integer> pending = new ArrayList<>();
        for (int i = from; i < to; i++) {
            pending.add(i);
        }
        Instant giveUpAt = clock.instant().plus(giveUpAfter);
        for (int attempt = 0; ; attempt++) {
            ArrayNode body = json.createArrayNode();
            pending.forEach(i -> body.add(items.get(i)));
            JsonNode answer = transport.post(body, key + "-a" + attempt);
            JsonNode results = answer.path("items");
            if (!results.isArray() || results.size() != pending.size()) {
                throw new DemoFailure(what + ": " + pending.size() + " items sent, the answer has "
                        + results.size() + ": " + excerpt(answer.toString()));
            }
            List<Integer> notYet = new ArrayList<>();
            for (JsonNode result : results) {
                int sent = result.path("index").asInt(-1);
                if (sent < 0 || sent >= pending.size()) {
                    throw new DemoFailure(what + ": an answer's item has no index of the request: " + result);
                }
                int item = pending.get(sent);
                if ("ACCEPTED".equals(result.path("status").asText())) {
                    accepted[item] = result;
                } else if (RetryPolicy.isNotYet(result.path("type").asText()) && !clock.instant().isAfter(giveUpAt)) {
                    notYet.add(item);
                } else {
                    throw new DemoFailure(what + " refused item " + item + ": " + result + " (the item: "
                            + excerpt(items.get(item).toString()) + ")");
                }
            }
            if (notYet.isEmpty()) {
                return;
            }
            pending = notYet;
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoFailure("Interrupted");
            }
        }
    }

    private static String excerpt(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
