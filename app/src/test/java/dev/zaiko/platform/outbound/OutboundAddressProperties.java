package dev.zaiko.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * How an address is classified ({@link AddressKind}) and whether the default rule lets a request
 * go there. The oracle for IPv4 is a plain table of networks, independent of the classifier's
 * byte arithmetic; addresses are drawn across the whole space and at the edges of every range.
 */
class OutboundAddressProperties {

    record Range(String cidr, AddressKind kind) {
        Network network() {
            return Network.parse(cidr);
        }
    }

    /** Special IPv4 ranges, most specific first (IANA special-purpose registry and the clouds' metadata). */
    static final List<Range> V4 = List.of(
            new Range("169.254.169.254/32", AddressKind.METADATA),
            new Range("169.254.170.2/32", AddressKind.METADATA),
            new Range("100.100.100.200/32", AddressKind.METADATA),
            new Range("0.0.0.0/8", AddressKind.UNSPECIFIED),
            new Range("10.0.0.0/8", AddressKind.PRIVATE),
            new Range("100.64.0.0/10", AddressKind.PRIVATE),
            new Range("127.0.0.0/8", AddressKind.LOOPBACK),
            new Range("169.254.0.0/16", AddressKind.LINK_LOCAL),
            new Range("172.16.0.0/12", AddressKind.PRIVATE),
            new Range("192.0.0.0/24", AddressKind.RESERVED),
            new Range("192.0.2.0/24", AddressKind.RESERVED),
            new Range("192.88.99.0/24", AddressKind.RESERVED),
            new Range("192.168.0.0/16", AddressKind.PRIVATE),
            new Range("198.18.0.0/15", AddressKind.RESERVED),
            new Range("198.51.100.0/24", AddressKind.RESERVED),
            new Range("203.0.113.0/24", AddressKind.RESERVED),
            new Range("224.0.0.0/4", AddressKind.MULTICAST),
            new Range("255.255.255.255/32", AddressKind.MULTICAST),
            new Range("240.0.0.0/4", AddressKind.RESERVED));

    static AddressKind oracle(byte[] v4) {
        for (Range r : V4) if (r.network().contains(v4)) return r.kind();
        return AddressKind.PUBLIC;
    }

