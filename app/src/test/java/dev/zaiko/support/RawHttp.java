package dev.zaiko.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser reduced to plain HTTP/1.0 over a socket, which can speak from any loopback address
 * (127.0.0.2, 127.0.5.9...), so that a test is one client address among many, as the server's
 * {@code request.getRemoteAddr()} sees it. Keeps cookies, sends the page's CSRF token with forms,
 * and shows every response header.
 */
public final class RawHttp {

    private static final Pattern CSRF = Pattern.compile(
            "name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    private final int port;
    private final InetAddress from;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;

    public RawHttp(int port, String fromAddress) {
        this.port = port;
        try {
            this.from = InetAddress.getByName(fromAddress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback address no other test uses: 127.x.y.z with x, y, z from a random number. */
    public static String uniqueLoopback() {
        int n = java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 1 << 24);
        return "127." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + Math.max(2, n & 0xff);
    }

    public record Answer(int status, Map<String, List<String>> headers, String body, long millis) {
        /** The header's first value, or null; the name is case-insensitive. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String location() {
            return header("Location");
        }
    }

    public Answer get(String path) {
        return send("GET", path, null);
    }

    /** A form as a browser posts it, with the CSRF token of the last page read. */
    public Answer postForm(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null) fields.putIfAbsent("_csrf", csrf);
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send("POST", path, body);
    }

    /** The sign-in form, as a person fills it in: the page first, then the form. */
    public Answer signIn(String username, String password) {
        get("/login");
        return postForm("/login", Map.of("username", username, "password", password));
    }

    private Answer send(String method, String path, String body) {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(30_000);
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.0\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Accept: text/html\r\nAccept-Language: ja\r\n");
            if (!cookies.isEmpty()) {
                request.append("Cookie: ").append(cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; "))).append("\r\n");
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
                        .append(content.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            long millis = (System.nanoTime() - started) / 1_000_000;
            return parse(raw, millis);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " from " + from, e);
        }
    }

    private Answer parse(String raw, long millis) {
        int end = raw.indexOf("\r\n\r\n");
        String head = end < 0 ? raw : raw.substring(0, end);
        String body = end < 0 ? "" : raw.substring(end + 4);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) continue;
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
        }
        for (String cookie : headers.getOrDefault("set-cookie", List.of())) {
            String pair = cookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (value.isEmpty() || cookie.toLowerCase(Locale.ROOT).contains("max-age=0")) cookies.remove(name);
            else cookies.put(name, value);
        }
        Matcher m = CSRF.matcher(body);
        if (m.find()) csrf = m.group(1) != null ? m.group(1) : m.group(2);
        return new Answer(status, headers, body, millis);
    }
}
