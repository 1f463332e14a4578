package be.vdab.okot.intake.notification;

import com.google.common.net.InetAddresses;

import java.net.InetAddress;

/**
 * A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}, or a single address, which
 * is its own /32 or /128). An IPv4 range never contains an IPv6 address and the other way round: IPv6 forms
 * that embed an IPv4 address are unpacked by {@link WebhookDestinationPolicy} before they are compared.
 */
public record NetworkRange(String cidr, byte[] network, int prefixLength) {

    /**
     * @param cidr an IPv4 or IPv6 address in canonical text (Guava {@link InetAddresses#forString}: no octal,
     *             hex or short IPv4 forms), optionally followed by {@code /prefix-length}
     * @throws IllegalArgumentException when it is not such a text or the prefix is longer than the address
     */
    public static NetworkRange parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        InetAddress address = InetAddresses.forString(slash < 0 ? text : text.substring(0, slash));
        byte[] bytes = address.getAddress();
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR block: " + cidr);
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix length out of range: " + cidr);
        }
        return new NetworkRange(text, bytes, prefix);
    }

    /** Whether the address lies in this block (same family, same first {@code prefixLength} bits). */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public String toString() {
        return cidr;
    }
}
