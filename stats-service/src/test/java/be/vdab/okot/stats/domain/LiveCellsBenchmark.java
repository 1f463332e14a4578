package be.vdab.okot.stats.domain;

import be.vdab.okot.events.Gender;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.ReferralKind;
import be.vdab.okot.events.intake.FunnelRule;
import be.vdab.okot.events.outcome.DropOutRule;
import be.vdab.okot.events.outcome.KnelpuntRule;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Measures the live aggregate at national scale: a synthetic population (by default 100,000 persons over the
 * ten years 2015–2024, about a million events: a candidacy with its funnel steps, one to three training years
 * per approved candidacy with their start and end, the cluster's outflow measurement, one in ten a module
 * 4a/4b training), with ~150 trainings, ~500 courses, 6 provinces, 3 genders, 7 types, 10 sectors, the 8
 * drop-out reasons, 3 referral kinds and ages 18–65. Prints the cells per figure, the heap they take (used
 * heap after several GCs, before the load and after it with the contributions dropped), the load time, and
 * the latency (p50/p99, milliseconds) of whole reads: the cells of the period plus the rows and the total
 * as {@link FigureService} makes them. The ten-year evolutions are measured counted at every read (as before
 * {@link YearAnswers}), from the kept answers of whole years (as {@link FigureService} reads them now), and from the
 * kept answers with a change in one of the years before each read (that year counted again); the last line reads a
 * year while another thread applies changes to the cells without pause (readers and the writer share the codes of
 * {@link CellCodes}).
 *
 * <p>Not a test (a timed test is no test). Run it from the worktree root:
 * <pre>
 * mvn -o -q -pl stats-service -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx1g -cp stats-service/target/test-classes:stats-service/target/classes:$(cat stats-service/target/bench.cp) \
 *     be.vdab.okot.stats.domain.LiveCellsBenchmark [persons]
 * </pre>
 */
public final class LiveCellsBenchmark {

    private static final int FIRST_YEAR = 2015;
    private static final int YEARS = 10;
    private static final String[] TYPES = {"BSO7", "TKO", "SENSE", "HBO", "PBA", "MASTER", "MODULE"};
    private static final String[] SECTORS = {"ZORG", "ONDERWIJS", "BOUW", "ICT", "LOGISTIEK", "HORECA", "INDUSTRIE",
            "HANDEL", "TRANSPORT", "ADMINISTRATIE"};
    private static final List<String> REASONS = DropOutRule.REASONS;

    private LiveCellsBenchmark() {
    }

