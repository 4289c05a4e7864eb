package dev.zaiko.platform.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.zaiko.platform.InvalidRequestException;
import org.springframework.stereotype.Component;

/**
 * The one rule for where Zaiko sends requests on the shop's behalf (webhook deliveries,
 * marketplace pushes, any future connector): a plain {@code http} or {@code https} URL, without
 * user-info or fragment, whose host resolves only to public addresses ({@link AddressKind#PUBLIC}).
 * Loopback, private, carrier-grade NAT, link-local, unspecified, multicast and reserved addresses
 * (IPv4-mapped IPv6 forms included) are refused unless {@link OutboundProperties} allows them; a
 * cloud metadata address only when named exactly.
 * <p>
 * Checked twice: when a URL is registered or changed ({@link #requireAllowed}: a 400 naming the
 * field, so nothing is stored), and right before each request ({@link #resolve}), because what a
 * name resolves to can change after it was registered. {@link OutboundHttp} then connects to the
 * addresses this check saw, with no second look-up in between.
 */
@Component
public class OutboundTargets {

    public static final int MAX_URL = 2000;

    private final OutboundProperties properties;
    private final List<Network> networks;
    private final HostResolver resolver;

    public OutboundTargets(OutboundProperties properties, HostResolver resolver) {
        this.properties = properties;
        this.networks = properties.networks();
        this.resolver = resolver;
    }

    /** A host and the addresses it resolved to, every one of them allowed. */
    public record Target(URI url, String host, int port, boolean tls, List<InetAddress> addresses) {
    }

    /**
     * For a URL that is being registered or changed: its shape, and where its host points now. A
     * name that does not resolve (yet) is taken: it is checked again before every request.
     *
     * @param field the request field that holds the URL, named in the refusal
     * @throws InvalidRequestException (400) naming {@code field}; the caller then stores nothing
     */
    public URI requireAllowed(String url, String field) {
        URI uri = parse(url, field);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            return uri;
        }
        for (InetAddress address : addresses) {
            if (!allows(address)) {
                AddressKind kind = AddressKind.of(address);
                throw new InvalidRequestException("forbidden-outbound-target", field + " points to " + kind.words()
                        + " (" + uri.getHost() + "); Zaiko sends requests only to public addresses unless the shop "
                        + "allows others (zaiko.outbound.allow-private-networks, zaiko.outbound.allowed-networks).",
                        Map.of("field", field, "addressKind", kind.name()));
            }
        }
        return uri;
    }

    /**
     * Right before a request: resolves the host once and refuses unless every address is allowed.
     *
     * @throws OutboundRefusedException the URL or an address is not allowed: send nothing
     * @throws UnknownHostException     the host does not resolve
     */
    public Target resolve(URI url) throws OutboundRefusedException, UnknownHostException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null
                || url.getRawUserInfo() != null) {
            throw new OutboundRefusedException("Refused, nothing sent: not an http(s) URL with a host and no "
                    + "user-info", null, null);
        }
        String host = url.getHost();
        InetAddress[] addresses = resolver.resolve(host);
        if (addresses == null || addresses.length == 0) throw new UnknownHostException("No address for the host");
        for (InetAddress address : addresses) {
            if (!allows(address)) {
                AddressKind kind = AddressKind.of(address);
                throw new OutboundRefusedException("Refused, nothing sent: the host resolves to " + kind.words()
                        + ", which the shop does not allow", kind, address);
            }
        }
        boolean tls = scheme.equals("https");
        int port = url.getPort() >= 0 ? url.getPort() : tls ? 443 : 80;
        return new Target(url, host, port, tls, List.of(addresses));
    }

    /** Whether a request may go to this address. */
    public boolean allows(InetAddress address) {
        AddressKind kind = AddressKind.of(address);
        if (kind == AddressKind.PUBLIC) return true;
        if (kind == AddressKind.PRIVATE && properties.allowPrivateNetworks()) return true;
        for (Network network : networks) {
            if (network.contains(address) && (kind != AddressKind.METADATA || network.single())) return true;
        }
        return false;
    }

    /** The URL's shape: absolute http(s), a host, no user-info, no fragment. */
    static URI parse(String url, String field) {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            throw invalid(field, field + " must be an absolute http or https URL of at most " + MAX_URL
                    + " characters.");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid(field, field + " is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getFragment() != null) {
            throw invalid(field, field + " must be an absolute http or https URL with a host and no fragment.");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(field, field + " must not hold a user name or password before the host; a receiver "
                    + "checks the signature (or a token in the query) instead.");
        }
        return uri;
    }

    private static InvalidRequestException invalid(String field, String detail) {
        return new InvalidRequestException("invalid-url", detail, Map.of("field", field));
    }
}
