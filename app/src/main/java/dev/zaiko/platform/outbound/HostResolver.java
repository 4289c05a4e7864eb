package dev.zaiko.platform.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a URL's host (a name, an IPv4 literal or a bracketed IPv6 literal) into addresses. The
 * only DNS look-up of an outbound request: {@link OutboundHttp} connects to what this returned and
 * {@link OutboundTargets} checked. Tests replace the bean to make a name point anywhere.
 */
@FunctionalInterface
public interface HostResolver {

    /** The system's resolver; literals are parsed, not looked up. */
    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
