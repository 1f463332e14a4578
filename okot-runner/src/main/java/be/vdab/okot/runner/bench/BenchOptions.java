package be.vdab.okot.runner.bench;

import be.vdab.okot.runner.DemoCommand;
import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.demo.DemoDriver;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/** The options every bench has: where the platform runs (loopback only), JSON output, the request timeout. */
public final class BenchOptions {

    @Option(names = "--host", description = "Where the services run, on their usual ports; a loopback address only "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "localhost")
    String host;

    @Option(names = "--json", description = "Print the results as JSON on standard output instead of a table "
            + "(progress stays on standard error)")
    boolean json;

    @Option(names = "--request-timeout", description = "Seconds before a call counts as a timeout error "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "30")
    int requestTimeoutSeconds;

    /** The running platform, or {@code null} (the reason printed) when a service does not answer. */
    Target connect(CommandLine commandLine) {
        requireLoopback(commandLine);
        Map<Service, String> urls = DemoCommand.serviceUrls(host);
        DemoDriver driver = DemoCommand.connect(urls, 1);
        return driver == null ? null
                : new Target(driver, new BenchClient(urls, Duration.ofSeconds(requestTimeoutSeconds)));
    }

    /** A bench sends load: never to another machine. */
    private void requireLoopback(CommandLine commandLine) {
        requireLoopback(commandLine, "--host", host);
    }

    /** Refuses (a parameter error naming {@code option}) a host that is not a loopback address: load stays here. */
    public static void requireLoopback(CommandLine commandLine, String option, String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            if (!Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress)) {
                throw new CommandLine.ParameterException(commandLine,
                        option + " must be a loopback address (load goes to the machine it runs on only): " + host);
            }
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(commandLine, "Unknown " + option + " " + host);
        }
    }

    /** Prints {@code result} as indented JSON on standard output. */
    static void printJson(ObjectNode result) throws Exception {
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
    }

    /** The demo driver gives tokens and the catalogue; the client makes the measured calls. */
    record Target(DemoDriver driver, BenchClient client) {
    }
}
