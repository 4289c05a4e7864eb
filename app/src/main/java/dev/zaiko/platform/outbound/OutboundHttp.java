package dev.zaiko.platform.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Sends one HTTP/1.1 POST to a target {@link OutboundTargets} allowed, connecting to the very
 * addresses that check resolved: there is no second DNS look-up between the check and the
 * connection, so a name cannot switch to a forbidden address in between (DNS rebinding). For
 * {@code https}, TLS is verified against the URL's host name (SNI and certificate host name check),
 * as any client would. Redirects are never followed (a 3xx is just the answer), the answer's body
 * is not read, and one connection carries one request ({@code Connection: close}).
 * <p>
 * Exceptions never quote the URL: its query may hold the receiver's token.
 */
@Component
public class OutboundHttp {

    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    private final OutboundTargets targets;
    private final SSLSocketFactory tls;

    @Autowired
    public OutboundHttp(OutboundTargets targets) {
        this(targets, null);
    }

    /** @param tls the TLS sockets to use (a test's trust store), null for the JVM's default */
    public OutboundHttp(OutboundTargets targets, SSLSocketFactory tls) {
        this.targets = targets;
        this.tls = tls;
    }

    /** An answer's status and headers (the first value of each, by case-insensitive name). */
    public record Response(int status, Map<String, String> headers) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    /**
     * @param headers        request headers (Host, Content-Length and Connection are set here)
     * @param connectTimeout for each address tried
     * @param timeout        the whole exchange, from the look-up to the answer's headers
     * @throws OutboundRefusedException the target is not allowed (now): nothing was sent
     */
    public Response post(URI url, Map<String, String> headers, byte[] body, Duration connectTimeout, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        OutboundTargets.Target target = targets.resolve(url);
        Socket socket = connect(target, connectTimeout, deadline);
        try (Socket plain = socket; Socket s = target.tls() ? tls(plain, target, deadline) : plain) {
            OutputStream out = s.getOutputStream();
            out.write(head(target, headers, body.length));
            out.write(body);
            out.flush();
            return answer(s, deadline);
        }
    }

    private static Socket connect(OutboundTargets.Target target, Duration connectTimeout, long deadline)
            throws IOException {
        IOException last = null;
        for (InetAddress address : target.addresses()) {
            int wait = (int) Math.min(connectTimeout.toMillis(), remaining(deadline));
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(address, target.port()), wait);
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e instanceof SocketTimeoutException ? new SocketTimeoutException("Connect timed out")
                        : new java.net.ConnectException("Could not connect"); // no address, no URL in the message
            }
        }
        throw last == null ? new java.net.ConnectException("No address to connect to") : last;
    }

    private Socket tls(Socket plain, OutboundTargets.Target target, long deadline) throws IOException {
        SSLSocketFactory factory = tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault();
        String host = bare(target.host());
        SSLSocket ssl = (SSLSocket) factory.createSocket(plain, host, target.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the URL's host
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (!literal(name)) parameters.setServerNames(List.of(new SNIHostName(name)));
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(remaining(deadline));
        ssl.startHandshake();
        return ssl;
    }

    private static byte[] head(OutboundTargets.Target target, Map<String, String> headers, int length) {
        URI url = target.url();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) path += "?" + url.getRawQuery();
        boolean defaultPort = target.port() == (target.tls() ? 443 : 80);
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.host()).append(defaultPort ? "" : ":" + target.port()).append("\r\n");
        headers.forEach((name, value) -> {
            if (!name.matches("[A-Za-z0-9-]+") || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("A header name or value that would break the request");
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        head.append("Content-Length: ").append(length).append("\r\n").append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The status and headers of the final answer (interim 1xx answers skipped). */
    private static Response answer(Socket socket, long deadline) throws IOException {
        Lines in = new Lines(socket, deadline);
        while (true) {
            String status = in.line();
            if (status == null) throw new IOException("Connection closed without an answer");
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
                throw new IOException("Not an HTTP/1.x answer");
            }
            int code = Integer.parseInt(parts[1]);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int n = 0; ; n++) {
                String line = in.line();
                if (line == null) throw new IOException("Connection closed within the answer's headers");
                if (line.isEmpty()) break;
                if (n == MAX_HEADERS) throw new IOException("Too many headers in the answer");
                int colon = line.indexOf(':');
                if (colon <= 0) continue;
                headers.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
            if (code >= 100 && code < 200 && code != 101) continue;
            return new Response(code, Collections.unmodifiableMap(headers));
        }
    }

    /** Reads lines, never waiting past the deadline in all. */
    private static final class Lines {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final byte[] buffer = new byte[4096];
        private int pos;
        private int len;

        Lines(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        /** A line without its CRLF, or null at the end of the stream. */
        String line() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                if (pos == len) {
                    socket.setSoTimeout(remaining(deadline));
                    len = in.read(buffer);
                    pos = 0;
                    if (len < 0) {
                        len = 0;
                        return line.length() == 0 ? null : line.toString();
                    }
                }
                byte b = buffer[pos++];
                if (b == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') line.setLength(end - 1);
                    return line.toString();
                }
                if (line.length() == MAX_LINE) throw new IOException("A line of the answer is too long");
                line.append((char) (b & 0xff));
            }
        }
    }

    /** Milliseconds left, at least 1; none left is a timeout. */
    private static int remaining(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) throw new SocketTimeoutException("No answer in time");
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean literal(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }
}
