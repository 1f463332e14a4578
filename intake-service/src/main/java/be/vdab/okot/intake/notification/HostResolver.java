package be.vdab.okot.intake.notification;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a host name to every address it has. The production bean asks the system resolver
 * ({@link SystemHostResolver}); tests replace it so that no name ever leaves the machine.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * @param host a domain name (never an IP literal: the policy parses those itself)
     * @return all its addresses, at least one
     * @throws UnknownHostException when it has none
     */
    InetAddress[] resolve(String host) throws UnknownHostException;
}
