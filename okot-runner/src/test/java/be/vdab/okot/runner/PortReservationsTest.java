package be.vdab.okot.runner;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two JVMs reserving ports at the same time never get the same one (the race of two e2e platforms on one machine,
 * where each asked the operating system for a free port and one of them was handed the other's), and a reserved
 * port is free and outside the ephemeral range that outgoing connections draw from.
 */
class PortReservationsTest {

    private static final int PORTS = 300;

    @Test
    void twoJvmsReservingAtOnceNeverShareAPort() throws Exception {
        Process other = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), OtherJvm.class.getName(), Integer.toString(PORTS))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Set<Integer> here = new HashSet<>();
        for (int i = 0; i < PORTS; i++) {
            here.add(PortReservations.reserve());
        }
        Set<Integer> there = new HashSet<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(other.getInputStream(), StandardCharsets.US_ASCII))) {
            for (int i = 0; i < PORTS; i++) {
                there.add(Integer.parseInt(lines.readLine().trim()));
            }
            assertThat(here).hasSize(PORTS).allSatisfy(port -> assertThat(port)
                    .isBetween(PortReservations.FIRST, PortReservations.LAST - 1));
            assertThat(there).hasSize(PORTS).doesNotContainAnyElementsOf(here);
            assertThat(here).allSatisfy(port -> assertThat(PortReservations.reservedHere(port)).isTrue());
        } finally {
            other.getOutputStream().close(); // the other JVM exits when its stdin closes
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aReservedPortCanBeBoundByTheProcessItIsFor() throws Exception {
        int port = PortReservations.reserve();
        try (ServerSocket socket = new ServerSocket(port)) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    /** Reserves as many ports as asked, prints them, and holds them until its stdin closes. */
    public static final class OtherJvm {
        public static void main(String[] arguments) throws Exception {
            int ports = Integer.parseInt(arguments[0]);
            for (int i = 0; i < ports; i++) {
                System.out.println(PortReservations.reserve());
            }
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the reservations until the test is done
            }
        }
    }
}
