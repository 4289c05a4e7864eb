package dev.zaiko.platform.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IP network in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}); a bare address is a
 * network of that one address. An IPv4-mapped IPv6 address is matched as its IPv4 address.
 */
public final class Network {

    /** Digits, hex digits, dots and colons only: a literal, never a name to look up. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f.:]+");

    private final byte[] address;
    private final int prefix;
    private final String text;

    private Network(byte[] address, int prefix, String text) {
        this.address = address;
        this.prefix = prefix;
        this.text = text;
    }

    /** @throws IllegalArgumentException when {@code cidr} is not an address with an optional {@code /prefix} */
    public static Network parse(String cidr) {
        String s = cidr == null ? "" : cidr.strip();
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        if (!LITERAL.matcher(host).matches()) {
            throw new IllegalArgumentException("Not an IP network: '" + cidr + "' (e.g. 10.0.0.0/8 or fd00::/8)");
        }
        byte[] address;
        try {
            address = AddressKind.canonical(InetAddress.getByName(host).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP network: '" + cidr + "' (e.g. 10.0.0.0/8 or fd00::/8)");
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("Not an IP network: '" + cidr + "' (the prefix must be 0 to "
                        + bits + ")");
            }
        }
        return new Network(address, prefix, s);
    }

    public boolean contains(InetAddress candidate) {
        return contains(candidate.getAddress());
    }

    boolean contains(byte[] candidate) {
        byte[] a = AddressKind.canonical(candidate);
        if (a.length != address.length) return false;
        int full = prefix / 8;
        for (int i = 0; i < full; i++) if (a[i] != address[i]) return false;
        int rest = prefix % 8;
        if (rest == 0) return true;
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (address[full] & mask);
    }

    /** One address exactly (a /32 or /128). */
    public boolean single() {
        return prefix == address.length * 8;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network n && n.prefix == prefix && Arrays.equals(n.address, address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
