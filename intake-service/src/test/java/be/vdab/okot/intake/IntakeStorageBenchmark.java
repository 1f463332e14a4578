package be.vdab.okot.intake;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.OutflowRecorded;
import be.vdab.okot.messaging.inbox.ProcessedEvent;
import be.vdab.okot.messaging.inbox.ProcessedEventPurge;
import be.vdab.okot.messaging.outbox.OutboxMessage;
import be.vdab.okot.messaging.outbox.OutboxRelay;
import be.vdab.okot.web.idempotency.IdempotencyKeyPurge;
import be.vdab.okot.testing.KafkaBrokerResource;
import be.vdab.okot.testing.KafkaTestClient;
import be.vdab.okot.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static be.vdab.okot.intake.IntakeFixtures.asCounsellor;
import static be.vdab.okot.intake.IntakeFixtures.selfCandidacy;
import static org.awaitility.Awaitility.await;

/**
 * What a write costs on disk (issue 14): intake-service on an H2 <b>file</b> database in
 * {@code target/storage-benchmark/}, opened with the production URL of okot-messaging (its
 * {@code okot.db.h2.url}, options included), driven through the real path as the demo drives it: per person a
 * candidacy and an approving screening over HTTP with an {@code Idempotency-Key} (parallel clients), and the
 * contract start, passed final year and outflow measurement consumed from the topics, as enrolment- and
 * outcome-service publish them. Prints the file's bytes per event and per write, each table's share
 * ({@code DISK_SPACE_USED}) and MVStore's fill figures: right after the load, after an idle minute, and after
 * the purge jobs ran with a zero window (what a purge can win at most).
 *
 * <p>Not a test (no assertion on the figures; the name keeps it out of {@code mvn verify}). Run on demand:
 * {@code mvn -o -q -pl intake-service -am verify -Dtest=IntakeStorageBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dokot.bench.persons=2000 -Dokot.bench.clients=8 -Dokot.bench.idle-seconds=60}.
 */
