package be.vdab.okot.runner.demo;

import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.http.OkotClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures how long events take to travel, per service and per step, over whole trajectories
 * registered one after another through the public REST APIs: candidacy → approved screening →
 * contract → passed course end. Two legs:
 * <ul>
 *   <li><b>outbox</b>: from an event's {@code ce_time} (its outbox row was written) to its Kafka
 *   record timestamp ({@code CreateTime}, the producer's send), exactly, from every record the
 *   topics received during the run;</li>
 *   <li><b>consumers</b>: from the Kafka timestamp, and from {@code ce_time}, until a consuming
 *   service committed the event's application, from the {@code okot_consumer_lag_seconds}
 *   histogram of each service (read before and after the run, so only the run counts; a
 *   percentile is the upper bound of its bucket).</li>
 * </ul>
 * Also the time from the screening's 200 until enrolment-service accepted the contract (409
 * "not known yet" retried), the symptom a stalled outbox shows a client. Every trajectory is a
 * new person (national register serial 999, which neither the demo nor the freshness probe
 * uses); the persons stay on the platform.
 */
public final class PropagationProbe {

    public static final List<String> TOPICS = List.of("okot.intake.v1", "okot.enrolment.v1", "okot.outcome.v1");
    /** A serial neither the demo (100–997) nor the freshness probe (998) takes. */
    private static final int PROBE_SERIAL = 999;
    private static final Pattern SAMPLE = Pattern.compile("^okot_consumer_lag_seconds_bucket\\{(.*)} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** Milliseconds of one leg, per row (service and event type), in the order measured. */
    public record Leg(String service, String type, List<Long> millis) {
        public long percentile(int percent) {
            return Stats.percentile(millis, percent);
        }
    }

    /**
     * One consumer's histogram over the run: cumulative counts per bucket bound (ms), per
     * {@code since} (event-time or broker-time).
     */
    public record Applied(String consumer, String topic, String type, Map<String, TreeMap<Double, Double>> buckets) {

        public long count(String since) {
            TreeMap<Double, Double> cumulative = buckets.get(since);
            return cumulative == null || cumulative.isEmpty() ? 0 : Math.round(cumulative.lastEntry().getValue());
        }

        /** The upper bound (ms) of the bucket holding the percentile; infinite past the last bound. */
        public double percentile(String since, int percent) {
            TreeMap<Double, Double> cumulative = buckets.get(since);
            long count = count(since);
            if (count == 0) {
                return Double.NaN;
            }
            long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * count));
            for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
                if (bucket.getValue() >= rank) {
                    return bucket.getKey();
                }
            }
            return Double.POSITIVE_INFINITY;
        }
    }

    public record Result(int trajectories, Duration driving, List<Leg> outbox, List<Applied> applied,
                         Leg contractAfterScreening) {
    }

    private final DemoDriver driver;
    private final Map<Service, String> baseUrls;
    private final String bootstrapServers;
    private final ObjectMapper json = new ObjectMapper();
    private final OkotClient http = new OkotClient();

    public PropagationProbe(DemoDriver driver, Map<Service, String> baseUrls, String bootstrapServers) {
        this.driver = driver;
        this.baseUrls = baseUrls;
        this.bootstrapServers = bootstrapServers;
    }

    /** Runs {@code trajectories} trajectories with persons {@code firstPerson}, {@code firstPerson + 1}, ... */
    public Result run(int firstPerson, int trajectories, int year, java.io.PrintStream progress) {
        Catalogue.Course course = driver.catalogue().courses().stream()
                .filter(candidate -> candidate.trainingYears().size() == 1)
                .findFirst().orElseThrow(() -> new DemoDriver.DemoFailure("No one-year OKOT course in the catalogue"));
        String training = course.trainingYears().get(0).code();
        driver.awaitSettled();
        Map<Service, Map<String, TreeMap<Double, Double>>> before = histograms();
        Instant begin = Instant.now();
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<Long> contractWaits = new ArrayList<>();
        for (int index = 0; index < trajectories; index++) {
            String key = "propagation-" + run + "-" + index;
            LocalDate birthDate = FreshnessProbe.probeBirthDate(firstPerson + index);
            String candidacy = submit(key, birthDate, course.code(), year);
            screen(candidacy, year, key);
            long screened = System.nanoTime();
            JsonNode contract = driver.send("POST", Service.ENROLMENT, "/contracts", json.createObjectNode()
                    .put("candidacyId", candidacy).put("trainingCode", training).put("province", "ANT")
                    .put("school", "Propagation school").put("startDate", LocalDate.of(year - 1, 9, 1).toString())
                    .put("plannedEndDate", LocalDate.of(year, 6, 30).toString()), driver.counsellor(), key + "-contract");
            contractWaits.add((System.nanoTime() - screened) / 1_000_000);
            driver.send("PUT", Service.OUTCOME, "/contracts/" + contract.path("id").asText() + "/end",
                    json.createObjectNode().put("endDate", LocalDate.of(year, 6, 30).toString()).put("result", "PASSED"),
                    driver.counsellor(), null);
            if ((index + 1) % 100 == 0) {
                progress.printf("  ... %d trajectories%n", index + 1);
            }
        }
        Duration driving = Duration.between(begin, Instant.now());
        driver.awaitSettled();
        List<Leg> outbox = outboxLatencies(begin);
        Map<Service, Map<String, TreeMap<Double, Double>>> after = histograms();
        return new Result(trajectories, driving, outbox, applied(before, after),
                new Leg(Service.ENROLMENT.moduleName, "contract accepted after the approved screening", contractWaits));
    }

    private String submit(String key, LocalDate birthDate, String courseCode, int year) {
        return FreshnessProbe.submitProbeCandidacy(driver, key, PopulationBuilder.insz(birthDate, PROBE_SERIAL),
                "Doorloop", "M", birthDate, courseCode, year);
    }

    private void screen(String candidacy, int year, String key) {
        ObjectNode screening = json.createObjectNode().put("motivation", "SUFFICIENT").put("fitsPathToWork", true)
                .put("learningAbility", "SUFFICIENT").put("decision", "APPROVED")
                .put("screenedOn", LocalDate.of(year - 1, 6, 14).toString())
                .put("probableStartDate", LocalDate.of(year - 1, 9, 1).toString())
                .put("probableLocation", "Propagation school");
        screening.putObject("preconditions").put("financial", "OK").put("mobility", "OK").put("childcare", "OK");
        driver.send("POST", Service.INTAKE, "/candidacies/" + candidacy + "/screening", screening,
                driver.counsellor(), key + "-screen");
    }

    /** Every record the topics received since {@code begin}: ce_time → record timestamp, per topic and type. */
    private List<Leg> outboxLatencies(Instant begin) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, Leg> legs = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(60))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> since = new HashMap<>();
            partitions.forEach(partition -> since.put(partition, begin.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(since, Duration.ofSeconds(60));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(60));
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = starts.get(partition);
                consumer.seek(partition, start != null ? start.offset() : ends.get(partition));
            }
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new DemoDriver.DemoFailure("Could not read the topics back within 2 minutes");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Instant ceTime = ceTime(record);
                    if (ceTime == null || record.timestamp() < begin.toEpochMilli()) {
                        continue;
                    }
                    String type = header(record, "ce_type");
                    String producer = record.topic().replace("okot.", "").replace(".v1", "") + "-service";
                    legs.computeIfAbsent(producer + " " + type, row -> new Leg(producer, type, new ArrayList<>()))
                            .millis().add(record.timestamp() - ceTime.toEpochMilli());
                }
            }
        }
        return List.copyOf(legs.values());
    }

    private static Instant ceTime(ConsumerRecord<String, String> record) {
        try {
            String value = header(record, "ce_time");
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Per service: cumulative bucket counts keyed by "topic|type|since|le-in-ms". */
    private Map<Service, Map<String, TreeMap<Double, Double>>> histograms() {
        Map<Service, Map<String, TreeMap<Double, Double>>> all = new HashMap<>();
        for (Service service : Service.values()) {
            try {
                HttpResponse<String> metrics = http.exchange(http.plainGet(URI.create(baseUrls.get(service)
                        + "/q/metrics"), Duration.ofSeconds(10)));
                all.put(service, parseHistograms(metrics.body()));
            } catch (IOException | OkotClient.CallFailed e) {
                throw new DemoDriver.DemoFailure("Cannot read the metrics of " + service.moduleName + ": " + e);
            }
        }
        return all;
    }

    /** The {@code okot_consumer_lag_seconds} buckets of one Prometheus scrape: "topic|type|since" → bound (ms) → count. */
    static Map<String, TreeMap<Double, Double>> parseHistograms(String prometheusText) {
        Map<String, TreeMap<Double, Double>> histograms = new HashMap<>();
        for (String line : prometheusText.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            Matcher label = LABEL.matcher(sample.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            String le = labels.get("le");
            double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le) * 1000;
            histograms.computeIfAbsent(labels.get("topic") + '|' + labels.get("type") + '|' + labels.get("since"),
                    key -> new TreeMap<>()).put(bound, Double.parseDouble(sample.group(2)));
        }
        return histograms;
    }

    private static List<Applied> applied(Map<Service, Map<String, TreeMap<Double, Double>>> before,
                                         Map<Service, Map<String, TreeMap<Double, Double>>> after) {
        Map<String, Applied> rows = new TreeMap<>();
        for (Service service : Service.values()) {
            for (Map.Entry<String, TreeMap<Double, Double>> histogram : after.get(service).entrySet()) {
                String[] key = histogram.getKey().split("\\|");
                TreeMap<Double, Double> earlier = before.get(service).getOrDefault(histogram.getKey(), new TreeMap<>());
                TreeMap<Double, Double> delta = new TreeMap<>();
                histogram.getValue().forEach((bound, count) -> delta.put(bound, count - earlier.getOrDefault(bound, 0.0)));
                if (delta.lastEntry().getValue() <= 0) {
                    continue;
                }
                rows.computeIfAbsent(service.moduleName + '|' + key[0] + '|' + key[1],
                                row -> new Applied(service.moduleName, key[0], key[1], new TreeMap<>()))
                        .buckets().put(key[2], delta);
            }
        }
        return List.copyOf(rows.values());
    }

    /** Nearest-rank percentiles. */
    static final class Stats {
        private Stats() {
        }

        static long percentile(List<Long> values, int percent) {
            if (values.isEmpty()) {
                return -1;
            }
            List<Long> sorted = values.stream().sorted().toList();
            return sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
        }
    }
}
