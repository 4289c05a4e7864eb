package dev.zaiko.platform.outbound;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Zaiko may send requests on the shop's behalf (webhooks, marketplace adapters, future
 * connectors). By default only public addresses: see {@link OutboundTargets} and docs/security.md.
 *
 * @param allowPrivateNetworks allow the private ranges (10/8, 172.16/12, 192.168/16, 100.64/10,
 *                             fc00::/7): for a receiver inside the shop's own network (default false)
 * @param allowedNetworks      further networks allowed whatever they are, in CIDR notation, e.g.
 *                             {@code 127.0.0.0/8,::1/128} for receivers on this machine (default none).
 *                             A cloud metadata address is allowed only by naming it exactly (a /32 or /128)
 */
@ConfigurationProperties("zaiko.outbound")
public record OutboundProperties(boolean allowPrivateNetworks, List<String> allowedNetworks) {

    public OutboundProperties {
        allowedNetworks = allowedNetworks == null ? List.of()
                : allowedNetworks.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
        for (String network : allowedNetworks) {
            try {
                Network.parse(network);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("zaiko.outbound.allowed-networks: " + e.getMessage());
            }
        }
    }

    /** Public addresses only. */
    public static OutboundProperties defaults() {
        return new OutboundProperties(false, List.of());
    }

    List<Network> networks() {
        return allowedNetworks.stream().map(Network::parse).toList();
    }
}