@QuarkusTest
@TestProfile(IntakeStorageBenchmark.FileDatabase.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
class IntakeStorageBenchmark {

    static final Path DIR = Path.of("target", "storage-benchmark").toAbsolutePath();
    private static final String COURSE = "pba-verpleegkunde";
    private static final TrainingYearRef FINAL_YEAR = new TrainingYearRef(COURSE, COURSE + "-1",
            "PBA Verpleegkunde 1ste jaar", 1, true, "PBA", "ZORG", "OKOT");

    /** The production H2 URL of okot-messaging, on a fresh file under {@code target/}. */
    public static class FileDatabase implements QuarkusTestProfile {
        private static boolean emptied;

        @Override
        public Map<String, String> getConfigOverrides() {
            emptyOnce();
            String url = productionH2Url().replace("${okot.data-dir}", DIR.toString())
                    + System.getProperty("okot.bench.h2-options", "");
            return Map.of("%test.okot.db.h2.url", url);
        }

        /** Quarkus asks for the overrides more than once; the file is deleted before the first start only. */
        private static synchronized void emptyOnce() {
            if (emptied) {
                return;
            }
            emptied = true;
            try {
                Files.createDirectories(DIR);
                try (var files = Files.list(DIR)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Inject
    ProcessedEventPurge processedEvents;

    @Inject
    IdempotencyKeyPurge idempotencyKeys;

    @Test
    void bytesOnDiskPerEvent() throws Exception {
        int persons = Integer.getInteger("okot.bench.persons", 2000);
        int clients = Integer.getInteger("okot.bench.clients", 8);
        int idleSeconds = Integer.getInteger("okot.bench.idle-seconds", 60);
        System.out.println("[storage] H2 URL " + dataSource.getConfiguration().connectionPoolConfiguration()
                .connectionFactoryConfiguration().jdbcUrl());
        IntakeFixtures.catalogue();
        long eventsBefore = events();

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<KafkaTestClient.Outgoing>>> done = new ArrayList<>();
        KafkaTestClient kafka = new KafkaTestClient(KafkaBrokerResource.bootstrapServers());
        long start = System.nanoTime();
        for (int i = 0; i < persons; i++) {
            int serial = i;
            done.add(pool.submit(() -> trajectory(serial)));
        }
        // the consumed events go out in bursts while the HTTP writes go on, as enrolment and outcome publish them
        List<KafkaTestClient.Outgoing> burst = new ArrayList<>();
        for (Future<List<KafkaTestClient.Outgoing>> one : done) {
            burst.addAll(one.get());
            if (burst.size() >= 150) {
                kafka.sendAtOnce(burst);
                burst.clear();
            }
        }
        kafka.sendAtOnce(burst);
        pool.shutdown();
        long writes = 2L * persons;
        long consumed = 3L * persons;
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count() >= consumed
                        && OutboxMessage.count("publishedAt is null") == 0));
        long events = events() - eventsBefore;
        System.out.printf("[storage] %d persons: %d HTTP writes and %d consumed events (%d events in all) in %d s%n",
                persons, writes, consumed, events, Duration.ofNanos(System.nanoTime() - start).toSeconds());
        report("right after the load", writes, events);
        Thread.sleep(idleSeconds * 1000L);
        report("after " + idleSeconds + " s idle", writes, events);
        long purged = relay.purgePublishedBefore(Instant.now()) + processedEvents.purgeBefore(Instant.now())
                + idempotencyKeys.purgeBefore(Instant.now());
        System.out.printf("[storage] purged %d rows (outbox, processed events, idempotency keys: zero windows)%n", purged);
        Thread.sleep(idleSeconds * 1000L);
        report("after the purges and " + idleSeconds + " s idle", writes, events);
    }

    /** A candidacy and its approval over HTTP, then the contract, the passed final year and the outflow consumed. */
    private static List<KafkaTestClient.Outgoing> trajectory(int serial) {
        LocalDate birthDate = LocalDate.of(1970 + serial % 30, 1 + serial % 12, 1 + serial % 28);
        String id = asCounsellor().header("Idempotency-Key", UUID.randomUUID().toString())
                .body(selfCandidacy(birthDate, COURSE).replace("\"province\": \"OVL\",",
                        "\"province\": \"OVL\", \"submittedOn\": \"2019-03-02\","))
                .when().post("/candidacies").then().statusCode(201).extract().path("id");
        String personId = asCounsellor().header("Idempotency-Key", UUID.randomUUID().toString())
                .body(IntakeFixtures.screening("APPROVED").replaceFirst("\"probableStartDate\": \"[0-9-]+\"",
                        "\"probableStartDate\": \"2019-09-16\", \"screenedOn\": \"2019-06-10\""))
                .when().post("/candidacies/{id}/screening", id).then().statusCode(200).extract().path("personId");
        PersonProfile person = new PersonProfile(personId, birthDate, Gender.V);
        String cluster = UUID.randomUUID().toString();
        String contract = UUID.randomUUID().toString();
        LocalDate start = LocalDate.of(2019, 9, 16);
        LocalDate end = LocalDate.of(2020, 6, 30);
        return List.of(
                outgoing(new ContractStarted(contract, id, cluster, person, FINAL_YEAR, Province.OVL, "HOGENT", start,
                        end)),
                outgoing(new CourseEnded(contract, id, cluster, 1, person, FINAL_YEAR, Province.OVL, start, end,
                        CourseEnded.Result.PASSED, null, true, CourseEnded.Ending.POSITIVE, end.plusMonths(3))),
                outgoing(new OutflowRecorded(cluster, id, person, FINAL_YEAR, Province.OVL, end,
                        CourseEnded.Ending.POSITIVE, end.plusMonths(3), end.plusMonths(3), true)));
    }

    private static KafkaTestClient.Outgoing outgoing(OkotEvent event) {
        EventType type = EventType.of(event);
        return new KafkaTestClient.Outgoing(type.topic(), event.subject(), EventJson.write(event),
                KafkaTestClient.cloudEventHeaders(UUID.randomUUID().toString(), type.ceType(), event.subject()));
    }

    /** Events this service published (outbox sequence) or applied. */
    private long events() {
        return QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count()
                + OutboxMessage.count());
    }

    private void report(String moment, long writes, long events) throws SQLException, IOException {
        long fileBytes = Files.size(DIR.resolve("intake-service.mv.db"));
        StringBuilder out = new StringBuilder();
        out.append(String.format("[storage] %s: file %,d bytes = %,d bytes per event, %,d per HTTP write%n", moment,
                fileBytes, fileBytes / events, fileBytes / writes));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            long tablesBytes = 0;
            List<String> rows = new ArrayList<>();
            try (ResultSet tables = statement.executeQuery("""
                    select table_name, row_count_estimate,
                           disk_space_used('"' || table_schema || '"."' || table_name || '"')
                    from information_schema.tables where table_schema = 'PUBLIC' order by 3 desc""")) {
                while (tables.next()) {
                    long bytes = tables.getLong(3);
                    tablesBytes += bytes;
                    if (bytes > 0) {
                        rows.add(String.format("[storage]   %-26s %,9d rows %,13d bytes %,7d per event%n",
                                tables.getString(1), tables.getLong(2), bytes, bytes / events));
                    }
                }
            }
            rows.forEach(out::append);
            out.append(String.format("[storage]   tables in all %,d bytes (%d %% of the file), %,d per event%n",
                    tablesBytes, 100 * tablesBytes / fileBytes, tablesBytes / events));
            try (ResultSet settings = statement.executeQuery("""
                    select setting_name, setting_value from information_schema.settings
                    where setting_name in ('info.FILL_RATE', 'info.CHUNKS_FILL_RATE', 'info.CHUNK_COUNT',
                      'info.PAGE_COUNT', 'info.PAGE_COUNT_LIVE', 'info.PAGE_SIZE', 'RETENTION_TIME',
                      'AUTO_COMPACT_FILL_RATE', 'MAX_COMPACT_TIME', 'WRITE_DELAY')""")) {
                out.append("[storage]  ");
                while (settings.next()) {
                    out.append(' ').append(settings.getString(1)).append('=').append(settings.getString(2));
                }
                out.append('\n');
            }
        }
        System.out.print(out);
    }

    /** {@code okot.db.h2.url} as okot-messaging ships it (not the test profile's in-memory one). */
    static String productionH2Url() {
        try {
            Enumeration<URL> resources = IntakeStorageBenchmark.class.getClassLoader()
                    .getResources("META-INF/microprofile-config.properties");
            for (URL resource : Collections.list(resources)) {
                Properties properties = new Properties();
                try (InputStream in = resource.openStream()) {
                    properties.load(in);
                }
                String url = properties.getProperty("okot.db.h2.url");
                if (url != null) {
                    return url.replace("${okot.service.name}", "intake-service");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("okot-messaging's microprofile-config.properties is not on the class path");
    }
}
