package be.vdab.okot.intake;

import be.vdab.okot.intake.notification.HostResolver;
import com.google.common.net.InetAddresses;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces the system resolver in intake's @QuarkusTests: names resolve from a table the tests fill (and change,
 * to play DNS rebinding), any other name does not exist. No test's webhook name ever reaches DNS.
 */
@ApplicationScoped
public class TestHostResolver implements HostResolver {

    private final Map<String, String> addresses = new ConcurrentHashMap<>();

    /** From now on, {@code name} resolves to {@code address} (an IP literal; keep it on loopback). */
    public void map(String name, String address) {
        addresses.put(name, address);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String address = addresses.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[]{InetAddresses.forString(address)};
    }
}
