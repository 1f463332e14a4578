package be.vdab.okot.stats.domain;

import be.vdab.okot.events.Gender;
import be.vdab.okot.events.Province;
import be.vdab.okot.events.outcome.DropOutRule;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CellCodes} with real threads: two aggregates filled at once from the same contributions in different orders
 * (the live cells and the reconciliation's recount), two more threads giving codes to the same values, and readers
 * decoding every cell meanwhile while the dictionaries grow (values first seen in this test). Codes are stable — one
 * value, one code, whoever asks first — every read decodes the values its cells were given, and the two aggregates
 * have equal cells.
 */
class CellCodesConcurrencyTest {

    private static final int PERSONS = 6_000;
    private static final LocalDate FIRST_DAY = LocalDate.of(2031, 1, 1);

    @Test
    void codesAreStableAndReadableWhileWritersGrowTheDictionaries() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        Random random = new Random(3);
        List<Contribution> contributions = new ArrayList<>();
        Map<String, String> courseOfPerson = new HashMap<>();
        for (int p = 0; p < PERSONS; p++) {
            String person = "concurrent-" + run + "-" + p;
            String course = "concurrent-course-" + run + "-" + random.nextInt(100); // new values, shared by threads
            courseOfPerson.put(person, course);
            LocalDate day = FIRST_DAY.plusDays(random.nextInt(365));
            Fact start = new Fact(person, day, LocalDate.of(1990, 1, 1).plusDays(random.nextInt(9_000)),
                    Gender.values()[random.nextInt(3)], "TKO", Province.values()[random.nextInt(Province.values().length)],
                    "900001", "Opleiding", course, "ZORG", null, null, null, null, null, "OKOT");
            contributions.add(new Contribution(FigureKind.STARTS, day, start));
            if (random.nextInt(3) == 0) {
                contributions.add(new Contribution(FigureKind.DROPOUTS, day.plusDays(200), new Fact("contract-" + person,
                        day.plusDays(200), start.birthDate(), start.gender(), "TKO", start.province(), "900001",
                        "Opleiding", course, "ZORG", DropOutRule.REASONS.get(random.nextInt(DropOutRule.REASONS.size())),
                        null, null, null, null, "OKOT")));
            }
        }
        List<Contribution> reversed = new ArrayList<>(contributions);
        Collections.reverse(reversed);
        List<Integer> shuffled = new ArrayList<>();
        for (int i = 0; i < contributions.size(); i++) {
            shuffled.add(i);
        }
        Collections.shuffle(shuffled, new Random(4));

        LiveCells live = new LiveCells();
        LiveCells recount = new LiveCells();
        long[] keysInOrder = new long[contributions.size()];
        long[] keysShuffled = new long[contributions.size()];
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong decoded = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = List.of(
                thread("live", start, failures, () -> contributions.forEach(one -> live.apply(List.of(), List.of(one)))),
                thread("recount", start, failures, () -> reversed.forEach(one -> recount.apply(List.of(), List.of(one)))),
                thread("keys-in-order", start, failures, () -> {
                    for (int i = 0; i < contributions.size(); i++) {
                        keysInOrder[i] = CellCodes.key(contributions.get(i));
                    }
                }),
                thread("keys-shuffled", start, failures, () -> {
                    for (int i : shuffled) {
                        keysShuffled[i] = CellCodes.key(contributions.get(i));
                    }
                }));
        List<Thread> readers = new ArrayList<>();
        for (LiveCells read : List.of(live, recount)) {
            readers.add(thread("reader", start, failures, () -> {
                while (writing.get()) {
                    for (LiveCells.Counted cell : read.read(FigureKind.STARTS, FIRST_DAY, FIRST_DAY.plusYears(1), fact -> true)) {
                        assertThat(cell.cell().courseCode()).isEqualTo(courseOfPerson.get(cell.cell().unit()));
                        decoded.incrementAndGet();
                    }
                    read.tally(FigureKind.DROPOUTS, FIRST_DAY, FIRST_DAY.plusYears(2), Map.of(), List.of(Dimension.COURSE))
                            .forEach(tally -> assertThat(tally.cell().courseCode()).startsWith("concurrent-course-" + run));
                }
            }));
        }
        writers.forEach(Thread::start);
        readers.forEach(Thread::start);
        start.countDown();
        for (Thread writer : writers) {
            writer.join(TimeUnit.MINUTES.toMillis(2));
        }
        writing.set(false);
        for (Thread reader : readers) {
            reader.join(TimeUnit.MINUTES.toMillis(1));
        }

        assertThat(failures).isEmpty();
        assertThat(decoded.get()).as("cells decoded while the writers ran").isPositive();
        assertThat(keysShuffled).isEqualTo(keysInOrder);
        for (int i = 0; i < contributions.size(); i++) {
            assertThat(CellCodes.key(contributions.get(i))).isEqualTo(keysInOrder[i]);
            assertThat(CellCodes.fact(contributions.get(i).figure(), keysInOrder[i]).courseCode())
                    .isEqualTo(contributions.get(i).fact().courseCode());
        }
        for (FigureKind figure : List.of(FigureKind.STARTS, FigureKind.DROPOUTS)) {
            List<LiveCells.Difference> differences = new ArrayList<>();
            live.compare(figure, recount, differences::add);
            assertThat(differences).as(figure.path).isEmpty();
        }
        assertThat(live.read(FigureKind.STARTS, FIRST_DAY, FIRST_DAY.plusYears(1), fact -> true)).hasSize(PERSONS);
    }

    private static Thread thread(String name, CountDownLatch start, ConcurrentLinkedQueue<Throwable> failures, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                start.await();
                work.run();
            } catch (Throwable failure) {
                failures.add(failure);
            }
        }, "cell-codes-" + name);
        thread.setDaemon(true);
        return thread;
    }
}
