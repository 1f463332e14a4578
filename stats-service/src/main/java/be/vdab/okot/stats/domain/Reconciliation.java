package be.vdab.okot.stats.domain;

import be.vdab.okot.events.CloudEventHeaders;
import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.Topics;
import be.vdab.okot.events.enrolment.ContractCancelled;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.enrolment.OfferPublished;
import be.vdab.okot.events.enrolment.OfferRule;
import be.vdab.okot.events.enrolment.StartRule;
import be.vdab.okot.events.intake.CandidacyAgreed;
import be.vdab.okot.events.intake.CandidacySubmitted;
import be.vdab.okot.events.intake.FunnelRule;
import be.vdab.okot.events.intake.ScreeningCompleted;
import be.vdab.okot.events.outcome.ClusterRule;
import be.vdab.okot.events.outcome.DiplomaRule;
import be.vdab.okot.events.outcome.DropOutRule;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.OutflowRecorded;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks the live figures against the event log. Reads every event on the three topics from
 * the beginning (its own consumer, no group, nothing committed), rebuilds in memory what they
 * say — the latest end revision of each contract, cancellations, the last measurement of each
 * cluster — and compares it with the stored facts (missing, unexpected, different), then
 * recounts the headline figures of every year from the events, by a second, independent
 * implementation of the rules of figures.md, and compares them with the answers of the figure
 * API. On a platform that is quiet (no consumer lag), nothing may differ.
 */
@ApplicationScoped
public class Reconciliation {

    private static final int MAX_EXAMPLES = 10;

    /**
     * {@code eventsDeadLettered}: events the consumer gave up on (see the dead-letter topic), left out;
     * {@code eventsUnreadable}: events that cannot be decoded although they were not dead-lettered.
     */
    public record Report(boolean consistent, Instant startedAt, long tookMillis, long eventsRead, long eventsDeadLettered,
                         long eventsUnreadable, List<FactCheck> facts, List<AggregateCheck> aggregates,
                         List<FigureCheck> figures) {
    }

    /**
     * The live aggregate of one figure against a recount of the stored facts by the same rules: cells
     * (month × breakdown values) whose count differs, is only live, or is only in the recount.
     */
    public record AggregateCheck(String figure, long liveCells, long recountedCells, long different,
                                 List<String> examples) {
        boolean consistent() {
            return different == 0;
        }
    }

    public record FactCheck(String kind, long stored, long fromEvents, long missing, long unexpected, long different,
                            List<String> examples) {
        boolean consistent() {
            return missing == 0 && unexpected == 0 && different == 0;
        }
    }

    public record FigureCheck(String figure, int year, String ending, Object live, Object fromEvents, boolean equal) {
    }

