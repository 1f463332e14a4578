package be.vdab.okot.stats.domain;

import be.vdab.okot.events.CloudEventHeaders;
import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.Topics;
import be.vdab.okot.events.enrolment.OfferRule;
import be.vdab.okot.events.enrolment.SpendingRule;
import be.vdab.okot.events.enrolment.StartRule;
import be.vdab.okot.events.intake.FunnelRule;
import be.vdab.okot.events.outcome.ClusterRule;
import be.vdab.okot.events.outcome.ContractPersonsRule;
import be.vdab.okot.events.outcome.DiplomaRule;
import be.vdab.okot.events.outcome.DropOutRule;
import be.vdab.okot.events.outcome.CourseEnded;
import io.quarkus.narayana.jta.QuarkusTransaction;
import it.unimi.dsi.fastutil.objects.Object2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectOpenHashSet;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks the live figures against the event log. Reads every event on the three topics from
 * the beginning (its own consumer, no group, nothing committed), folds in memory the last state
 * they give each fact ({@link LogFold}: the latest end revision of each contract, cancellations, the
 * last measurement of each cluster; never an event) and compares it with the stored facts, streamed
 * (missing, unexpected, different), then
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

    /**
     * A figure's total of a year, live and recounted from the events; {@code ending} names the part checked when a
     * figure has several: outflow's ending, or {@code persons} for the persons measure of diplomas and drop-outs.
     */
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


    public Report run() {
        Instant begin = Instant.now();
        LogFold fold = readEventLog();
        long read = fold.read;
        long deadLettered = fold.deadLettered;
        long unreadable = fold.unreadable;
        // the figures first: the facts' comparison then empties the fold, kind by kind, as it goes
        List<FigureCheck> figureChecks = compareFigures(fold);
        List<FactCheck> facts = QuarkusTransaction.requiringNew().call(() -> compareFacts(fold));
        List<AggregateCheck> aggregates = compareAggregates();
        boolean consistent = unreadable == 0 && facts.stream().allMatch(FactCheck::consistent)
                && aggregates.stream().allMatch(AggregateCheck::consistent)
                && figureChecks.stream().allMatch(FigureCheck::equal);
        return new Report(consistent, begin, Duration.between(begin, Instant.now()).toMillis(), read, deadLettered,
                unreadable, facts, aggregates, figureChecks);
    }

    // ---------------------------------------------------------------- the live aggregate

    private List<AggregateCheck> compareAggregates() {
        LiveCells recount = new LiveCells();
        LiveFigures.forEachPerson(person -> recount.apply(List.of(), PersonFigures.of(person)));
        LiveCells live = liveFigures.cells();
        List<AggregateCheck> checks = new ArrayList<>();
        for (FigureKind figure : FigureKind.values()) {
            if (figure.fromStoredFacts()) {
                continue; // F5 and F9 are counted from their facts at every read
            }
            long[] different = new long[1];
            List<String> examples = new ArrayList<>();
            live.compare(figure, recount, difference -> {
                different[0]++;
                if (examples.size() < MAX_EXAMPLES) {
                    boolean outflow = figure.hasOutflowMeasures();
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

    private LogFold readEventLog() {
        LogFold fold = new LogFold();
        try (KafkaConsumer<String, String> consumer = EventLog.consumer(kafkaConfig, "stats-service-reconciliation", 1000,
                4 * 1024 * 1024)) {
            // what the consumer gave up on is on the dead-letter topic, with where it came from
            Set<String> deadLettered = EventLog.deadLettered(consumer, serviceName);
            EventLog.readAll(consumer, Topics.ALL, record -> {
                if (deadLettered.contains(EventLog.position(record))) {
                    fold.read++;
                    fold.deadLettered++;
                } else {
                    apply(fold, record);
                }
            });
        }
        fold.logRead();
        return fold;
    }

    private static void apply(LogFold fold, ConsumerRecord<String, String> record) {
        fold.read++;
        String id = EventLog.header(record, CloudEventHeaders.ID);
        EventType type = EventType.ofCeType(EventLog.header(record, CloudEventHeaders.TYPE)).orElse(null);
        if (id == null || type == null || record.value() == null) {
            fold.unreadable++;
            return;
        }
        if (!fold.eventIds.add(id)) {
            return; // a duplicate, as the consumer's de-duplication skips it
        }
        try {
            fold.apply(type, EventJson.read(record.value(), type.payloadType()));
        } catch (RuntimeException unreadable) {
            fold.unreadable++; // not dead-lettered, yet not readable: a difference
        }
    }

    // ---------------------------------------------------------------- facts

    /**
     * Each kind of stored fact against what the log says of it: the stored rows are read as a stream of plain
     * values (no managed entities) and each is compared with, and taken out of, the fold; what remains of the
     * fold is missing. A kind's part of the fold is let go once compared.
     */
    private static List<FactCheck> compareFacts(LogFold fold) {
        List<FactCheck> checks = new ArrayList<>();
        checks.add(compare("candidacy", fold.candidacies, (id, seen) -> {
            LogFold.Screening screened = fold.screenings.get(id);
            String screening = screened == null ? "|" : str(screened.on()) + "|" + screened.decision().name();
            return String.join("|", seen.personId().toString(), str(LogFold.date(seen.submittedOn())),
                    str(fold.agreedOn(id)), screening, seen.referral(), seen.courseCode(), seen.province());
        }, "select c.candidacyId, c.personId, c.submittedOn, c.agreedOn, c.screenedOn, c.decision, c.referralKind, "
                + "c.courseCode, c.province from CandidacyFact c", 1));
        fold.candidacies = null;
        fold.screenings = null;
        fold.agreedOn = null;
        checks.add(compare("contract", fold.contracts, (id, seen) -> seen.signature(), "select c.contractId, "
                + "c.personId, c.clusterId, c.trainingCode, c.finalYear, c.programme, c.province, c.startDate "
                + "from ContractFact c", 1));
        fold.contracts = null;
        checks.add(compare("contract end", fold.ends, (id, seen) -> seen.signature(), "select e.contractId, "
                + "e.revision, e.endDate, e.result, e.stopReason from ContractEndFact e", 1));
        fold.ends = null;
        Map<Object, Boolean> cancelled = new Object2ObjectOpenHashMap<>();
        fold.cancelled.forEach(id -> cancelled.put(id, Boolean.TRUE));
        fold.cancelled = null;
        checks.add(compare("cancellation", cancelled, (id, seen) -> "",
                "select c.contractId from CancelledContract c", 1));
        checks.add(compare("outflow measurement", fold.outflow, (id, seen) -> seen.on() + "|" + seen.atWork(),
                "select o.clusterId, o.measuredOn, o.atWork from OutflowFact o", 1));
        fold.outflow = null;
        Map<Object, Boolean> offers = new Object2ObjectOpenHashMap<>();
        fold.offers.forEach(offer -> offers.put(offer.signature(), Boolean.TRUE));
        fold.offers = null;
        checks.add(compare("offer", offers, (id, seen) -> "",
                "select o.key.year, o.key.courseCode, o.key.province from OfferFact o", 3));
        checks.add(compare("cost entry", fold.costs, (id, seen) -> seen.signature(),
                "select c.costId, c.bookedOn, c.kind, c.amount, c.programme from CostFact c", 1));
        fold.costs = null;
        return checks;
    }

    /**
     * Compares the stored rows of a query (its first {@code keyColumns} columns the key, the others joined by
     * '|') with what the events say, taking each stored key out of {@code fromEvents}: what is left is missing.
     */
    private static <V> FactCheck compare(String kind, Map<Object, V> fromEvents,
                                         java.util.function.BiFunction<Object, V, String> signature, String query,
                                         int keyColumns) {
        long expected = fromEvents.size();
        long[] stored = new long[1];
        long[] unexpectedAndDifferent = new long[2];
        List<String> differentExamples = new ArrayList<>();
        List<String> unexpectedExamples = new ArrayList<>();
        try (java.util.stream.Stream<?> rows = io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createQuery(query).setHint(org.hibernate.jpa.HibernateHints.HINT_FETCH_SIZE, 1000).getResultStream()) {
            rows.forEach(row -> {
                stored[0]++;
                Object[] columns = row instanceof Object[] array ? array : new Object[]{row};
                StringBuilder key = new StringBuilder();
                StringBuilder rest = new StringBuilder();
                for (int i = 0; i < columns.length; i++) {
                    StringBuilder part = i < keyColumns ? key : rest;
                    part.append(part.isEmpty() ? "" : "|").append(str(columns[i]));
                }
                Object id = keyColumns == 1 ? LogFold.id(key.toString()) : key.toString();
                V seen = fromEvents.remove(id);
                if (seen == null) {
                    unexpectedAndDifferent[0]++;
                    example(unexpectedExamples, kind + " " + key + " is stored but no event says so");
                } else {
                    String fromLog = signature.apply(id, seen);
                    if (!rest.toString().equals(fromLog)) {
                        unexpectedAndDifferent[1]++;
                        example(differentExamples, kind + " " + key + ": stored " + rest + ", events say " + fromLog);
                    }
                }
            });
        }
        List<String> examples = new ArrayList<>();
        fromEvents.keySet().forEach(id -> example(examples, kind + " " + id + " is in the events but not stored"));
        differentExamples.forEach(example -> example(examples, example));
        unexpectedExamples.forEach(example -> example(examples, example));
        return new FactCheck(kind, stored[0], expected, fromEvents.size(), unexpectedAndDifferent[0],
                unexpectedAndDifferent[1], examples);
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(example);
        }
    }

    // ---------------------------------------------------------------- figures, recounted from the events

    private List<FigureCheck> compareFigures(LogFold fold) {
        // F1: each contract's start by the rule of F1 (the contracts F2–F4 look at), its person per year
        Map<Integer, List<String>> starters = new HashMap<>();
        Set<Integer> years = new TreeSet<>();
        Set<Object> counted = new ObjectOpenHashSet<>();
        fold.contracts.forEach((id, contract) -> StartRule.start(contract.personId().toString(), contract.programme(),
                fold.cancelled.contains(id), contract.start()).ifPresent(start -> {
            counted.add(id);
            years.add(contract.start().getYear());
            starters.computeIfAbsent(start.on().getYear(), year -> new ArrayList<>()).add(start.personId());
        }));
        fold.ends.values().forEach(end -> years.add(end.end().getYear()));
        fold.outflow.values().forEach(measured -> years.add(measured.on().getYear()));
        fold.candidacies.values().forEach(candidacy -> years.add(LogFold.date(candidacy.submittedOn()).getYear()));
        fold.offers.forEach(offer -> years.add(offer.year()));
        // F9: every entry of an OKOT contract on its booking date, cancelled contracts included
        Map<Integer, BigDecimal> spent = new HashMap<>();
        fold.costs.values().forEach(cost -> {
            years.add(cost.on().getYear());
            Period year = Period.ofYear(cost.on().getYear());
            if (SpendingRule.countsIn(cost.programme(), false, cost.on(), year.from(), year.to())) {
                spent.merge(cost.on().getYear(), cost.amount(), BigDecimal::add);
            }
        });

        // F2, F3: the person of each counted contract (its shared id), per year: the total is their number, persons the distinct ones
        Map<Integer, List<Object>> diplomas = new HashMap<>();
        Map<Integer, List<Object>> dropouts = new HashMap<>();
        fold.ends.forEach((contractId, end) -> {
            if (!counted.contains(contractId)) {
                return;
            }
            LogFold.Contract contract = fold.contracts.get(contractId);
            if (DiplomaRule.isDiploma(contract.finalYear(), end.result())) {
                diplomas.computeIfAbsent(end.end().getYear(), year -> new ArrayList<>()).add(contract.personId());
            }
            if (DropOutRule.isDropOut(end.result(), end.stopReason())) {
                dropouts.computeIfAbsent(end.end().getYear(), year -> new ArrayList<>()).add(contract.personId());
            }
        });
        // outflow: per cluster its last contract, closed by the rule of F4, measured
        Map<Object, Object> lastOfCluster = new Object2ObjectOpenHashMap<>();
        Comparator<Object> chainOrder = ClusterRule.chainOrder(id -> fold.contracts.get(id).start(), Object::toString);
        counted.forEach(id -> lastOfCluster.merge(fold.contracts.get(id).clusterId(), id,
                (a, b) -> chainOrder.compare(a, b) >= 0 ? a : b));
        Map<String, long[]> outflow = new HashMap<>();
        lastOfCluster.forEach((clusterId, last) -> {
            LogFold.End end = fold.ends.get(last);
            LogFold.Measurement measured = fold.outflow.get(clusterId);
            if (end == null || measured == null) {
                return;
            }
            ClusterRule.closure(new ClusterRule.LastEnd(fold.contracts.get(last).finalYear(), end.end(), end.result(),
                    end.stopReason())).ifPresent(closure -> {
                long[] counts = outflow.computeIfAbsent(closure.measurementDate().getYear() + "|" + closure.ending(),
                        key -> new long[2]);
                counts[0]++;
                counts[1] += measured.atWork() ? 1 : 0;
            });
        });
        // the funnel's total: its steps of every candidacy, of which those the total counts
        Map<Integer, Long> submitted = new HashMap<>();
        fold.candidacies.forEach((id, candidacy) -> {
            LogFold.Screening screened = fold.screenings.get(id);
            FunnelRule.candidacySteps(LogFold.date(candidacy.submittedOn()), fold.agreedOn(id),
                            screened == null ? null : screened.on(), screened == null ? null : screened.decision())
                    .stream().filter(step -> step.step() == FunnelRule.TOTAL)
                    .forEach(step -> submitted.merge(step.on().getYear(), 1L, Long::sum));
        });

        List<FigureCheck> checks = new ArrayList<>();
        for (int year : years) {
            checks.add(count(FigureKind.STARTS, year, StartRule.distinctPersons(starters.getOrDefault(year, List.of()))));
            checks.addAll(contracts(FigureKind.DIPLOMAS, year, diplomas.getOrDefault(year, List.of())));
            checks.addAll(contracts(FigureKind.DROPOUTS, year, dropouts.getOrDefault(year, List.of())));
            Period period = Period.ofYear(year);
            checks.add(count(FigureKind.OFFERS, year, fold.offers.stream()
                    .filter(offer -> OfferRule.countsIn(offer.year(), period.from(), period.to())).count()));
            checks.add(count(FigureKind.FUNNEL, year, submitted.getOrDefault(year, 0L))); // its total: submissions
            Object spentLive = live(FigureKind.SPENDING, year, Map.of()).total();
            BigDecimal spentRecounted = spent.getOrDefault(year, BigDecimal.ZERO).setScale(2);
            checks.add(new FigureCheck(FigureKind.SPENDING.path, year, null, spentLive, spentRecounted,
                    spentLive instanceof BigDecimal euro && euro.compareTo(spentRecounted) == 0));
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

    /**
     * F2 or F3: the total (contracts) and, as a check of its own marked {@code persons}, the distinct persons
     * ({@link ContractPersonsRule}) against the recount of the contracts' persons.
     */
    private List<FigureCheck> contracts(FigureKind figure, int year, List<Object> personIds) {
        FigureAnswer answer = live(figure, year, Map.of());
        long persons = ContractPersonsRule.persons(personIds);
        return List.of(new FigureCheck(figure.path, year, null, answer.total(), (long) personIds.size(),
                        Objects.equals(toLong(answer.total()), (long) personIds.size())),
                new FigureCheck(figure.path, year, "persons", answer.persons(), persons,
                        Objects.equals(answer.persons(), persons)));
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
        return LogFold.str(value);
    }
}
