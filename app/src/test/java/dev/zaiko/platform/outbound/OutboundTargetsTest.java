package dev.zaiko.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zaiko.platform.InvalidRequestException;
import org.junit.jupiter.api.Test;

/** The outbound rule: which URLs are taken when registered, and what a request is refused right before it goes. */
class OutboundTargetsTest {

    /** Names under .test resolve to what a test says; literals are parsed; anything else is unknown. */
    static final class Names implements HostResolver {
        final Map<String, String[]> names = new ConcurrentHashMap<>();
        final AtomicInteger lookups = new AtomicInteger();

        Names point(String name, String... addresses) {
            names.put(name, addresses);
            return this;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            lookups.incrementAndGet();
            String[] pointed = names.get(host);
            if (pointed == null) {
                if (host.endsWith(".test") || host.endsWith(".invalid")) throw new UnknownHostException(host);
                return InetAddress.getAllByName(host); // a literal: no look-up
            }
            InetAddress[] a = new InetAddress[pointed.length];
            for (int i = 0; i < a.length; i++) a[i] = InetAddress.getByName(pointed[i]);
            return a;
        }
    }

    final Names names = new Names()
            .point("hooks.partner.test", "203.0.114.10")
            .point("intranet.partner.test", "10.20.30.40")
            .point("home.partner.test", "192.168.1.20")
            .point("mixed.partner.test", "203.0.114.10", "127.0.0.1")
            .point("metadata.partner.test", "169.254.169.254");

    OutboundTargets targets(boolean allowPrivate, String... networks) {
        return new OutboundTargets(new OutboundProperties(allowPrivate, List.of(networks)), names);
    }

