package be.vdab.okot.stats.events;

import be.vdab.okot.messaging.inbox.ApplyGate;
import be.vdab.okot.messaging.inbox.EventConsumer;
import be.vdab.okot.messaging.inbox.IncomingEvent;
import be.vdab.okot.messaging.inbox.ProcessedEvent;
import be.vdab.okot.messaging.persistence.DurableCommits;
import be.vdab.okot.stats.domain.EventIdSet;
import be.vdab.okot.stats.domain.EventLog;
import be.vdab.okot.stats.domain.LiveCells;
import be.vdab.okot.stats.domain.LiveFigures;
import be.vdab.okot.stats.persistence.FactStores;
import be.vdab.okot.stats.persistence.StatsWatermark;
import be.vdab.okot.web.problem.ApiProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.StatelessSession;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 *   <li>REPLAYING: the other store is emptied and migrated; the records of the consumed topics, from the
 *   beginning up to their end at the start, are decoded by the consumer's own code
 *   ({@link EventConsumer#decodeForReplay}) and folded into facts in memory by the consumer's own rules
 *   ({@link FactUpdates} on {@link FoldedFacts}), each event once by its id ({@link EventIdSet}). When the whole
 *   log's facts would not fit in memory, the log is read in several passes, each folding the persons whose key
 *   hashes to it;</li>
 *   <li>LOADING: a pass's facts and processed-event rows are written to the store in the order of their keys,
 *   and the live cells counted from them; then the next pass REPLAYING;</li>
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
    private static final int MAX_PASSES = 64;

    public enum State { REPLAYING, LOADING, CATCHING_UP, SWAPPED, FAILED }

    /**
     * Fired in the rebuild's thread once a pass's facts are written and counted, before the next pass reads
     * (observers see the rebuild between two passes: a test publishes there).
     */
    public record PassFolded(String rebuildId, int pass, int passes) {
    }

    /**
     * Where a rebuild stands.
     *
     * @param eventsTarget    records on the topics when it started
     * @param eventsRead      records read from the topics so far (catching up may read more than the target)
     * @param eventsPerSecond records read per second of the rebuild so far
     * @param store           the schema being rebuilt, the active one once SWAPPED
     * @param pass            the pass over the log the fold is in, from 1 to {@code passes}
     * @param passes          passes the fold takes: a pass folds the persons whose key hashes to it, so that one
     *                        pass's facts fit in memory
     */
    public record Status(String id, State state, Instant startedAt, Instant finishedAt, long eventsTarget, long eventsRead,
                         double eventsPerSecond, long durationMillis, String store, int pass, int passes, String error) {
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
    Event<PassFolded> passFolded;

    @Inject
    LiveFigures live;

    @Inject
    DurableCommits durableCommits;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "mp.messaging.incoming.okot-events-in.topics")
    List<String> topics;

    @ConfigProperty(name = "okot.service.name")
    String serviceName;

    /**
     * Heap a folded record takes, in bytes, to choose the number of passes: an estimate (at national scale, 1.19 M
     * records, a 320 MB heap filled up after about 375,000 records folded in one pass); set higher when a rebuild
     * runs short of memory.
     */
    @ConfigProperty(name = "okot.stats.rebuild.fold-bytes-per-record", defaultValue = "600")
    long foldBytesPerRecord;

    /** A fixed number of passes instead of the one the free heap asks for (tests fold in several passes). */
    @ConfigProperty(name = "okot.stats.rebuild.passes")
    Optional<Integer> fixedPasses;

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
                progress.passes = passes(progress.target);
                LiveCells rebuiltCells = foldAll(log, partitions, end, deadLettered, progress);
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
            // SWAPPED is said only once the swap survives a kill: it is in the database file
            durableCommits.awaitDurable();
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
     * REPLAYING and LOADING, pass by pass: folds the log up to these end offsets, writes each pass's facts and the
     * watermark of the latest event to the rebuilt store, and counts the cells of every pass into one aggregate.
     */
    private LiveCells foldAll(KafkaConsumer<String, String> log, List<TopicPartition> partitions,
                              Map<TopicPartition, Long> end, Set<String> deadLettered, Progress progress) {
        LiveCells rebuiltCells = new LiveCells();
        EventIdSet seen = new EventIdSet();
        IncomingEvent last = null;
        for (int pass = 0; pass < progress.passes; pass++) {
            progress.pass = pass + 1;
            progress.state = State.REPLAYING;
            log.seekToBeginning(partitions);
            FoldedFacts folded = fold(log, end, deadLettered, seen, pass, progress);
            progress.state = State.LOADING;
            folded.write(WRITE_CHUNK, facts -> QuarkusTransaction.requiringNew().run(() -> session.insertMultiple(facts)));
            LiveFigures.countInto(rebuiltCells, folded::forEachPerson);
            last = latest(last, folded.last());
            passFolded.fire(new PassFolded(progress.id, pass + 1, progress.passes));
        }
        // catching up goes on from the end offsets: a pass never folds past them (a record there may belong to
        // a pass that is over), so nothing published meanwhile is skipped
        end.forEach(log::seek);
        if (last != null) {
            StatsWatermark watermark = StatsWatermark.at(last.id(), last.type().ceType(), last.time());
            QuarkusTransaction.requiringNew().run(() -> session.insert(watermark));
        }
        return rebuiltCells;
    }

    /**
     * Folds the records of one pass up to these end offsets into facts in memory, each event once by its id over
     * all passes, what the live consumer dead-lettered (when the rebuild started) left out as it was; the
     * processed-event rows go to the rebuilt store as it reads, so the live consumer skips these events after
     * the swap. A record belongs to the pass its key (the person, api.md) hashes to: a person's facts are all
     * in one pass, whole.
     */
    private FoldedFacts fold(KafkaConsumer<String, String> log, Map<TopicPartition, Long> end, Set<String> deadLettered,
                             EventIdSet seen, int pass, Progress progress) {
        FoldedFacts folded = new FoldedFacts();
        List<ProcessedEvent> processed = new ArrayList<>();
        Instant now = Instant.now();
        while (remaining(log, end) > 0) {
            ConsumerRecords<String, String> polled = log.poll(POLL);
            long ours = 0;
            for (ConsumerRecord<String, String> record : polled) {
                if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))
                        || Math.floorMod(Objects.hashCode(record.key()), progress.passes) != pass) {
                    continue; // past the end offsets (caught up later, whatever its pass), or another pass's person
                }
                ours++;
                if (deadLettered.contains(EventLog.position(record))) {
                    continue;
                }
                consumer.decodeForReplay(record).filter(event -> seen.add(event.id())).ifPresent(event -> {
                    folded.fold(event);
                    processed.add(ProcessedEvent.of(event, now));
                });
            }
            if (processed.size() >= WRITE_CHUNK) {
                writeProcessed(processed);
            }
            progress.read.addAndGet(ours);
        }
        writeProcessed(processed);
        LOG.infof("Rebuild %s, pass %d of %d: %d facts folded", progress.id, pass + 1, progress.passes, folded.size());
        return folded;
    }

    /** The later of two events by their time, for the rebuilt store's watermark (the second when equal). */
    private static IncomingEvent latest(IncomingEvent one, IncomingEvent other) {
        if (one == null || other == null) {
            return other == null ? one : other;
        }
        if (one.time() == null || other.time() == null) {
            return other.time() != null ? other : one;
        }
        return one.time().isAfter(other.time()) ? one : other;
    }

    /** The passes of this rebuild: as configured, else as many as the free heap asks for. */
    private int passes(long records) {
        if (fixedPasses.isPresent()) {
            return Math.max(1, Math.min(MAX_PASSES, fixedPasses.get()));
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc(); // what is free, not what garbage hides
        MemoryUsage heap = memory.getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : Runtime.getRuntime().maxMemory();
        return passes(records, foldBytesPerRecord, max - heap.getUsed());
    }

    /**
     * How many passes over the log the fold takes so that one pass's facts fit in half the heap that is free
     * (the other half is for the cells it counts, its writes and the service answering meanwhile): 1 when the
     * whole log fits, at most {@value #MAX_PASSES}.
     *
     * @param records        records on the topics
     * @param bytesPerRecord heap a folded record takes, in bytes
     * @param freeHeap       heap free after a collection, in bytes
     */
    static int passes(long records, long bytesPerRecord, long freeHeap) {
        long budget = Math.max(1, freeHeap / 2);
        long needed = records * bytesPerRecord;
        return (int) Math.max(1, Math.min(MAX_PASSES, (needed + budget - 1) / budget));
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
        volatile int pass;
        volatile int passes = 1;
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
                    millis == 0 ? 0 : events * 1000.0 / millis, millis, store, pass, passes, error);
        }
    }
}
