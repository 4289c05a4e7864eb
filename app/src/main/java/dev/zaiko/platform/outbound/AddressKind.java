package dev.zaiko.platform.outbound;

import java.net.InetAddress;

/**
 * What an IP address reaches, for deciding whether Zaiko may send a request there. Everything
 * but {@link #PUBLIC} is refused unless the shop allows it ({@link OutboundTargets}).
 * <p>
 * IPv6 forms that carry an IPv4 address are judged by that address: IPv4-mapped
 * ({@code ::ffff:10.0.0.1}), IPv4-compatible ({@code ::10.0.0.1}), NAT64 ({@code 64:ff9b::a00:1})
 * and 6to4 ({@code 2002:a00:1::}); so {@code [::ffff:127.0.0.1]} is loopback, not a way around it.
 */
public enum AddressKind {

    PUBLIC("a public address"),
    LOOPBACK("a loopback address"),
    /** 10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT), fc00::/7, fec0::/10 and NAT64 local use. */
    PRIVATE("a private network address"),
    LINK_LOCAL("a link-local address"),
    /** The clouds' instance metadata services (169.254.169.254, fd00:ec2::254, …): credentials live there. */
    METADATA("a cloud metadata address"),
    UNSPECIFIED("an unspecified address"),
    MULTICAST("a multicast or broadcast address"),
    /** Documentation, benchmarking, future-use and other special-purpose ranges. */
    RESERVED("a reserved address");

    private final String words;

    AddressKind(String words) {
        this.words = words;
    }

    /** "a private network address", for a refusal's text. */
    public String words() {
        return words;
    }

    public static AddressKind of(InetAddress address) {
        return of(address.getAddress());
    }

    /** @param a 4 (IPv4) or 16 (IPv6) bytes in network order */
    public static AddressKind of(byte[] a) {
        if (a.length == 4) return ofV4(a);
        if (a.length != 16) throw new IllegalArgumentException("Not an IP address: " + a.length + " bytes");
        return ofV6(a);
    }

    /** The IPv4 address inside an IPv4-mapped IPv6 address, else the address as it is. */
    static byte[] canonical(byte[] a) {
        if (a.length == 16 && zeros(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
            return new byte[] {a[12], a[13], a[14], a[15]};
        }
        return a;
    }

    private static AddressKind ofV4(byte[] a) {
        int b0 = a[0] & 0xff, b1 = a[1] & 0xff, b2 = a[2] & 0xff, b3 = a[3] & 0xff;
        if (b0 == 0) return UNSPECIFIED; // 0.0.0.0/8, "this network": reaches the host itself on Linux
        if (b0 == 127) return LOOPBACK;
        if (b0 == 169 && b1 == 254) {
            if ((b2 == 169 && b3 == 254) || (b2 == 170 && b3 == 2)) return METADATA; // clouds; AWS ECS tasks
            return LINK_LOCAL;
        }
        if (b0 == 100 && b1 == 100 && b2 == 100 && b3 == 200) return METADATA; // Alibaba Cloud
        if (b0 == 10) return PRIVATE;
        if (b0 == 172 && (b1 & 0xf0) == 16) return PRIVATE;
        if (b0 == 192 && b1 == 168) return PRIVATE;
        if (b0 == 100 && (b1 & 0xc0) == 64) return PRIVATE; // 100.64/10, carrier-grade NAT
        if (b0 >= 224 && b0 <= 239) return MULTICAST;
        if (b0 == 255 && b1 == 255 && b2 == 255 && b3 == 255) return MULTICAST; // limited broadcast
        if (b0 >= 240) return RESERVED;
        if (b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2)) return RESERVED; // IETF protocol assignments; TEST-NET-1
        if (b0 == 192 && b1 == 88 && b2 == 99) return RESERVED;              // 6to4 relay anycast (deprecated)
        if (b0 == 198 && (b1 & 0xfe) == 18) return RESERVED;                 // 198.18/15 benchmarking
        if (b0 == 198 && b1 == 51 && b2 == 100) return RESERVED;             // TEST-NET-2
        if (b0 == 203 && b1 == 0 && b2 == 113) return RESERVED;              // TEST-NET-3
        return PUBLIC;
    }

    private static AddressKind ofV6(byte[] a) {
        if (zeros(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
            return ofV4(canonical(a)); // ::ffff:a.b.c.d
        }
        if (zeros(a, 0, 15)) {
            if (a[15] == 0) return UNSPECIFIED;
            if (a[15] == 1) return LOOPBACK;
        }
        if (zeros(a, 0, 12)) return embedded(a, 12, RESERVED); // ::a.b.c.d, deprecated
        int w0 = word(a, 0), w1 = word(a, 1);
        if (w0 == 0x64 && w1 == 0xff9b) {
            if (zeros(a, 4, 12)) return embedded(a, 12, PUBLIC); // NAT64 well-known prefix
            if (word(a, 2) == 1) return PRIVATE;                  // 64:ff9b:1::/48, NAT64 local use
            return RESERVED;
        }
        if (w0 == 0x2002) return embedded(a, 2, PUBLIC); // 6to4
        if (w0 == 0xfd00 && w1 == 0x0ec2 && zeros(a, 4, 14) && word(a, 7) == 0x254) return METADATA; // AWS
        if ((a[0] & 0xfe) == 0xfc) return PRIVATE;                   // fc00::/7 unique local
        if ((a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0x80) return LINK_LOCAL; // fe80::/10
        if ((a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0xc0) return PRIVATE;    // fec0::/10 site-local (deprecated)
        if ((a[0] & 0xff) == 0xff) return MULTICAST;
        if (w0 == 0x2001 && (w1 & 0xfe00) == 0) return RESERVED;   // 2001::/23 IETF (Teredo, benchmarking, ORCHID)
        if (w0 == 0x2001 && w1 == 0x0db8) return RESERVED;         // documentation
        if (w0 == 0x3fff && (w1 & 0xf000) == 0) return RESERVED;   // 3fff::/20 documentation
        if ((a[0] & 0xe0) != 0x20) return RESERVED;               // outside 2000::/3, global unicast
        return PUBLIC;
    }

    /** The kind of the IPv4 address at {@code from}; a public one counts as {@code whenPublic}. */
    private static AddressKind embedded(byte[] a, int from, AddressKind whenPublic) {
        AddressKind kind = ofV4(new byte[] {a[from], a[from + 1], a[from + 2], a[from + 3]});
        return kind == PUBLIC ? whenPublic : kind;
    }

    private static int word(byte[] a, int i) {
        return ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }

    private static boolean zeros(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) if (a[i] != 0) return false;
        return true;
    }
}
