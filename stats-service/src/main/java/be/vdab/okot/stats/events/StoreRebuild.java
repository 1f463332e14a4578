package be.vdab.okot.stats.events;

import be.vdab.okot.messaging.inbox.ApplyGate;
import be.vdab.okot.messaging.inbox.EventConsumer;
import be.vdab.okot.messaging.inbox.ProcessedEvent;
import be.vdab.okot.stats.domain.EventLog;
import be.vdab.okot.stats.domain.LiveCells;
import be.vdab.okot.stats.domain.LiveFigures;
import be.vdab.okot.stats.persistence.FactStores;
import be.vdab.okot.web.problem.ApiProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.StatelessSession;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rebuilds stats-service's facts and live figures from the event log into the store that is not active
 * ({@link FactStores}) and swaps it in, while the active store goes on answering and consuming:
 * <ol>
 *   <li>REPLAYING: the other store is emptied and migrated; every record of the consumed topics, from the
 *   beginning up to their end at the start, is decoded by the consumer's own code
 *   ({@link EventConsumer#decodeForReplay}) and folded into facts in memory by the consumer's own rules
 *   ({@link FactUpdates} on {@link FoldedFacts}), each event once by its id ({@link EventIdSet}); the facts and
 *   the processed-event rows are then written to the store in the order of their keys;</li>
 *   <li>LOADING: the live cells are counted from the folded facts;</li>
 *   <li>CATCHING_UP: what was published meanwhile is applied as the live consumer applies a poll
 *   ({@link EventConsumer#replay}: one transaction, de-duplication by event id), the cells kept up to date; then, with the live
 *   consumer held between two polls ({@link ApplyGate}), the last records up to the end of the log, and the
 *   rebuilt store and cells become the active ones at once: SWAPPED.</li>
 * </ol>
 * The live consumer then goes on from its own committed offsets in the new store; what the rebuild applied
 * already is skipped by event id. A failed rebuild leaves the active store as it was: FAILED, with the reason.
 */
@ApplicationScoped
public class StoreRebuild {

    private static final Logger LOG = Logger.getLogger(StoreRebuild.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** Catching up stops going round once a round has fewer records than this; the rest is read while held. */
    private static final long SMALL_TAIL = 2_000;
    /** Rows a transaction of the rebuild writes. */
    private static final int WRITE_CHUNK = 10_000;

    public enum State { REPLAYING, LOADING, CATCHING_UP, SWAPPED, FAILED }

    /**
     * Where a rebuild stands.
     *
     * @param eventsTarget    records on the topics when it started
     * @param eventsRead      records read from the topics so far (catching up may read more than the target)
     * @param eventsPerSecond records read per second of the rebuild so far
     * @param store           the schema being rebuilt, the active one once SWAPPED
     */
    public record Status(String id, State state, Instant startedAt, Instant finishedAt, long eventsTarget, long eventsRead,
                         double eventsPerSecond, long durationMillis, String store, String error) {
    }

    @Inject
    FactStores stores;

    @Inject
    EventConsumer consumer;

    @Inject
    ApplyGate gate;

    @Inject
    StatelessSession session;

    @Inject
    LiveFigures live;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "mp.messaging.incoming.okot-events-in.topics")
    List<String> topics;

    @ConfigProperty(name = "okot.service.name")
    String serviceName;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "okot-stats-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    private volatile Progress current;

    /** Starts a rebuild in the background; 409 while one is running. */
    public synchronized Status start() {
        if (current != null && current.running()) {
            throw ApiProblemException.conflict("rebuild-running", "A rebuild is running since " + current.startedAt
                    + "; follow it with GET /stats/rebuild");
        }
        Progress progress = new Progress(UUID.randomUUID().toString(), stores.inactive());
        current = progress;
        worker.submit(() -> run(progress));
        return progress.status();
    }

    /** The running or last rebuild since the service started. */
    public Optional<Status> status() {
        Progress progress = current;
        return progress == null ? Optional.empty() : Optional.of(progress.status());
    }

    private void run(Progress progress) {
        try (KafkaConsumer<String, String> log = EventLog.consumer(kafkaConfig, "stats-service-rebuild", 2000,
                8 * 1024 * 1024)) {
            Set<String> deadLettered = EventLog.deadLettered(log, serviceName);
            stores.writingTo(progress.store, () -> {
                stores.startAfresh(progress.store);
                List<TopicPartition> partitions = EventLog.partitions(log, topics);
                log.assign(partitions);
                log.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = log.endOffsets(partitions);
                Map<TopicPartition, Long> beginning = log.beginningOffsets(partitions);
                progress.target = end.keySet().stream().mapToLong(p -> end.get(p) - beginning.get(p)).sum();
                FoldedFacts folded = fold(log, end, deadLettered, progress);
                folded.write(WRITE_CHUNK, facts -> QuarkusTransaction.requiringNew().run(() -> session.insertMultiple(facts)));

                progress.state = State.LOADING;
                LiveCells rebuiltCells = LiveFigures.count(folded::forEachPerson);
                live.maintainRebuilt(rebuiltCells);

                progress.state = State.CATCHING_UP;
                while (remaining(log, log.endOffsets(partitions)) >= SMALL_TAIL) {
                    readUpTo(log, log.endOffsets(partitions), deadLettered, progress);
                }
                gate.whileClosed(() -> {
                    readUpTo(log, log.endOffsets(partitions), deadLettered, progress);
                    stores.activate(progress.store);
                    live.swapIn();
                    return null;
                });
                return null;
            });
            progress.finish(State.SWAPPED, null);
            LOG.infof("Rebuild %s: %d records in %d ms, store %s swapped in", progress.id, progress.read.get(),
                    progress.status().durationMillis(), progress.store);
        } catch (Exception e) {
            live.dropRebuilt();
            progress.finish(State.FAILED, e.toString());
            LOG.errorf(e, "Rebuild %s failed; the active store answers as before", progress.id);
        }
    }

    /**
     * Folds every record up to these end offsets into facts in memory, each event once by its id, what the live
     * consumer dead-lettered (when the rebuild started) left out as it was; the processed-event rows go to the
     * rebuilt store as it reads, so the live consumer skips these events after the swap.
     */
    private FoldedFacts fold(KafkaConsumer<String, String> log, Map<TopicPartition, Long> end, Set<String> deadLettered,
                             Progress progress) {
        FoldedFacts folded = new FoldedFacts();
        EventIdSet seen = new EventIdSet();
        List<ProcessedEvent> processed = new ArrayList<>();
        Instant now = Instant.now();
        while (remaining(log, end) > 0) {
            ConsumerRecords<String, String> polled = log.poll(POLL);
            for (ConsumerRecord<String, String> record : polled) {
                if (deadLettered.contains(EventLog.position(record))) {
                    continue; // a poll may reach past the end offsets: those records are folded too
                }
                consumer.decodeForReplay(record).filter(event -> seen.add(event.id())).ifPresent(event -> {
                    folded.fold(event);
                    processed.add(ProcessedEvent.of(event, now));
                });
            }
            if (processed.size() >= WRITE_CHUNK) {
                writeProcessed(processed);
            }
            progress.read.addAndGet(polled.count());
        }
        writeProcessed(processed);
        LOG.infof("Rebuild %s folded %d events into %d facts", progress.id, seen.size(), folded.size());
        return folded;
    }

    private void writeProcessed(List<ProcessedEvent> processed) {
        processed.sort(Comparator.comparing(row -> row.eventId));
        QuarkusTransaction.requiringNew().run(() -> session.insertMultiple(processed));
        processed.clear();
    }

    private static long remaining(KafkaConsumer<String, String> log, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().mapToLong(entry -> Math.max(0, entry.getValue() - log.position(entry.getKey()))).sum();
    }

    /**
     * Applies every record up to these end offsets, a poll per transaction, in order per partition; what the
     * live consumer dead-lettered (when the rebuild started) is left out, as it was.
     */
    private void readUpTo(KafkaConsumer<String, String> log, Map<TopicPartition, Long> end, Set<String> deadLettered,
                          Progress progress) {
        while (remaining(log, end) > 0) {
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            ConsumerRecords<String, String> polled = log.poll(POLL);
            polled.forEach(record -> {
                if (!deadLettered.contains(EventLog.position(record))) {
                    records.add(record);
                }
            });
            if (!records.isEmpty()) {
                consumer.replay(records);
            }
            progress.read.addAndGet(polled.count());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** A rebuild's mutable progress, read by status requests while the worker writes it. */
    private static final class Progress {
        final String id;
        final String store;
        final Instant startedAt = Instant.now();
        final AtomicLong read = new AtomicLong();
        volatile long target;
        volatile State state = State.REPLAYING;
        volatile Instant finishedAt;
        volatile String error;

        Progress(String id, String store) {
            this.id = id;
            this.store = store;
        }

        boolean running() {
            return finishedAt == null;
        }

        void finish(State finalState, String reason) {
            error = reason;
            state = finalState;
            finishedAt = Instant.now();
        }

        Status status() {
            Instant until = finishedAt != null ? finishedAt : Instant.now();
            long millis = Duration.between(startedAt, until).toMillis();
            long events = read.get();
            return new Status(id, state, startedAt, finishedAt, target, events,
                    millis == 0 ? 0 : events * 1000.0 / millis, millis, store, error);
        }
    }
}
