package be.vdab.okot.stats.domain;

import be.vdab.okot.events.EventJson;
import be.vdab.okot.events.EventType;
import be.vdab.okot.events.Gender;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.ReferralKind;
import be.vdab.okot.events.TrainingYearRef;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.intake.CandidacyAgreed;
import be.vdab.okot.events.intake.CandidacySubmitted;
import be.vdab.okot.events.intake.ScreeningCompleted;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.OutflowRecorded;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import java.util.UUID;

/**
 * The heap the reconciliation's fold of the event log ({@link LogFold}) takes at national scale: a synthetic log
 * of (by default) 165,000 persons, about 1.19 M events — a candidacy (one in three agreed by an OCMW) and its
 * screening; for four in five one to three training years, each a start and an end (one in ten ends corrected
 * by a second revision), and the cluster's outflow measurement; one event in twenty read twice (a duplicate).
 * Every event goes through its JSON as the reconciliation reads it (fresh strings, as from Kafka). Prints the
 * events, the facts folded and the used heap after several GCs: while the log is read (with the event ids) and
 * after (the ids let go), which is what the comparisons then work from.
 *
 * <p>Not a test (a measurement is no test). Run it from the worktree root:
 * <pre>
 * mvn -o -q -pl stats-service -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx1g -cp stats-service/target/test-classes:stats-service/target/classes:$(cat stats-service/target/bench.cp) \
 *     be.vdab.okot.stats.domain.ReconciliationMemoryBenchmark [persons]
 * </pre>
 */
public final class ReconciliationMemoryBenchmark {

    private static final int FIRST_YEAR = 2015;
    private static final int YEARS = 10;

    /** Where the synthetic log goes, an event at a time, as the reconciliation reads a record. */
    interface EventSink {
        void accept(EventType type, String id, String json);
    }

    private ReconciliationMemoryBenchmark() {
    }

    public static void main(String[] args) {
        int persons = args.length > 0 ? Integer.parseInt(args[0]) : 165_000;
        long baseline = usedHeap();
        LogFold fold = new LogFold();
        long events = log(persons, new Random(42), (type, id, json) -> {
            if (fold.eventIds.add(id)) {
                fold.apply(type, EventJson.read(json, type.payloadType()));
            }
        });
        long reading = usedHeap() - baseline;
        fold.logRead();
        long read = usedHeap() - baseline;
        System.out.printf("%,d persons, %,d events: %,d candidacies, %,d contracts, %,d ends, %,d measurements%n", persons,
                events, fold.candidacies.size(), fold.contracts.size(), fold.ends.size(), fold.outflow.size());
        System.out.printf("fold while reading the log (with the event ids) %.1f MB; once read %.1f MB%n",
                reading / 1048576.0, read / 1048576.0);
    }

    /** Writes the synthetic log to the sink; returns the number of events. */
    static long log(int persons, Random random, EventSink sink) {
        LocalDate first = LocalDate.of(FIRST_YEAR, 1, 1);
        int days = (int) (LocalDate.of(FIRST_YEAR + YEARS, 1, 1).toEpochDay() - first.toEpochDay()) - 1200;
        long[] events = {0};
        EventSink counted = (type, id, json) -> {
            events[0]++;
            sink.accept(type, id, json);
            if (random.nextInt(20) == 0) { // read twice
                events[0]++;
                sink.accept(type, id, json);
            }
        };
        for (int p = 0; p < persons; p++) {
            PersonProfile person = new PersonProfile(uuid(random), first.minusYears(18 + random.nextInt(45))
                    .plusDays(random.nextInt(365)), Gender.values()[random.nextInt(Gender.values().length)]);
            Province province = Province.values()[random.nextInt(Province.values().length)];
            String course = "course-" + random.nextInt(500);
            ReferralKind referral = ReferralKind.values()[random.nextInt(ReferralKind.values().length)];
            String candidacy = uuid(random);
            LocalDate submitted = first.plusDays(random.nextInt(days));
            emit(counted, random, EventType.CANDIDACY_SUBMITTED, new CandidacySubmitted(candidacy, person, submitted,
                    Instant.now(), course, province, referral, null, "SUBMITTED"));
            if (referral == ReferralKind.OCMW) {
                emit(counted, random, EventType.CANDIDACY_AGREED, new CandidacyAgreed(candidacy, person.personId(), "ocmw-1",
                        submitted.plusDays(10)));
            }
            boolean approved = random.nextInt(10) < 8;
            emit(counted, random, EventType.SCREENING_COMPLETED, new ScreeningCompleted(candidacy, person, course, province,
                    referral, null, approved ? ScreeningCompleted.Decision.APPROVED : ScreeningCompleted.Decision.REJECTED,
                    submitted.plusDays(20), null, null));
            if (!approved) {
                continue;
            }
            String cluster = uuid(random);
            int training = random.nextInt(150);
            int years = 1 + random.nextInt(3);
            LocalDate start = submitted.plusDays(45);
            for (int year = 1; year <= years; year++) {
                TrainingYearRef ref = new TrainingYearRef("training-" + training, Integer.toString(900_000 + training * 10 + year),
                        "Opleiding " + training + " - " + year + "e jaar", year, year == years, "TKO", "ZORG", "OKOT");
                String contract = uuid(random);
                LocalDate end = start.plusDays(280 + random.nextInt(40));
                emit(counted, random, EventType.CONTRACT_STARTED, new ContractStarted(contract, candidacy, cluster, person, ref,
                        province, "CVO " + province, start, end));
                emit(counted, random, EventType.COURSE_ENDED, new CourseEnded(contract, candidacy, cluster, 1, person, ref,
                        province, start, end, CourseEnded.Result.PASSED, null, false, null, null));
                if (random.nextInt(10) == 0) {
                    emit(counted, random, EventType.COURSE_ENDED, new CourseEnded(contract, candidacy, cluster, 2, person, ref,
                            province, start, end, CourseEnded.Result.FAILED, null, false, null, null));
                }
                if (year == years) {
                    emit(counted, random, EventType.OUTFLOW_RECORDED, new OutflowRecorded(cluster, candidacy, person, ref,
                            province, end, CourseEnded.Ending.POSITIVE, end.plusMonths(3), end.plusMonths(3),
                            random.nextBoolean()));
                }
                start = end.plusDays(60);
            }
        }
        return events[0];
    }

    private static void emit(EventSink sink, Random random, EventType type, OkotEvent event) {
        sink.accept(type, uuid(random), EventJson.write(event));
    }

    private static String uuid(Random random) {
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    private static long usedHeap() {
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
