package dev.zaiko.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zaiko.platform.outbound.HostResolver;

/**
 * The test contexts' {@link HostResolver}: a name a test {@link #point}ed resolves to the
 * addresses given, and to what they are changed to later (DNS changing under a registered URL);
 * every other host (literals, {@code localhost}) goes to the system's resolver. Names under
 * {@code .test} (RFC 2606) never reach real DNS, so a request arriving for one proves Zaiko
 * connected to what this resolver answered. Tests that point names {@link #forget} them afterwards:
 * the context is shared.
 */
public final class FakeDns implements HostResolver {

    private final Map<String, InetAddress[]> names = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

    /** From now on {@code name} resolves to these literals. */
    public void point(String name, String... addresses) {
        InetAddress[] resolved = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            try {
                resolved[i] = InetAddress.getByAddress(name, InetAddress.getByName(addresses[i]).getAddress());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("Not a literal address: " + addresses[i], e);
            }
        }
        names.put(key(name), resolved);
    }

    public void forget(String name) {
        names.remove(key(name));
        lookups.remove(key(name));
    }

    /** How often {@code name} was resolved. */
    public int lookups(String name) {
        AtomicInteger n = lookups.get(key(name));
        return n == null ? 0 : n.get();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] pointed = names.get(key(host));
        if (pointed == null) {
            if (key(host).endsWith(".test")) throw new UnknownHostException(host);
            return HostResolver.SYSTEM.resolve(host);
        }
        lookups.computeIfAbsent(key(host), k -> new AtomicInteger()).incrementAndGet();
        return pointed.clone();
    }

    private static String key(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }
}