    public static void main(String[] args) {
        int persons = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long baseline = usedHeap();
        List<Contribution> contributions = population(persons, new Random(42));
        List<Contribution> changes = contributions.stream()
                .filter(contribution -> contribution.countedOn().getYear() == 2019).limit(1_000).toList();
        Map<FigureKind, Contribution> changedIn2019 = new EnumMap<>(FigureKind.class);
        changes.forEach(contribution -> changedIn2019.putIfAbsent(contribution.figure(), contribution));
        System.out.printf("%,d persons, %,d contributions%n", persons, contributions.size());

        long begin = System.nanoTime();
        LiveCells cells = new LiveCells();
        cells.replaceAll(contributions);
        long loadMillis = (System.nanoTime() - begin) / 1_000_000;
        contributions = null;
        long used = usedHeap() - baseline;
        long total = 0;
        for (FigureKind figure : FigureKind.values()) {
            long size = cells.size(figure);
            total += size;
            System.out.printf("  %-9s %,10d cells%n", figure.path, size);
        }
        System.out.printf("cells %,d; heap %,d bytes (%.1f MB), %.1f bytes per cell; load %,d ms%n", total, used,
                used / 1048576.0, (double) used / total, loadMillis);

        LocalDate jan = LocalDate.of(2020, 1, 1);
        LocalDate dec = LocalDate.of(2020, 12, 31);
        measure("starts 2020", () -> answer(cells, FigureKind.STARTS, jan, dec, List.of(), Map.of()));
        measure("starts 2020 by age5", () -> answer(cells, FigureKind.STARTS, jan, dec, List.of(Dimension.AGE5), Map.of()));
        measure("starts 2020 by training,province", () -> answer(cells, FigureKind.STARTS, jan, dec,
                List.of(Dimension.TRAINING, Dimension.PROVINCE), Map.of()));
        measure("dropouts 2020 by reason,course", () -> answer(cells, FigureKind.DROPOUTS, jan, dec,
                List.of(Dimension.REASON, Dimension.COURSE), Map.of()));
        measure("funnel 2020 by referral,age5", () -> answer(cells, FigureKind.FUNNEL, jan, dec,
                List.of(Dimension.REFERRAL, Dimension.AGE5), Map.of()));
        measure("starts 2020-03-05..2020-06-17 by training,province", () -> answer(cells, FigureKind.STARTS,
                LocalDate.of(2020, 3, 5), LocalDate.of(2020, 6, 17), List.of(Dimension.TRAINING, Dimension.PROVINCE),
                Map.of()));
        YearAnswers years = new YearAnswers(YearAnswers.DEFAULT_ROWS);
        for (FigureKind figure : List.of(FigureKind.STARTS, FigureKind.FUNNEL, FigureKind.OUTFLOW)) {
            List<Dimension> by = figure == FigureKind.STARTS ? List.of(Dimension.AGE5) : List.of();
            Map<String, String> given = figure == FigureKind.OUTFLOW ? Map.of("ending", "POSITIVE") : Map.of();
            Map<Dimension, Predicate<Object>> selected = figure == FigureKind.OUTFLOW
                    ? Map.of(Dimension.ENDING, "POSITIVE"::equals) : Map.of();
            String name = "evolution " + figure.path + " 2015-2024" + (by.isEmpty() ? "" : " by age5");
            measure(name + ", counted", () -> evolution(cells, null, figure, by, given, selected));
            measure(name + ", kept", () -> evolution(cells, years, figure, by, given, selected));
            Contribution changed = changedIn2019.get(figure);
            measure(name + ", kept, 2019 changed", () -> {
                cells.apply(List.of(changed), List.of(changed)); // a retraction and an addition: 2019 gets a new stamp
                evolution(cells, years, figure, by, given, selected);
            });
        }
        System.out.printf("  kept answers %d; reads {kept, counted} %s%n", years.size(), Arrays.toString(years.reads()));

        Thread writer = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (Contribution contribution : changes) {
                    cells.apply(List.of(contribution), List.of(contribution));
                }
            }
        });
        writer.setDaemon(true);
        writer.start();
        measure("starts 2020 by age5, a writer applying meanwhile", () -> answer(cells, FigureKind.STARTS, jan, dec,
                List.of(Dimension.AGE5), Map.of()));
        writer.interrupt();
    }

    /** The ten years of F6 as {@link FigureService#evolution} reads them, with kept answers or ({@code years} null) without. */
    private static void evolution(LiveCells cells, YearAnswers years, FigureKind figure, List<Dimension> by,
                                  Map<String, String> given, Map<Dimension, Predicate<Object>> selected) {
        for (int year = FIRST_YEAR; year < FIRST_YEAR + YEARS; year++) {
            LocalDate from = LocalDate.of(year, 1, 1);
            LocalDate to = LocalDate.of(year, 12, 31);
            Supplier<YearAnswers.Counted> count = () -> FigureService.count(figure, by,
                    cells.tally(figure, from, to, selected, by), code -> "course " + code);
            if (years == null) {
                count.get();
            } else {
                years.answer(cells, new YearAnswers.Question(figure, year, by, given), 1, count);
            }
        }
    }

    /** One read as the service makes it: the cells of the period, the rows, the total. */
    private static Object answer(LiveCells cells, FigureKind figure, LocalDate from, LocalDate to,
                                 List<Dimension> dimensions, Map<Dimension, Predicate<Object>> selected) {
        List<LiveCells.Tally> tallies = cells.tally(figure, from, to, selected, dimensions);
        return List.of(FigureService.rows(figure, dimensions, tallies, code -> "course " + code),
                FigureService.total(figure, tallies));
    }

    /** Wall time and the thread's CPU time (the machine may be shared: CPU time leaves the waits out). */
    private static void measure(String name, Runnable read) {
        for (int i = 0; i < 30; i++) {
            read.run();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[200];
        double[] cpu = new double[wall.length];
        for (int i = 0; i < wall.length; i++) {
            long begin = System.nanoTime();
            long beginCpu = threads.getCurrentThreadCpuTime();
            read.run();
            cpu[i] = (threads.getCurrentThreadCpuTime() - beginCpu) / 1e6;
            wall[i] = (System.nanoTime() - begin) / 1e6;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("  %-52s wall p50 %7.2f p99 %7.2f ms; cpu p50 %7.2f p99 %7.2f ms%n", name, wall[wall.length / 2],
                wall[(int) Math.ceil(wall.length * 0.99) - 1], cpu[cpu.length / 2], cpu[(int) Math.ceil(cpu.length * 0.99) - 1]);
    }

    private static long usedHeap() {
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A synthetic population's contributions, by the rules of figures.md in the shapes PersonFigures makes. */
    static List<Contribution> population(int persons, Random random) {
        List<Contribution> contributions = new ArrayList<>();
        LocalDate first = LocalDate.of(FIRST_YEAR, 1, 1);
        int days = (int) (LocalDate.of(FIRST_YEAR + YEARS, 1, 1).toEpochDay() - first.toEpochDay()) - 400;
        for (int p = 0; p < persons; p++) {
            String person = UUID.nameUUIDFromBytes(("person-" + p).getBytes()).toString();
            LocalDate submitted = first.plusDays(random.nextInt(days));
            LocalDate born = submitted.minusYears(18 + random.nextInt(45)).minusDays(random.nextInt(365));
            Gender gender = Gender.values()[random.nextInt(Gender.values().length)];
            Province province = Province.values()[random.nextInt(Province.values().length)];
            String course = "course-" + random.nextInt(500);
            ReferralKind referral = ReferralKind.values()[random.nextInt(ReferralKind.values().length)];
            String candidacy = "candidacy-" + p;
            List<FunnelRule.Step> steps = new ArrayList<>(List.of(FunnelRule.Step.SUBMITTED));
            if (referral == ReferralKind.OCMW) {
                steps.add(FunnelRule.Step.AGREED);
            }
            boolean approved = random.nextInt(10) < 8;
            steps.add(approved ? FunnelRule.Step.APPROVED : FunnelRule.Step.REJECTED);
            if (approved) {
                steps.add(FunnelRule.Step.CONTRACT_STARTED);
            }
            for (int s = 0; s < steps.size(); s++) {
                LocalDate on = submitted.plusDays(s * 15L);
                contributions.add(new Contribution(FigureKind.FUNNEL, on, new Fact(candidacy, on, born, gender, null,
                        province, null, null, course, null, null, null, null, referral.name(), steps.get(s).name(), null)));
            }
            if (!approved) {
                continue;
            }
            boolean module = random.nextInt(10) == 0;
            String type = module ? "MODULE" : TYPES[random.nextInt(TYPES.length - 1)];
            String programme = module ? (random.nextBoolean() ? KnelpuntRule.MODULE_4A : KnelpuntRule.MODULE_4B) : "OKOT";
            String sector = SECTORS[random.nextInt(SECTORS.length)];
            int years = module ? 1 : 1 + random.nextInt(3);
            LocalDate start = submitted.plusDays(45);
            int training = random.nextInt(150);
            for (int year = 1; year <= years; year++) {
                String contract = "contract-" + p + "-" + year;
                String trainingCode = Integer.toString(900_000 + training);
                String trainingName = "Opleiding " + training + " - " + year + "e jaar";
                LocalDate end = start.plusDays(280 + random.nextInt(40));
                boolean last = year == years;
                int outcome = random.nextInt(10);
                String reason = last && outcome >= 6 ? REASONS.get(random.nextInt(REASONS.size())) : null;
                Fact started = new Fact(module ? contract : person, start, born, gender, type, province, trainingCode,
                        trainingName, course, sector, null, null, null, null, null, programme);
                if (module) {
                    contributions.add(knelpunt(started, start, KnelpuntRule.Count.STARTED));
                    contributions.add(knelpunt(started, end, reason != null ? KnelpuntRule.Count.STOPPED_EARLY
                            : KnelpuntRule.Count.COMPLETED));
                } else {
                    contributions.add(new Contribution(FigureKind.STARTS, start, started));
                    if (last && reason == null) {
                        contributions.add(new Contribution(FigureKind.DIPLOMAS, end, new Fact(contract, end, born, gender,
                                type, province, trainingCode, trainingName, course, sector, null, null, null, null, null,
                                programme), person)); // F2 and F3 cells keep the person (their persons measure)
                    } else if (reason != null) {
                        contributions.add(new Contribution(FigureKind.DROPOUTS, end, new Fact(contract, end, born, gender,
                                type, province, trainingCode, trainingName, course, sector, reason, null, null, null, null,
                                programme), person));
                    }
                }
                if (last && !module) {
                    String ending = reason == null || "EMPLOYMENT".equals(reason) ? "POSITIVE" : "NON_POSITIVE";
                    contributions.add(new Contribution(FigureKind.OUTFLOW, end.plusMonths(3), new Fact("cluster-" + p,
                            end, born, gender, type, province, trainingCode, trainingName, course, sector, null, ending,
                            random.nextInt(10) < 7, null, null, programme)));
                }
                start = end.plusDays(30);
            }
        }
        return contributions;
    }

    private static Contribution knelpunt(Fact training, LocalDate on, KnelpuntRule.Count count) {
        return new Contribution(FigureKind.KNELPUNT, on, new Fact(training.unit(), on, training.birthDate(),
                training.gender(), training.type(), training.province(), training.trainingCode(), training.trainingName(),
                training.courseCode(), training.sector(), null, null, null, null, count.name(), training.programme()));
    }
}
