package be.vdab.okot.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports for test platforms that may run side by side on one machine (two {@code mvn verify} in two
 * clones, a test beside {@code ./okot up}). A port is picked before the child process binds it, so two platforms
 * that both asked the operating system for "any free port" could be handed the same one in between: that happened
 * (a service failed with "Port … seems to be in use", and a readiness check may even reach the other platform's
 * service). Here a port is reserved instead:
 * <ul>
 *   <li>it lies in {@value #FIRST}–{@value #LAST}, below Linux's ephemeral range (32768–60999 by default), so no
 *       outgoing connection of any process takes it as its source port;</li>
 *   <li>this JVM holds an exclusive lock on {@code <java.io.tmpdir>/okot-ports/<port>.lock} until it exits, so no
 *       other JVM reserving through this class gets it, whatever it does with it;</li>
 *   <li>it is bindable on every address when reserved (nothing else listens on it).</li>
 * </ul>
 * A process that binds ports in that range without asking here can still collide; nothing on these machines does.
 */
public final class PortReservations {

    static final int FIRST = 20_000;
    static final int LAST = 32_000;
    private static final int ATTEMPTS = 2_000;
    private static final Path DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"), "okot-ports");
    /** The locks this JVM holds: released by the operating system when it exits. */
    private static final List<FileChannel> HELD = new ArrayList<>();
    private static final Set<Integer> RESERVED = new HashSet<>();

    private PortReservations() {
    }

    /**
     * A port no other JVM reserves while this one lives, free when returned.
     *
     * @throws IllegalStateException when {@value #ATTEMPTS} random ports of the range were all taken
     */
    public static synchronized int reserve() {
        try {
            Files.createDirectories(DIRECTORY);
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
                if (RESERVED.contains(port)) {
                    // never open a second channel on a file this JVM has locked: on Linux closing it would release
                    // the lock held through the first (the lock is the process's, per file, fcntl)
                    continue;
                }
                FileChannel channel = FileChannel.open(DIRECTORY.resolve(port + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException lockedByAnotherCopyOfThisClass) { // another class loader's
                    HELD.add(channel); // kept open: closing it would release that copy's lock as well
                    continue;
                }
                if (lock != null && bindable(port)) {
                    HELD.add(channel);
                    RESERVED.add(port);
                    return port;
                }
                channel.close(); // releases the lock, if it was taken
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("No free port reservable in " + FIRST + "–" + LAST);
    }

    /** Whether {@code port} was reserved by this JVM. */
    static synchronized boolean reservedHere(int port) {
        return RESERVED.contains(port);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port)) { // every address: a service listens on 0.0.0.0
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
