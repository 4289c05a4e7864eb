package dev.zaiko.platform.outbound;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Sends one HTTP/1.1 POST to a target {@link OutboundTargets} allowed, over Apache HttpClient 5
 * with one pool of keep-alive connections for the whole application.
 * <p>
 * <b>The address connected to is the address checked.</b> Each request first calls
 * {@link OutboundTargets#resolve} (the only DNS look-up, through {@link HostResolver}); if that
 * refuses, nothing is sent. The pool's {@link DnsResolver} does not look anything up: it hands the
 * connection manager exactly the addresses that check returned (passed on the calling thread, on
 * which the classic client connects), so a name cannot switch to a forbidden address between check
 * and connection (DNS rebinding).
 * <p>
 * <b>A pooled connection is reused only for the same checked addresses.</b> The pool keys idle
 * connections by route (scheme, host name, port) and by a state object; every request sets that
 * state (the client's "user token") to the sorted list of addresses its check allowed, and the pool
 * hands a request only an idle connection whose state is equal. A reused connection therefore goes
 * to one of the addresses this request's own check allowed, for the host name its TLS session was
 * verified for; when the name moves, the next request opens a new connection, and when it moves to
 * a forbidden address the request is refused before the pool is asked. Idle connections are closed
 * after {@link #IDLE}, and none lives longer than {@link #LIFETIME}.
 * <p>
 * For {@code https} the certificate is verified against the URL's host name by the JVM's endpoint
 * identification (the client's default, SNI set from the URL's host). Redirects are never followed
 * (a 3xx is just the answer), nor are authentication challenges, cookies or retries: the caller has
 * its own retry schedule. An answer's body of at most {@link #MAX_DRAINED} bytes is read and
 * dropped so that the connection can be reused; a longer or open-ended one closes the connection.
 * <p>
 * Exceptions never quote the URL: its query may hold the receiver's token.
 */
@Component
public class OutboundHttp implements AutoCloseable {

    /** How long a connection may stay idle in the pool. */
    static final TimeValue IDLE = TimeValue.ofSeconds(30);
    /** How long a connection lives at most, however busy. */
    static final TimeValue LIFETIME = TimeValue.ofMinutes(5);
    /** The longest answer body read to keep its connection; a longer one closes it. */
    static final int MAX_DRAINED = 64 * 1024;

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]+");
    /** Set by the client from the URL and body; a caller's value would contradict them. */
    private static final Set<String> OWN_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", "upgrade", "te", "expect", "keep-alive", "trailer");

    private final OutboundTargets targets;
    /** The check of the request this thread is sending, for {@link CheckedAddresses}. */
    private final ThreadLocal<OutboundTargets.Target> checked = new ThreadLocal<>();
    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient client;
    private final RequestConfig defaults;
    /** Cancels an exchange that outlives its timeout (a slow TLS handshake or a dribbled answer). */
    private final ScheduledThreadPoolExecutor deadlines;

    @Autowired
    public OutboundHttp(OutboundTargets targets) {
        this(targets, null);
    }

    /** @param tls the TLS context to use (a test's trust store), null for the JVM's default */
    public OutboundHttp(OutboundTargets targets, SSLContext tls) {
        this.targets = targets;
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new CheckedAddresses())
                .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls != null ? tls : jvmDefault()))
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .setTimeToLive(LIFETIME)
                        .build())
                .setMaxConnTotal(100)
                .setMaxConnPerRoute(20)
                .build();
        this.defaults = RequestConfig.custom()
                .setRedirectsEnabled(false)
                .setAuthenticationEnabled(false)
                .setProtocolUpgradeEnabled(false)
                .setContentCompressionEnabled(false)
                .setConnectionKeepAlive(IDLE)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(defaults)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("Zaiko")
                .build();
        this.deadlines = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "outbound-deadlines");
            t.setDaemon(true);
            return t;
        });
        deadlines.setRemoveOnCancelPolicy(true);
        deadlines.setKeepAliveTime(30, TimeUnit.SECONDS);
        deadlines.allowCoreThreadTimeOut(true); // no thread while nothing is being sent
    }

    /** An answer's status and headers (the first value of each, by case-insensitive name). */
    public record Response(int status, Map<String, String> headers) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    /**
     * @param headers        request headers; Host, Content-Length and the connection's headers are
     *                       the client's, and a caller's are refused
     * @param connectTimeout for each address tried
     * @param timeout        the whole exchange, from the look-up to the answer's headers
     * @throws OutboundRefusedException the target is not allowed (now): nothing was sent
     * @throws SocketTimeoutException   no connection or no answer in time
     * @throws IllegalArgumentException a header that would break the request: nothing was sent
     */
    public Response post(URI url, Map<String, String> headers, byte[] body, Duration connectTimeout, Duration timeout)
            throws IOException {
        Exchange answer = send("POST", url, headers, body, connectTimeout, timeout, -1);
        return new Response(answer.status(), answer.headers());
    }

    /** An answer with its body (a platform's API reply), read to its end. */
    public record Exchange(int status, Map<String, String> headers, byte[] body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * Any method (GET, POST, PUT, PATCH, DELETE) to an allowed target, with the same checks, pool and
     * timeouts as {@link #post}, and the answer's body read, up to {@code maxBody} bytes: a longer
     * answer is an {@link IOException} (the connection is closed), so a platform cannot make Zaiko
     * hold an unbounded reply.
     *
     * @param body    null for none (GET, DELETE)
     * @param maxBody the longest body accepted
     */
    public Exchange exchange(String method, URI url, Map<String, String> headers, byte[] body, Duration connectTimeout,
                             Duration timeout, int maxBody) throws IOException {
        if (maxBody < 0) throw new IllegalArgumentException("maxBody must be 0 or more");
        return send(method, url, headers, body, connectTimeout, timeout, maxBody);
    }

    /** @param maxBody the body to read and return, or -1: drain and drop it */
    private Exchange send(String method, URI url, Map<String, String> headers, byte[] body, Duration connectTimeout,
                          Duration timeout, int maxBody) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpUriRequestBase request = request(method, url, headers, body);
        OutboundTargets.Target target = targets.resolve(url); // the one look-up; a refusal sends nothing
        pool.closeExpired();
        pool.closeIdle(IDLE);

        long left = remaining(deadline);
        HttpClientContext context = HttpClientContext.create();
        context.setUserToken(poolKey(target));
        context.setRequestConfig(config(Math.min(connectTimeout.toMillis(), left), left));
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> watchdog = deadlines.schedule(() -> {
            late.set(true);
            request.cancel();
        }, left, TimeUnit.MILLISECONDS);
        checked.set(target);
        try {
            ClassicHttpResponse response = client.executeOpen(null, request, context);
            Response answer = answer(response);
            if (maxBody < 0) {
                release(response);
                return new Exchange(answer.status(), answer.headers(), new byte[0]);
            }
            try (response) {
                return new Exchange(answer.status(), answer.headers(), read(response.getEntity(), maxBody));
            }
        } catch (IOException e) {
            if (late.get()) throw timedOut(e);
            throw plain(e);
        } finally {
            checked.remove();
            watchdog.cancel(false);
        }
    }

    @SuppressWarnings("deprecation") // the per-request connect timeout; the pool's default is per route
    private RequestConfig config(long connectMillis, long leftMillis) {
        return RequestConfig.copy(defaults)
                .setConnectTimeout(Timeout.ofMilliseconds(connectMillis))
                .setConnectionRequestTimeout(Timeout.ofMilliseconds(leftMillis))
                .setResponseTimeout(Timeout.ofMilliseconds(leftMillis))
                .build();
    }

    /** Reads the whole body, refusing one longer than {@code max} bytes. */
    private static byte[] read(HttpEntity entity, int max) throws IOException {
        if (entity == null) return new byte[0];
        if (entity.getContentLength() > max) throw new IOException("The answer is longer than " + max + " bytes");
        try (java.io.InputStream in = entity.getContent()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) throw new IOException("The answer is longer than " + max + " bytes");
            return bytes;
        }
    }

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private static HttpUriRequestBase request(String method, URI url, Map<String, String> headers, byte[] body) {
        if (!METHODS.contains(method)) throw new IllegalArgumentException("Unsupported method " + method);
        HttpUriRequestBase post = new HttpUriRequestBase(method, url);
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches() || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0
                    || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("A header name or value that would break the request");
            }
            if (OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("A header the client sets itself: " + name);
            }
            post.addHeader(name, value);
        });
        if (body != null) {
            post.setEntity(new ByteArrayEntity(body, null)); // Content-Type, if any, is among the headers
        }
        return post;
    }

    /**
     * What the pool keys a connection by, besides its route: the addresses the check allowed, in
     * order. Equal only for a check that allowed the same addresses.
     */
    static String poolKey(OutboundTargets.Target target) {
        return target.addresses().stream().map(InetAddress::getHostAddress).distinct().sorted()
                .reduce((a, b) -> a + "," + b).orElse("");
    }

    private static Response answer(ClassicHttpResponse response) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : response.getHeaders()) headers.putIfAbsent(header.getName(), header.getValue());
        return new Response(response.getCode(), Collections.unmodifiableMap(headers));
    }

    /**
     * Reads a short body to its end, which returns the connection to the pool; closes the connection
     * of a long or open-ended one rather than wait for it. The answer is known either way.
     */
    private static void release(ClassicHttpResponse response) {
        HttpEntity entity = response.getEntity();
        long length = entity == null ? 0 : entity.getContentLength();
        if (length >= 0 && length <= MAX_DRAINED) {
            try {
                EntityUtils.consume(entity);
                response.close();
                return;
            } catch (IOException e) {
                // the connection is discarded below
            }
        }
        if (response instanceof CloseableHttpResponse closeable) {
            closeable.close(CloseMode.IMMEDIATE);
        } else {
            try {
                response.close();
            } catch (IOException e) {
                // nothing to keep
            }
        }
    }

    /** Milliseconds left, at least 1; none left is a timeout before anything was sent. */
    private static long remaining(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) throw new SocketTimeoutException("No answer in time");
        return left;
    }

    private static SocketTimeoutException timedOut(IOException cause) {
        SocketTimeoutException e = new SocketTimeoutException("No answer in time");
        e.initCause(cause);
        return e;
    }

    /** The client's connection failures name the host and port; these say what happened only. */
    private static IOException plain(IOException e) {
        if (e instanceof ConnectTimeoutException) {
            SocketTimeoutException t = new SocketTimeoutException("Connect timed out");
            t.initCause(e);
            return t;
        }
        if (e instanceof SocketTimeoutException) return timedOut(e);
        if (e instanceof ConnectException) {
            ConnectException c = new ConnectException("Could not connect");
            c.initCause(e);
            return c;
        }
        return e;
    }

    private static SSLContext jvmDefault() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no default TLS context", e);
        }
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
        deadlines.shutdownNow();
    }

    /**
     * The pool's resolver: the addresses the current request's check allowed, for that check's host
     * only. Anything else (no check on this thread, another host) is not connected to.
     */
    private final class CheckedAddresses implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            OutboundTargets.Target target = checked.get();
            if (target == null || !bare(host).equalsIgnoreCase(bare(target.host()))) {
                throw new UnknownHostException("Not the host that was checked");
            }
            List<InetAddress> addresses = target.addresses();
            return addresses.toArray(new InetAddress[0]);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }

        private static String bare(String host) {
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        }
    }
}
