package dev.zaiko.platform.outbound;

import java.io.IOException;
import java.net.InetAddress;

/**
 * A request Zaiko did not send because its target is not allowed (any more): the host resolves to
 * a loopback, private, link-local, metadata or other non-public address the shop did not allow, or
 * the URL is not plain http(s). The message says why without quoting the URL (whose query may hold
 * a token): it is fit for an endpoint's {@code lastError}.
 */
public class OutboundRefusedException extends IOException {

    private final AddressKind kind;
    private final transient InetAddress address;

    OutboundRefusedException(String message, AddressKind kind, InetAddress address) {
        super(message);
        this.kind = kind;
        this.address = address;
    }

    /** The address refused, for the operator's log; null when the URL itself was refused. */
    public InetAddress address() {
        return address;
    }

    /** What the host resolved to, or null when the URL itself was refused. */
    public AddressKind kind() {
        return kind;
    }
}