    static byte[] v4(long n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    static byte[] mapped(byte[] v4) {
        byte[] a = new byte[16];
        a[10] = (byte) 0xff;
        a[11] = (byte) 0xff;
        System.arraycopy(v4, 0, a, 12, 4);
        return a;
    }

    static final OutboundTargets DEFAULT = new OutboundTargets(OutboundProperties.defaults(), HostResolver.SYSTEM);
    static final OutboundTargets PRIVATE_ALLOWED = new OutboundTargets(new OutboundProperties(true, List.of()),
            HostResolver.SYSTEM);

    /** Anywhere in IPv4, and on both sides of every range's first and last address. */
    @Provide
    Arbitrary<Long> ipv4() {
        Arbitrary<Long> anywhere = Arbitraries.longs().between(0, 0xffffffffL);
        Arbitrary<Long> edges = Arbitraries.of(V4).flatMap(r -> {
            long first = new BigInteger(1, bytes(r)).longValue();
            long size = 1L << (32 - prefix(r));
            return Arbitraries.of(first - 1, first, first + size - 1, first + size)
                    .filter(n -> n >= 0 && n <= 0xffffffffL);
        });
        return Arbitraries.oneOf(anywhere, edges);
    }

    private static byte[] bytes(Range r) {
        try {
            return InetAddress.getByName(r.cidr().substring(0, r.cidr().indexOf('/'))).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int prefix(Range r) {
        return Integer.parseInt(r.cidr().substring(r.cidr().indexOf('/') + 1));
    }

    @Property(tries = 5000)
    void everyIpv4AddressIsClassifiedAsTheTableOfSpecialRangesSays(@ForAll("ipv4") long n) {
        assertThat(AddressKind.of(v4(n))).as(InetAddressText.of(v4(n))).isEqualTo(oracle(v4(n)));
    }

    @Property(tries = 5000)
    void byDefaultARequestMayGoToAnIpv4AddressExactlyWhenItIsPublic(@ForAll("ipv4") long n) throws Exception {
        InetAddress address = InetAddress.getByAddress(v4(n));
        assertThat(DEFAULT.allows(address)).as(address.toString()).isEqualTo(oracle(v4(n)) == AddressKind.PUBLIC);
    }

    @Property(tries = 3000)
    void allowingPrivateNetworksOpensThePrivateRangesAndNothingElse(@ForAll("ipv4") long n) throws Exception {
        InetAddress address = InetAddress.getByAddress(v4(n));
        AddressKind kind = oracle(v4(n));
        assertThat(PRIVATE_ALLOWED.allows(address)).as(address.toString())
                .isEqualTo(kind == AddressKind.PUBLIC || kind == AddressKind.PRIVATE);
    }

    @Property(tries = 3000)
    void anIpv4AddressWrittenAsIpv6IsJudgedAsTheIpv4AddressItCarries(@ForAll("ipv4") long n) throws Exception {
        byte[] v4 = v4(n);
        AddressKind kind = oracle(v4);
        // mapped (::ffff:a.b.c.d): kept as an Inet6Address, as a resolver other than the JDK's may hand it over
        Inet6Address mapped = Inet6Address.getByAddress(null, mapped(v4), -1);
        assertThat(AddressKind.of(mapped.getAddress())).isEqualTo(kind);
        assertThat(DEFAULT.allows(mapped)).isEqualTo(kind == AddressKind.PUBLIC);
        // NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::): what the gateway would reach
        byte[] nat64 = new byte[16];
        nat64[1] = 0x64;
        nat64[2] = (byte) 0xff;
        nat64[3] = (byte) 0x9b;
        System.arraycopy(v4, 0, nat64, 12, 4);
        assertThat(AddressKind.of(nat64)).isEqualTo(kind);
        byte[] sixToFour = new byte[16];
        sixToFour[0] = 0x20;
        sixToFour[1] = 0x02;
        System.arraycopy(v4, 0, sixToFour, 2, 4);
        assertThat(AddressKind.of(sixToFour)).isEqualTo(kind);
    }

    @Property(tries = 2000)
    void uniqueLocalLinkLocalAndMulticastIpv6AreNeverPublic(@ForAll @Size(16) byte[] random,
                                                          @ForAll @IntRange(min = 0, max = 2) int which) {
        byte[] a = random.clone();
        AddressKind expected;
        switch (which) {
            case 0 -> { // fc00::/7
                a[0] = (byte) (0xfc | (a[0] & 0x01));
                expected = AddressKind.PRIVATE;
            }
            case 1 -> { // fe80::/10
                a[0] = (byte) 0xfe;
                a[1] = (byte) (0x80 | (a[1] & 0x3f));
                expected = AddressKind.LINK_LOCAL;
            }
            default -> { // ff00::/8
                a[0] = (byte) 0xff;
                expected = AddressKind.MULTICAST;
            }
        }
        boolean awsMetadata = InetAddressText.of(a).equals("fd00:ec2:0:0:0:0:0:254");
        assertThat(AddressKind.of(a)).as(InetAddressText.of(a))
                .isEqualTo(awsMetadata ? AddressKind.METADATA : expected);
    }

    @Property(tries = 2000)
    void globalUnicastIpv6OutsideTheSpecialBlocksIsPublic(@ForAll @Size(16) byte[] random) {
        byte[] a = random.clone();
        a[0] = (byte) (0x24 | (a[0] & 0x03)); // 2400::/6: regional registries' allocations, no special block
        assertThat(AddressKind.of(a)).as(InetAddressText.of(a)).isEqualTo(AddressKind.PUBLIC);
    }

    @Property(tries = 3000)
    void aNetworkContainsExactlyTheAddressesThatShareItsPrefix(@ForAll("ipv4") long network,
                                                              @ForAll @IntRange(min = 0, max = 32) int prefix,
                                                              @ForAll("ipv4") long candidate) {
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        Network net = Network.parse(InetAddressText.of(v4(network)) + "/" + prefix);
        assertThat(net.contains(v4(candidate))).isEqualTo((network & mask) == (candidate & mask));
        assertThat(net.contains(v4(network))).isTrue();
        assertThat(net.contains(mapped(v4(candidate)))).as("an IPv4-mapped form is matched as its IPv4 address")
                .isEqualTo((network & mask) == (candidate & mask));
    }

    @Example
    void theAddressesTheSecurityRuleNamesAreClassifiedAsItSays() {
        assertKind("127.0.0.1", AddressKind.LOOPBACK);
        assertKind("::1", AddressKind.LOOPBACK);
        assertKind("169.254.169.254", AddressKind.METADATA);
        assertKind("fd00:ec2::254", AddressKind.METADATA);
        assertKind("169.254.1.1", AddressKind.LINK_LOCAL);
        assertKind("fe80::1", AddressKind.LINK_LOCAL);
        assertKind("10.1.2.3", AddressKind.PRIVATE);
        assertKind("172.16.0.1", AddressKind.PRIVATE);
        assertKind("172.31.255.255", AddressKind.PRIVATE);
        assertKind("192.168.10.20", AddressKind.PRIVATE);
        assertKind("100.64.0.1", AddressKind.PRIVATE);
        assertKind("fd12:3456::1", AddressKind.PRIVATE);
        assertKind("0.0.0.0", AddressKind.UNSPECIFIED);
        assertKind("::", AddressKind.UNSPECIFIED);
        assertKind("224.0.0.251", AddressKind.MULTICAST);
        assertKind("ff02::1", AddressKind.MULTICAST);
        assertKind("255.255.255.255", AddressKind.MULTICAST);
        assertKind("::ffff:127.0.0.1", AddressKind.LOOPBACK);
        assertKind("::ffff:169.254.169.254", AddressKind.METADATA);
        assertKind("::ffff:10.0.0.1", AddressKind.PRIVATE);
        assertKind("::127.0.0.1", AddressKind.LOOPBACK);
        assertKind("64:ff9b::10.0.0.1", AddressKind.PRIVATE);
        assertKind("2002:a9fe:a9fe::", AddressKind.METADATA);
        assertKind("2001:db8::1", AddressKind.RESERVED);
        assertKind("2001::1", AddressKind.RESERVED);
        assertKind("172.15.255.255", AddressKind.PUBLIC);
        assertKind("172.32.0.0", AddressKind.PUBLIC);
        assertKind("100.63.255.255", AddressKind.PUBLIC);
        assertKind("100.128.0.0", AddressKind.PUBLIC);
        assertKind("8.8.8.8", AddressKind.PUBLIC);
        assertKind("2606:4700:4700::1111", AddressKind.PUBLIC);
        assertKind("64:ff9b::8.8.8.8", AddressKind.PUBLIC);
    }

    static void assertKind(String literal, AddressKind kind) {
        try {
            assertThat(AddressKind.of(InetAddress.getByName(literal))).as(literal).isEqualTo(kind);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** An address's text, for assertion messages. */
    static final class InetAddressText {
        static String of(byte[] a) {
            try {
                return InetAddress.getByAddress(a).getHostAddress();
            } catch (UnknownHostException e) {
                return "?";
            }
        }
    }
}
