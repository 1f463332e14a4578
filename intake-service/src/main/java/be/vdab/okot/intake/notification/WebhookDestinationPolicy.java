package be.vdab.okot.intake.notification;

import com.google.common.net.InetAddresses;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether intake-service may push notifications to an OCMW's webhook URL, so that the webhook
 * cannot be used to reach the platform's own services or any other non-public network (SSRF).
 * <p>
 * A URL is accepted only when it is an absolute {@code https} URL ({@code http} too when
 * {@code okot.ocmw.webhook.require-https=false}) without credentials or fragment, with a port in 1–65535,
 * whose host is a domain name or a canonical IP literal, and whose host resolves to public addresses
 * only: <em>every</em> address it has is checked, and one non-public address refuses the URL. Non-public
 * is the table {@link #NON_PUBLIC} (after the IANA special-purpose registries, RFC 6890: loopback,
 * private, CGNAT, link-local and cloud metadata, multicast, unspecified, reserved, documentation, unique
 * local IPv6) plus the IPv4 address that IPv4-mapped, 6to4 and NAT64 (64:ff9b::/96) IPv6 addresses
 * carry, which is checked as an IPv4 address (Teredo and IPv4-compatible forms are refused whole).
 * {@code localhost} and {@code *.localhost} are loopback by name (RFC 6761), whatever a resolver says.
 * <p>
 * Hosts that browsers and curl read as an IPv4 address but {@link InetAddress} and {@link URI} read
 * otherwise (or the other way round) are refused by form: when the last label of the host is a number
 * (decimal, or hex with {@code 0x}: the WHATWG URL "ends in a number" rule), the host must be a canonical
 * dotted quad; so {@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1}, {@code 127.1} and
 * {@code 127.0.0.1.} are refused before any resolution.
 * <p>
 * {@code okot.ocmw.webhook.allowed-networks} (CIDR blocks, default none) lets addresses in those blocks
 * through even though they are not public: the local run and the tests allow loopback there; production
 * allows nothing. Used at registration and again at each delivery, on the address the delivery then
 * connects to ({@link Destination#address()}), so a name that resolves elsewhere later (DNS rebinding) is
 * refused too.
 */
@Singleton
public class WebhookDestinationPolicy {

    /** The message of every refusal that depends on resolution: says nothing of what the name resolves to. */
    public static final String NOT_PUBLIC = "must resolve to public addresses only";

    /**
     * Addresses that are not reachable on the public internet or are the platform's own surroundings.
     * IPv4 from the IANA IPv4 special-purpose address registry; IPv6 outside global unicast 2000::/3 is
     * refused as a whole (loopback, unspecified, IPv4-compatible, unique local fc00::/7, link-local
     * fe80::/10, site-local, multicast ff00::/8, discard), and inside it documentation and ORCHID blocks.
     */
    static final List<NetworkRange> NON_PUBLIC = ranges(
            "0.0.0.0/8",          // "this network", 0.0.0.0 unspecified
            "10.0.0.0/8",         // private
            "100.64.0.0/10",      // carrier-grade NAT
            "127.0.0.0/8",        // loopback
            "169.254.0.0/16",     // link-local, cloud metadata 169.254.169.254
            "172.16.0.0/12",      // private
            "192.0.0.0/24",       // IETF protocol assignments
            "192.0.2.0/24",       // documentation TEST-NET-1
            "192.88.99.0/24",     // 6to4 relay anycast
            "192.168.0.0/16",     // private
            "198.18.0.0/15",      // benchmarking
            "198.51.100.0/24",    // documentation TEST-NET-2
            "203.0.113.0/24",     // documentation TEST-NET-3
            "224.0.0.0/4",        // multicast
            "240.0.0.0/4",        // reserved, and 255.255.255.255 broadcast
            "2001::/23",          // IETF protocol assignments: Teredo 2001::/32, ORCHID, benchmarking
            "2001:db8::/32");     // documentation

    private static final NetworkRange GLOBAL_UNICAST_V6 = NetworkRange.parse("2000::/3");
    private static final NetworkRange NAT64_WELL_KNOWN = NetworkRange.parse("64:ff9b::/96");
    private static final Pattern ENDS_IN_A_NUMBER = Pattern.compile("(?i)(?:[0-9]+|0x[0-9a-f]*)");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(?:0|[1-9][0-9]{0,2})(?:\\.(?:0|[1-9][0-9]{0,2})){3}");
    private static final InetAddress[] LOOPBACK = {
            InetAddresses.forString("127.0.0.1"), InetAddresses.forString("::1")};

    /** Where a delivery goes: the URL's parts and the one checked address to connect to. */
    public record Destination(URI uri, boolean https, String host, int port, String pathAndQuery, InetAddress address) {
    }

    /** A URL that is refused; {@link #getMessage()} is fit for the API (names no address, port or resolver). */
    public static class RefusedDestination extends Exception {
        public RefusedDestination(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean requireHttps;
    private final List<NetworkRange> allowedNetworks;
    private final HostResolver resolver;

    /**
     * @param requireHttps    {@code okot.ocmw.webhook.require-https}: refuse plain http
     * @param allowedNetworks {@code okot.ocmw.webhook.allowed-networks}: CIDR blocks let through although not public
     * @param resolver        names to addresses
     * @throws IllegalArgumentException at start-up when an allowed network is not a CIDR block
     */
    @Inject
    public WebhookDestinationPolicy(
            @ConfigProperty(name = "okot.ocmw.webhook.require-https", defaultValue = "true") boolean requireHttps,
            @ConfigProperty(name = "okot.ocmw.webhook.allowed-networks") Optional<List<String>> allowedNetworks,
            HostResolver resolver) {
        this.requireHttps = requireHttps;
        this.allowedNetworks = allowedNetworks.orElse(List.of()).stream().filter(cidr -> !cidr.isBlank())
                .map(NetworkRange::parse).toList();
        this.resolver = resolver;
    }

    /**
     * Checks the URL and resolves its host once.
     *
     * @return where to connect: the first of the host's addresses, all of which passed
     * @throws RefusedDestination with a message for the {@code url} field when the URL must not be used
     */
    public Destination check(String url) throws RefusedDestination {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new RefusedDestination("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new RefusedDestination(requireHttps ? "must be an absolute https URL" : "must be an absolute http(s) URL");
        }
        if (requireHttps && !scheme.equals("https")) {
            throw new RefusedDestination("must use https");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedDestination("must not contain credentials; the secret signs the notifications");
        }
        if (uri.getRawFragment() != null) {
            throw new RefusedDestination("must not have a fragment");
        }
        if (uri.getHost() == null) {
            throw new RefusedDestination("must name a host");
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new RefusedDestination("must have a port between 1 and 65535");
        }
        String host = uri.getHost();
        InetAddress[] addresses = addresses(host);
        for (InetAddress address : addresses) {
            if (!allowed(address)) {
                throw new RefusedDestination(NOT_PUBLIC);
            }
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return new Destination(uri, https, name, port, pathAndQuery, addresses[0]);
    }

    /** The host's addresses: an IP literal as it stands, a name through the resolver; refused forms first. */
    private InetAddress[] addresses(String host) throws RefusedDestination {
        if (host.startsWith("[")) {
            if (host.indexOf('%') >= 0) {
                throw new RefusedDestination("must not name a network interface");
            }
            try {
                return new InetAddress[]{InetAddresses.forUriString(host)};
            } catch (IllegalArgumentException e) {
                throw new RefusedDestination("must name its host by a domain name or a canonical IP address");
            }
        }
        String[] labels = host.split("\\.", -1);
        String last = labels[labels.length - 1].isEmpty() && labels.length > 1 ? labels[labels.length - 2] : labels[labels.length - 1];
        if (ENDS_IN_A_NUMBER.matcher(last).matches()) {
            if (!DOTTED_QUAD.matcher(host).matches() || !InetAddresses.isInetAddress(host)) {
                throw new RefusedDestination("must name its host by a domain name or a canonical IP address");
            }
            return new InetAddress[]{InetAddresses.forString(host)};
        }
        String name = host.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return LOOPBACK.clone();
        }
        try {
            InetAddress[] resolved = resolver.resolve(name);
            if (resolved == null || resolved.length == 0) {
                throw new RefusedDestination(NOT_PUBLIC);
            }
            return Arrays.copyOf(resolved, resolved.length);
        } catch (UnknownHostException | SecurityException e) {
            throw new RefusedDestination(NOT_PUBLIC);
        }
    }

    /** In an allowed network, or public (the IPv4 address embedded in an IPv6 one checked as well). */
    boolean allowed(InetAddress address) {
        if (allowedNetworks.stream().anyMatch(range -> range.contains(address))) {
            return true;
        }
        if (address instanceof Inet4Address) {
            return isPublic(address);
        }
        Inet6Address v6 = (Inet6Address) address;
        byte[] bytes = v6.getAddress();
        if (NAT64_WELL_KNOWN.contains(v6) || isMappedV4(bytes)) {
            return allowed(lastFourBytes(bytes));
        }
        if (InetAddresses.is6to4Address(v6)) {
            return allowed(InetAddresses.get6to4IPv4Address(v6));
        }
        // Teredo (2001::/32) and IPv4-compatible (::a.b.c.d) are refused whole: in 2001::/23, outside 2000::/3
        return GLOBAL_UNICAST_V6.contains(v6) && isPublic(v6);
    }

    private static boolean isPublic(InetAddress address) {
        return NON_PUBLIC.stream().noneMatch(range -> range.contains(address)) && !address.isAnyLocalAddress()
                && !address.isLoopbackAddress() && !address.isLinkLocalAddress() && !address.isSiteLocalAddress()
                && !address.isMulticastAddress();
    }

    /** ::ffff:a.b.c.d (the JDK turns most into an Inet4Address already; not one built by hand). */
    private static boolean isMappedV4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }

    private static InetAddress lastFourBytes(byte[] bytes) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an IPv4 address
        }
    }

    private static List<NetworkRange> ranges(String... cidrs) {
        return Arrays.stream(cidrs).map(NetworkRange::parse).toList();
    }
}
