package be.vdab.okot.runner.bench;

import be.vdab.okot.runner.FreshnessCommand;
import be.vdab.okot.runner.demo.FreshnessProbe;
import be.vdab.okot.runner.demo.PopulationBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The persons of the write benches ({@code bench freshness}, {@code bench writes}): person {@code i} has the birth
 * date {@code 1950-01-01 + (i mod 18,262) days} and the serial {@code 010 + (i mod 1,643,580) / 18,262}, so
 * {@value FreshnessBench#SERIALS} serials × 18,262 birth dates = 1,643,580 national register numbers before one comes
 * round again (serials 010–099: the demo takes 100–997, the probes 998 and 999). Runs take blocks from one counter
 * in the state directory ({@code bench-next-person}); a run that reserved more than it used gives the rest back, so
 * a closed loop can reserve its upper bound: about 50 runs of 30,000 writes each before the numbers come round.
 */
final class BenchPersons {

    /** National register numbers before one comes round again. */
    static final int CYCLE = FreshnessBench.PERSONS;

    private BenchPersons() {
    }

    static Path counter(Path stateDir) {
        return stateDir.resolve("bench-next-person");
    }

    /** Reserves {@code count} persons; returns the first (the caller takes them modulo {@link #CYCLE}). */
    static int take(Path counter, int count) {
        return FreshnessCommand.takePersons(counter, count, CYCLE);
    }

    /**
     * Gives back the persons {@code first + used} … {@code first + reserved - 1} when no other run took persons
     * since ({@code counter} still points after the reservation); otherwise keeps them taken.
     */
    static void giveBack(Path counter, int first, int reserved, int used) {
        try {
            int after = (int) (((long) first + reserved) % CYCLE);
            if (Files.exists(counter) && Integer.parseInt(Files.readString(counter).strip()) == after) {
                Files.writeString(counter, Integer.toString((int) (((long) first + used) % CYCLE)));
            }
        } catch (IOException | NumberFormatException e) {
            // the persons stay taken: nothing lost but numbers
        }
    }

    /** Person {@code person}'s national register number. */
    static String insz(int person) {
        return PopulationBuilder.insz(birthDate(person), FreshnessBench.serial(person));
    }

    static LocalDate birthDate(int person) {
        return FreshnessProbe.probeBirthDate(person);
    }
}