    @Inject
    LiveFigures liveFigures;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    FigureService figures;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "okot.service.name")
    String serviceName;

    /** A contract as its events describe it: what the facts keep of it and the figures need. */
    private record ContractSeen(String personId, String clusterId, String trainingCode, boolean finalYear,
                                String programme, String province, LocalDate startDate) {
        String signature() {
            return String.join("|", personId, clusterId, trainingCode, Boolean.toString(finalYear), programme, province,
                    str(startDate));
        }
    }

    private record EndSeen(int revision, LocalDate endDate, CourseEnded.Result result, CourseEnded.StopReason stopReason) {
        String signature() {
            return revision + "|" + endDate + "|" + result + "|" + str(stopReason);
        }
    }

    private record CandidacySeen(String personId, LocalDate submittedOn, String referral, String courseCode,
                                 String province) {
    }

    private record ScreeningSeen(LocalDate screenedOn, ScreeningCompleted.Decision decision) {
        String signature() {
            return str(screenedOn) + "|" + decision.name();
        }
    }

    private record MeasurementSeen(LocalDate measuredOn, boolean atWork) {
    }

    private record OfferSeen(int year, String courseCode, String province) {
        String signature() {
            return year + "|" + courseCode + "|" + province;
        }
    }

    /**
     * What the event log says, applied in log order by the same order-safe rules as the consumer;
     * compact, as it holds the whole history in memory.
     */
    private static final class Replayed {
        final Map<String, CandidacySeen> candidacies = new HashMap<>();
        final Map<String, LocalDate> agreedOn = new HashMap<>();
        final Map<String, ScreeningSeen> screenings = new HashMap<>();
        final Map<String, ContractSeen> contracts = new HashMap<>();
        final Map<String, ContractSeen> contractsFromEnds = new HashMap<>();
        final Map<String, EndSeen> ends = new HashMap<>();
        final Set<String> cancelled = new HashSet<>();
        final Map<String, MeasurementSeen> outflow = new HashMap<>();
        final Set<OfferSeen> offers = new HashSet<>();
        final Set<Object> eventIds = new HashSet<>();
        long read;
        long unreadable;
        long deadLettered;

        void apply(EventType type, OkotEvent payload) {
            switch (type) {
                case CANDIDACY_SUBMITTED -> {
                    CandidacySubmitted submitted = (CandidacySubmitted) payload;
                    candidacies.put(submitted.candidacyId(), new CandidacySeen(submitted.person().personId(),
                            submitted.submittedOn(), str(submitted.referralKind()), submitted.courseCode(),
                            str(submitted.province())));
                }
                case CANDIDACY_AGREED -> {
                    CandidacyAgreed agreed = (CandidacyAgreed) payload;
                    agreedOn.put(agreed.candidacyId(), agreed.agreedOn());
                }
                case SCREENING_COMPLETED -> {
                    ScreeningCompleted screened = (ScreeningCompleted) payload;
                    screenings.put(screened.candidacyId(), new ScreeningSeen(screened.screenedOn(), screened.decision()));
                }
                case CONTRACT_STARTED -> {
                    ContractStarted started = (ContractStarted) payload;
                    contracts.putIfAbsent(started.contractId(), new ContractSeen(started.person().personId(),
                            started.clusterId(), started.training().trainingCode(), started.training().finalYear(),
                            started.training().programme(), str(started.province()), started.startDate()));
                }
                case CONTRACT_CANCELLED -> cancelled.add(((ContractCancelled) payload).contractId());
                case COURSE_ENDED -> {
                    CourseEnded ended = (CourseEnded) payload;
                    contractsFromEnds.putIfAbsent(ended.contractId(), new ContractSeen(ended.person().personId(),
                            ended.clusterId(), ended.training().trainingCode(), ended.training().finalYear(),
                            ended.training().programme(), str(ended.province()), ended.startDate()));
                    EndSeen known = ends.get(ended.contractId());
                    if (known == null || ended.revision() > known.revision()) {
                        ends.put(ended.contractId(), new EndSeen(ended.revision(), ended.endDate(), ended.result(),
                                ended.stopReason()));
                    }
                }
                case OUTFLOW_RECORDED -> {
                    OutflowRecorded recorded = (OutflowRecorded) payload;
                    outflow.put(recorded.clusterId(), new MeasurementSeen(recorded.measuredOn(), recorded.atWork()));
                }
                case OFFER_PUBLISHED -> {
                    OfferPublished offer = (OfferPublished) payload;
                    offers.add(new OfferSeen(offer.year(), offer.courseCode(), str(offer.province())));
                }
                default -> {
                    // courses: names and labels only, no count depends on them
                }
            }
        }

        /** Every contract known from its start, or from its end when that is all there is. */
        Map<String, ContractSeen> allContracts() {
            Map<String, ContractSeen> all = new HashMap<>(contractsFromEnds);
            all.putAll(contracts);
            return all;
        }
    }

    public Report run() {
        Instant begin = Instant.now();
        Replayed replayed = readEventLog();
        List<FactCheck> facts = QuarkusTransaction.requiringNew().call(() -> compareFacts(replayed));
        List<AggregateCheck> aggregates = compareAggregates();
        List<FigureCheck> figureChecks = compareFigures(replayed);
        boolean consistent = replayed.unreadable == 0 && facts.stream().allMatch(FactCheck::consistent)
                && aggregates.stream().allMatch(AggregateCheck::consistent)
                && figureChecks.stream().allMatch(FigureCheck::equal);
        return new Report(consistent, begin, Duration.between(begin, Instant.now()).toMillis(), replayed.read,
                replayed.deadLettered, replayed.unreadable, facts, aggregates, figureChecks);
    }

    // ---------------------------------------------------------------- the live aggregate

    private List<AggregateCheck> compareAggregates() {
        LiveCells recount = new LiveCells();
        LiveFigures.forEachPerson(person -> recount.apply(List.of(), PersonFigures.of(person)));
        LiveCells live = liveFigures.cells();
        List<AggregateCheck> checks = new ArrayList<>();
        for (FigureKind figure : FigureKind.values()) {
            if (figure == FigureKind.OFFERS) {
                continue; // F5 is counted from its facts at every read
            }
            long[] different = new long[1];
            List<String> examples = new ArrayList<>();
            live.compare(figure, recount, difference -> {
                different[0]++;
                if (examples.size() < MAX_EXAMPLES) {
                    boolean outflow = figure == FigureKind.OUTFLOW;
                    examples.add(difference.day() + " " + describe(difference.cell()) + ": live " + difference.here()[0]
                            + (outflow ? "/" + difference.here()[1] + " at work" : "") + ", facts say " + difference.there()[0]
                            + (outflow ? "/" + difference.there()[1] + " at work" : ""));
                }
            });
            examples.sort(null);
            checks.add(new AggregateCheck(figure.path, live.size(figure), recount.size(figure), different[0], examples));
        }
        return checks;
    }

    private static String describe(Fact cell) {
        return java.util.stream.Stream.of(cell.unit(), cell.trainingCode(), cell.courseCode(), cell.province(), cell.gender(),
                        cell.type(), cell.sector(), cell.reason(), cell.ending(), cell.referral(), cell.step(), cell.programme(),
                        cell.birthDate() == null ? null : "age " + be.vdab.okot.events.AgeBandRule.age(cell.birthDate(), cell.referenceDate()),
                        Boolean.TRUE.equals(cell.atWork()) ? "at work" : null)
                .filter(Objects::nonNull).map(String::valueOf).collect(Collectors.joining("|"));
    }

    // ---------------------------------------------------------------- the event log

    private Replayed readEventLog() {
        Replayed replayed = new Replayed();
        try (KafkaConsumer<String, String> consumer = EventLog.consumer(kafkaConfig, "stats-service-reconciliation", 1000,
                4 * 1024 * 1024)) {
            // what the consumer gave up on is on the dead-letter topic, with where it came from
            Set<String> deadLettered = EventLog.deadLettered(consumer, serviceName);
            EventLog.readAll(consumer, Topics.ALL, record -> {
                if (deadLettered.contains(EventLog.position(record))) {
                    replayed.read++;
                    replayed.deadLettered++;
                } else {
                    apply(replayed, record);
                }
            });
        }
        return replayed;
    }

    private static void apply(Replayed replayed, ConsumerRecord<String, String> record) {
        replayed.read++;
        String id = header(record, CloudEventHeaders.ID);
        EventType type = EventType.ofCeType(header(record, CloudEventHeaders.TYPE)).orElse(null);
        if (id == null || type == null || record.value() == null) {
            replayed.unreadable++;
            return;
        }
        if (!replayed.eventIds.add(compactId(id))) {
            return; // a duplicate, as the consumer's de-duplication skips it
        }
        try {
            replayed.apply(type, EventJson.read(record.value(), type.payloadType()));
        } catch (RuntimeException unreadable) {
            replayed.unreadable++; // not dead-lettered, yet not readable: a difference
        }
    }

    /** Event ids are UUIDs: kept as such they take a third of the memory of their text. */
    private static Object compactId(String id) {
        try {
            return java.util.UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            return id;
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return EventLog.header(record, name);
    }

    // ---------------------------------------------------------------- facts

    private List<FactCheck> compareFacts(Replayed replayed) {
        List<FactCheck> checks = new ArrayList<>();
        Map<String, String> candidacies = new HashMap<>();
        replayed.candidacies.forEach((id, seen) -> {
            ScreeningSeen screened = replayed.screenings.get(id);
            String screening = screened == null ? "|" : screened.signature();
            candidacies.put(id, String.join("|", seen.personId(), str(seen.submittedOn()), str(replayed.agreedOn.get(id)),
                    screening, seen.referral(), seen.courseCode(), seen.province()));
        });
        checks.add(compare("candidacy", candidacies, stored("select c.candidacyId, c.personId, c.submittedOn, c.agreedOn, "
                + "c.screenedOn, c.decision, c.referralKind, c.courseCode, c.province from CandidacyFact c")));
        Map<String, String> contracts = new HashMap<>();
        replayed.allContracts().forEach((id, seen) -> contracts.put(id, seen.signature()));
        checks.add(compare("contract", contracts, stored("select c.contractId, c.personId, c.clusterId, c.trainingCode, "
                + "c.finalYear, c.programme, c.province, c.startDate from ContractFact c")));
        Map<String, String> ends = new HashMap<>();
        replayed.ends.forEach((id, seen) -> ends.put(id, seen.signature()));
        checks.add(compare("contract end", ends, stored("select e.contractId, e.revision, e.endDate, e.result, e.stopReason "
                + "from ContractEndFact e")));
        Map<String, String> cancelled = new HashMap<>();
        replayed.cancelled.forEach(id -> cancelled.put(id, ""));
        checks.add(compare("cancellation", cancelled, stored("select c.contractId from CancelledContract c")));
        Map<String, String> outflow = new HashMap<>();
        replayed.outflow.forEach((id, seen) -> outflow.put(id, seen.measuredOn() + "|" + seen.atWork()));
        checks.add(compare("outflow measurement", outflow, stored("select o.clusterId, o.measuredOn, o.atWork "
                + "from OutflowFact o")));
        Map<String, String> offers = new HashMap<>();
        replayed.offers.forEach(offer -> offers.put(offer.signature(), ""));
        checks.add(compare("offer", offers, stored("select o.key.year, o.key.courseCode, o.key.province from OfferFact o",
                3)));
        return checks;
    }

    /**
     * The stored facts as id → the other columns joined by '|', read as plain values (no managed
     * entities: the whole history passes through here).
     */
    private static Map<String, String> stored(String query) {
        return stored(query, 1);
    }

    /** The same with the first {@code keyColumns} columns as the key. */
    private static Map<String, String> stored(String query, int keyColumns) {
        Map<String, String> stored = new HashMap<>();
        try (java.util.stream.Stream<?> rows = io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createQuery(query).getResultStream()) {
            rows.forEach(row -> {
                Object[] columns = row instanceof Object[] array ? array : new Object[]{row};
                StringBuilder key = new StringBuilder();
                StringBuilder rest = new StringBuilder();
                for (int i = 0; i < columns.length; i++) {
                    StringBuilder part = i < keyColumns ? key : rest;
                    part.append(part.isEmpty() ? "" : "|").append(str(columns[i]));
                }
                stored.put(key.toString(), rest.toString());
            });
        }
        return stored;
    }

    private static FactCheck compare(String kind, Map<String, String> fromEvents, Map<String, String> stored) {
        long missing = 0;
        long different = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, String> expected : fromEvents.entrySet()) {
            String actual = stored.get(expected.getKey());
            if (actual == null) {
                missing++;
                example(examples, kind + " " + expected.getKey() + " is in the events but not stored");
            } else if (!actual.equals(expected.getValue())) {
                different++;
                example(examples, kind + " " + expected.getKey() + ": stored " + actual + ", events say "
                        + expected.getValue());
            }
        }
        long unexpected = 0;
        for (String key : stored.keySet()) {
            if (!fromEvents.containsKey(key)) {
                unexpected++;
                example(examples, kind + " " + key + " is stored but no event says so");
            }
        }
        return new FactCheck(kind, stored.size(), fromEvents.size(), missing, unexpected, different, examples);
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(example);
        }
    }

    // ---------------------------------------------------------------- figures, recounted from the events

    private List<FigureCheck> compareFigures(Replayed replayed) {
        // the contracts F1–F4 look at, and F1's starts among them
        Map<String, ContractSeen> contracts = new HashMap<>();
        Map<Integer, List<String>> starters = new HashMap<>();
        replayed.allContracts().forEach((id, seen) -> StartRule.start(seen.personId(), seen.programme(),
                replayed.cancelled.contains(id), seen.startDate()).ifPresent(start -> {
            contracts.put(id, seen);
            starters.computeIfAbsent(start.on().getYear(), year -> new ArrayList<>()).add(start.personId());
        }));
        Set<Integer> years = new TreeSet<>();
        contracts.values().forEach(contract -> years.add(contract.startDate().getYear()));
        replayed.ends.values().forEach(end -> years.add(end.endDate().getYear()));
        replayed.outflow.values().forEach(measured -> years.add(measured.measuredOn().getYear()));
        replayed.candidacies.values().forEach(candidacy -> years.add(candidacy.submittedOn().getYear()));
        replayed.offers.forEach(offer -> years.add(offer.year()));

        Map<Integer, Long> diplomas = new HashMap<>();
        Map<Integer, Long> dropouts = new HashMap<>();
        replayed.ends.forEach((contractId, end) -> {
            ContractSeen contract = contracts.get(contractId);
            if (contract == null) {
                return;
            }
            if (DiplomaRule.isDiploma(contract.finalYear(), end.result())) {
                diplomas.merge(end.endDate().getYear(), 1L, Long::sum);
            }
            if (DropOutRule.isDropOut(end.result(), end.stopReason())) {
                dropouts.merge(end.endDate().getYear(), 1L, Long::sum);
            }
        });
        // outflow: per cluster its last contract, closed by the rule of F4, measured
        Map<String, Map.Entry<String, ContractSeen>> lastOfCluster = new HashMap<>();
        Comparator<Map.Entry<String, ContractSeen>> chainOrder = ClusterRule.chainOrder(
                contract -> contract.getValue().startDate(), Map.Entry::getKey);
        contracts.entrySet().forEach(contract -> lastOfCluster.merge(contract.getValue().clusterId(), contract,
                (a, b) -> chainOrder.compare(a, b) >= 0 ? a : b));
        Map<String, long[]> outflow = new HashMap<>();
        lastOfCluster.forEach((clusterId, last) -> {
            EndSeen end = replayed.ends.get(last.getKey());
            MeasurementSeen measured = replayed.outflow.get(clusterId);
            if (end == null || measured == null) {
                return;
            }
            ClusterRule.closure(new ClusterRule.LastEnd(last.getValue().finalYear(), end.endDate(), end.result(),
                    end.stopReason())).ifPresent(closure -> {
                long[] counts = outflow.computeIfAbsent(closure.measurementDate().getYear() + "|" + closure.ending(),
                        key -> new long[2]);
                counts[0]++;
                counts[1] += measured.atWork() ? 1 : 0;
            });
        });
        // the funnel's total: its steps of every candidacy, of which those the total counts
        Map<Integer, Long> submitted = new HashMap<>();
        replayed.candidacies.forEach((id, candidacy) -> {
            ScreeningSeen screened = replayed.screenings.get(id);
            FunnelRule.candidacySteps(candidacy.submittedOn(), replayed.agreedOn.get(id),
                            screened == null ? null : screened.screenedOn(), screened == null ? null : screened.decision())
                    .stream().filter(step -> step.step() == FunnelRule.TOTAL)
                    .forEach(step -> submitted.merge(step.on().getYear(), 1L, Long::sum));
        });

        List<FigureCheck> checks = new ArrayList<>();
        for (int year : years) {
            checks.add(count(FigureKind.STARTS, year, StartRule.distinctPersons(starters.getOrDefault(year, List.of()))));
            checks.add(count(FigureKind.DIPLOMAS, year, diplomas.getOrDefault(year, 0L)));
            checks.add(count(FigureKind.DROPOUTS, year, dropouts.getOrDefault(year, 0L)));
            Period period = Period.ofYear(year);
            checks.add(count(FigureKind.OFFERS, year, replayed.offers.stream()
                    .filter(offer -> OfferRule.countsIn(offer.year(), period.from(), period.to())).count()));
            checks.add(count(FigureKind.FUNNEL, year, submitted.getOrDefault(year, 0L))); // its total: submissions
            for (CourseEnded.Ending ending : CourseEnded.Ending.values()) {
                long[] counts = outflow.getOrDefault(year + "|" + ending, new long[2]);
                FigureAnswer answer = live(FigureKind.OUTFLOW, year, Map.of("ending", ending.name()));
                FigureAnswer.OutflowMeasures live = (FigureAnswer.OutflowMeasures) answer.total();
                String recounted = counts[0] + " closed, " + counts[1] + " at work";
                String answered = live.closedClusters() + " closed, " + live.atWork() + " at work";
                checks.add(new FigureCheck("outflow", year, ending.name(), answered, recounted, answered.equals(recounted)));
            }
        }
        return checks;
    }

    private FigureCheck count(FigureKind figure, int year, long recounted) {
        Object live = live(figure, year, Map.of()).total();
        return new FigureCheck(figure.path, year, null, live, recounted, Objects.equals(toLong(live), recounted));
    }

    /** A figure as the API answers it, each in its own transaction: the facts it loads are let go after. */
    private FigureAnswer live(FigureKind figure, int year, Map<String, String> filters) {
        return QuarkusTransaction.requiringNew().call(() -> figures.compute(figure, Period.ofYear(year), List.of(),
                filters));
    }

    private static Long toLong(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }

    private static String str(Object value) {
        return value == null ? "" : value.toString();
    }
}