    static void assertRefused(OutboundTargets targets, String url, AddressKind kind) {
        assertThatThrownBy(() -> targets.requireAllowed(url, "url")).as(url)
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.type()).isEqualTo("forbidden-outbound-target");
                    assertThat(e.properties()).containsEntry("field", "url").containsEntry("addressKind", kind.name());
                    assertThat(e.getMessage()).startsWith("url points to " + kind.words());
                });
    }

    @Test
    void byDefaultLoopbackMetadataPrivateAndOtherNonPublicTargetsAreRefusedNamingTheField() {
        OutboundTargets targets = targets(false);
        assertRefused(targets, "http://127.0.0.1:8080/hook", AddressKind.LOOPBACK);
        assertRefused(targets, "http://localhost/hook", AddressKind.LOOPBACK);
        assertRefused(targets, "http://[::1]/hook", AddressKind.LOOPBACK);
        assertRefused(targets, "http://2130706433/hook", AddressKind.LOOPBACK); // 127.0.0.1 as one number
        assertRefused(targets, "http://[::ffff:127.0.0.1]/hook", AddressKind.LOOPBACK);
        assertRefused(targets, "http://169.254.169.254/latest/meta-data/", AddressKind.METADATA);
        assertRefused(targets, "http://[fd00:ec2::254]/", AddressKind.METADATA);
        assertRefused(targets, "http://[::ffff:169.254.169.254]/", AddressKind.METADATA);
        assertRefused(targets, "http://10.0.0.5/hook", AddressKind.PRIVATE);
        assertRefused(targets, "https://192.168.1.20/hook", AddressKind.PRIVATE);
        assertRefused(targets, "http://172.20.0.1/hook", AddressKind.PRIVATE);
        assertRefused(targets, "http://100.64.1.1/hook", AddressKind.PRIVATE);
        assertRefused(targets, "http://[fd12:3456::1]/hook", AddressKind.PRIVATE);
        assertRefused(targets, "http://169.254.10.1/hook", AddressKind.LINK_LOCAL);
        assertRefused(targets, "http://0.0.0.0:8080/hook", AddressKind.UNSPECIFIED);
        assertRefused(targets, "http://[::]/hook", AddressKind.UNSPECIFIED);
        assertRefused(targets, "http://224.0.0.1/hook", AddressKind.MULTICAST);
        assertRefused(targets, "https://intranet.partner.test/hook", AddressKind.PRIVATE);
        assertRefused(targets, "https://home.partner.test/hook", AddressKind.PRIVATE);
        assertRefused(targets, "https://metadata.partner.test/hook", AddressKind.METADATA);
        assertRefused(targets, "https://mixed.partner.test/hook", AddressKind.LOOPBACK); // one bad address is enough
    }

    @Test
    void publicTargetsAndNamesThatDoNotResolveYetAreTaken() {
        OutboundTargets targets = targets(false);
        assertThat(targets.requireAllowed("https://hooks.partner.test/zaiko?token=t", "url"))
                .isEqualTo(URI.create("https://hooks.partner.test/zaiko?token=t"));
        assertThat(targets.requireAllowed("http://8.8.8.8/x", "url").getHost()).isEqualTo("8.8.8.8");
        assertThat(targets.requireAllowed("https://[2606:4700:4700::1111]/x", "url")).isNotNull();
        // checked again before every request, where not resolving is a failed attempt
        assertThat(targets.requireAllowed("https://not-yet.partner.test/hook", "url")).isNotNull();
    }

    @Test
    void aUrlThatIsNotPlainHttpOrCarriesUserInfoIsRefusedBeforeAnyLookUp() {
        OutboundTargets targets = targets(true, "0.0.0.0/0", "::/0");
        for (String url : List.of("ftp://hooks.partner.test/x", "file:///etc/passwd", "gopher://hooks.partner.test/",
                "/relative", "hooks.partner.test/x", "https://user:password@hooks.partner.test/x",
                "https://user@hooks.partner.test/x", "https://hooks.partner.test/x#part", "http://exa mple.test/",
                "")) {
            assertThatThrownBy(() -> targets.requireAllowed(url, "url")).as(url)
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.type()).isEqualTo("invalid-url");
                        assertThat(e.properties()).containsEntry("field", "url");
                    });
        }
        assertThatThrownBy(() -> targets.requireAllowed("https://hooks.partner.test/" + "x".repeat(2000), "url"))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(names.lookups).hasValue(0);
    }

    @Test
    void allowingPrivateNetworksOpensThePrivateRangesButNotLoopbackLinkLocalOrMetadata() {
        OutboundTargets targets = targets(true);
        assertThat(targets.requireAllowed("http://10.0.0.5/hook", "url")).isNotNull();
        assertThat(targets.requireAllowed("http://192.168.1.20/hook", "url")).isNotNull();
        assertThat(targets.requireAllowed("http://100.64.1.1/hook", "url")).isNotNull();
        assertThat(targets.requireAllowed("http://[fd12:3456::1]/hook", "url")).isNotNull();
        assertThat(targets.requireAllowed("https://intranet.partner.test/hook", "url")).isNotNull();
        assertRefused(targets, "http://127.0.0.1/hook", AddressKind.LOOPBACK);
        assertRefused(targets, "http://169.254.10.1/hook", AddressKind.LINK_LOCAL);
        assertRefused(targets, "http://169.254.169.254/", AddressKind.METADATA);
        assertRefused(targets, "http://[fd00:ec2::254]/", AddressKind.METADATA);
    }

    @Test
    void allowedNetworksOpenWhatTheyContainAndAMetadataAddressOnlyWhenNamedExactly() {
        OutboundTargets loopback = targets(false, "127.0.0.0/8", "::1/128");
        assertThat(loopback.requireAllowed("http://127.0.0.1:9000/hook", "url")).isNotNull();
        assertThat(loopback.requireAllowed("http://127.8.9.10:9000/hook", "url")).isNotNull();
        assertThat(loopback.requireAllowed("http://[::1]:9000/hook", "url")).isNotNull();
        assertThat(loopback.requireAllowed("http://[::ffff:127.0.0.1]:9000/hook", "url")).isNotNull();
        assertRefused(loopback, "http://10.0.0.5/hook", AddressKind.PRIVATE);
        assertRefused(loopback, "http://0.0.0.0/hook", AddressKind.UNSPECIFIED);

        OutboundTargets linkLocal = targets(false, "169.254.0.0/16");
        assertThat(linkLocal.requireAllowed("http://169.254.10.1/hook", "url")).isNotNull();
        assertRefused(linkLocal, "http://169.254.169.254/", AddressKind.METADATA);

        OutboundTargets metadata = targets(false, "169.254.169.254/32");
        assertThat(metadata.requireAllowed("http://169.254.169.254/", "url")).isNotNull();
    }

    @Test
    void aMisspelledAllowedNetworkStopsTheStartInsteadOfAllowingNothingOrEverything() {
        for (String bad : List.of("localhost", "10.0.0.0/33", "10.0.0.0/-1", "::1/129", "10.0.0.0/eight")) {
            assertThatThrownBy(() -> new OutboundProperties(false, List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zaiko.outbound.allowed-networks");
        }
        assertThat(new OutboundProperties(false, List.of(" 10.0.0.0/8 ", "", "::1")).allowedNetworks())
                .containsExactly("10.0.0.0/8", "::1");
    }

    @Test
    void rightBeforeARequestANameThatNowPointsAtAPrivateAddressIsRefusedWithAReasonAndNoUrl() throws Exception {
        OutboundTargets targets = targets(false);
        URI url = URI.create("https://hooks.partner.test/zaiko?token=secret-token");
        assertThat(targets.requireAllowed(url.toString(), "url")).isEqualTo(url);
        OutboundTargets.Target target = targets.resolve(url);
        assertThat(target.addresses()).extracting(InetAddress::getHostAddress).containsExactly("203.0.114.10");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.tls()).isTrue();

        names.point("hooks.partner.test", "10.9.8.7"); // DNS changed after the URL was registered
        int before = names.lookups.get();
        assertThatThrownBy(() -> targets.resolve(url))
                .isInstanceOfSatisfying(OutboundRefusedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AddressKind.PRIVATE);
                    assertThat(e.address().getHostAddress()).isEqualTo("10.9.8.7");
                    assertThat(e.getMessage()).isEqualTo("Refused, nothing sent: the host resolves to a private "
                            + "network address, which the shop does not allow");
                    assertThat(e.getMessage()).doesNotContain("secret-token").doesNotContain("hooks.partner.test");
                });
        assertThat(names.lookups.get() - before).as("one look-up per request").isEqualTo(1);

        assertThatThrownBy(() -> targets.resolve(URI.create("https://nowhere.partner.test/x")))
                .isInstanceOf(UnknownHostException.class);
        assertThatThrownBy(() -> targets.resolve(URI.create("https://user:pw@hooks.partner.test/x")))
                .isInstanceOf(OutboundRefusedException.class);
    }
}
