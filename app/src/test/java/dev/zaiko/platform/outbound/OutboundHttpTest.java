package dev.zaiko.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests go to the address the check resolved (names under .test reach the receivers only
 * through the test's resolver), a refused target gets nothing, redirects are not followed, the
 * answer is awaited no longer than the timeout, and https still verifies the URL's host name.
 */
class OutboundHttpTest {

    static final Duration CONNECT = Duration.ofSeconds(3);
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path keys;
    static SSLContext tls;

    record Arrival(String method, String target, String host, String delivery, String body) {
    }

    final OutboundTargetsTest.Names names = new OutboundTargetsTest.Names();
    final OutboundTargets loopbackAllowed = new OutboundTargets(
            new OutboundProperties(false, List.of("127.0.0.0/8")), names);
    final OutboundHttp http = new OutboundHttp(loopbackAllowed, tls);
    final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    /** The client's port of each arrival's connection: equal ports, one connection. */
    final List<Integer> connections = new CopyOnWriteArrayList<>();
    final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    final CountDownLatch never = new CountDownLatch(1);

    /** A key pair whose certificate names partner.test only, trusted by the client here and nowhere else. */
    @BeforeAll
    static void certificate() throws Exception {
        Path store = keys.resolve("partner.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "partner", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=partner.test", "-ext", "SAN=dns:partner.test", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    }

    @AfterEach
    void stopServers() {
        http.close();
        never.countDown();
        for (HttpServer s : servers) s.stop(0);
    }

    HttpServer server(boolean https, int status, Map<String, String> answerHeaders) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        HttpServer server;
        if (https) {
            HttpsServer s = HttpsServer.create(loopback, 0);
            s.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = s;
        } else {
            server = HttpServer.create(loopback, 0);
        }
        server.createContext("/", exchange -> answer(exchange, status, answerHeaders));
        server.start();
        servers.add(server);
        return server;
    }

    private void answer(HttpExchange exchange, int status, Map<String, String> answerHeaders) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        connections.add(exchange.getRemoteAddress().getPort());
        arrivals.add(new Arrival(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders().getFirst("Zaiko-Delivery"),
                body));
        if (status == 0) { // never answers
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        answerHeaders.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    OutboundHttp.Response post(String url) throws IOException {
        return http.post(URI.create(url), Map.of("Zaiko-Delivery", "d-1", "Content-Type", "application/json"),
                "{\"n\":1}".getBytes(StandardCharsets.UTF_8), CONNECT, TIMEOUT);
    }

    @Test
    void aNameIsResolvedOnceAndTheRequestGoesToTheAddressThatWasChecked() throws Exception {
        HttpServer receiver = server(false, 204, Map.of());
        int port = receiver.getAddress().getPort();
        names.point("partner.test", "127.0.0.1");

        OutboundHttp.Response response = post("http://partner.test:" + port + "/hook?token=t");

        assertThat(response.status()).isEqualTo(204);
        assertThat(names.lookups).as("the check's look-up is the only one").hasValue(1);
        assertThat(arrivals).containsExactly(new Arrival("POST", "/hook?token=t", "partner.test:" + port, "d-1",
                "{\"n\":1}"));
    }

    @Test
    void aNameThatNowResolvesToAForbiddenAddressGetsNothing() throws Exception {
        HttpServer receiver = server(false, 204, Map.of());
        names.point("partner.test", "127.0.0.1", "10.1.2.3"); // one forbidden address among them

        assertThatThrownBy(() -> post("http://partner.test:" + receiver.getAddress().getPort() + "/hook"))
                .isInstanceOfSatisfying(OutboundRefusedException.class,
                        e -> assertThat(e.kind()).isEqualTo(AddressKind.PRIVATE));
        names.point("partner.test", "::1");
        assertThatThrownBy(() -> post("http://partner.test:" + receiver.getAddress().getPort() + "/hook"))
                .isInstanceOfSatisfying(OutboundRefusedException.class,
                        e -> assertThat(e.kind()).isEqualTo(AddressKind.LOOPBACK)); // ::1 is not in 127.0.0.0/8
        assertThat(arrivals).isEmpty();
    }

    HttpServer replying(String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String sent;
            try (InputStream in = exchange.getRequestBody()) {
                sent = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            arrivals.add(new Arrival(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Host"), null, sent));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server;
    }

    @Test
    void aPlatformsAnswerComesBackWithItsBodyForAnyMethod() throws Exception {
        HttpServer platform = replying("{\"quantity\":5}");
        names.point("api.platform.test", "127.0.0.1");
        String base = "http://api.platform.test:" + platform.getAddress().getPort();

        OutboundHttp.Exchange read = http.exchange("GET", URI.create(base + "/items/A"), Map.of(), null, CONNECT,
                TIMEOUT, 1024);
        OutboundHttp.Exchange patched = http.exchange("PATCH", URI.create(base + "/items/A"),
                Map.of("Content-Type", "application/json"), "{\"q\":0}".getBytes(StandardCharsets.UTF_8), CONNECT,
                TIMEOUT, 1024);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text()).isEqualTo("{\"quantity\":5}");
        assertThat(patched.text()).isEqualTo("{\"quantity\":5}");
        assertThat(arrivals).extracting(Arrival::method).containsExactly("GET", "PATCH");
        assertThat(arrivals.get(1).body()).isEqualTo("{\"q\":0}");
    }

    @Test
    void aPlatformsAnswerLongerThanAllowedIsRefusedAndAForbiddenTargetGetsNothing() throws Exception {
        HttpServer platform = replying("x".repeat(2048));
        int port = platform.getAddress().getPort();

        assertThatThrownBy(() -> http.exchange("GET", URI.create("http://127.0.0.1:" + port + "/big"), Map.of(), null,
                CONNECT, TIMEOUT, 1024)).isInstanceOf(IOException.class).hasMessageContaining("longer than 1024");
        names.point("inside.test", "10.0.0.7");
        assertThatThrownBy(() -> http.exchange("GET", URI.create("http://inside.test:" + port + "/"), Map.of(), null,
                CONNECT, TIMEOUT, 1024)).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> http.exchange("TRACE", URI.create("http://127.0.0.1:" + port + "/"), Map.of(), null,
                CONNECT, TIMEOUT, 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThat(arrivals).hasSize(1);
    }

    @Test
    void aRedirectIsTheAnswerAndIsNotFollowed() throws Exception {
        HttpServer inside = server(false, 204, Map.of());
        HttpServer redirecting = server(false, 302, Map.of("Location",
                "http://127.0.0.1:" + inside.getAddress().getPort() + "/secret"));

        OutboundHttp.Response response = post("http://127.0.0.1:" + redirecting.getAddress().getPort() + "/hook");

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("location")).as("headers by any case").isPresent();
        assertThat(arrivals).extracting(Arrival::target).containsExactly("/hook");
    }

    @Test
    void aThrottlingAnswersRetryAfterIsRead() throws Exception {
        HttpServer busy = server(false, 429, Map.of("Retry-After", "7"));
        OutboundHttp.Response response = post("http://127.0.0.1:" + busy.getAddress().getPort() + "/hook");
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("Retry-After")).contains("7");
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutWithinTheTimeout() throws Exception {
        HttpServer hanging = server(false, 0, Map.of());
        long started = System.nanoTime();
        assertThatThrownBy(() -> http.post(URI.create("http://127.0.0.1:" + hanging.getAddress().getPort() + "/h"),
                Map.of(), new byte[0], CONNECT, Duration.ofMillis(300)))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(arrivals).hasSize(1);
    }

    @Test
    void httpsVerifiesTheUrlsHostNameAlthoughItConnectsToTheCheckedAddress() throws Exception {
        HttpServer secure = server(true, 200, Map.of());
        int port = secure.getAddress().getPort();
        names.point("partner.test", "127.0.0.1");
        names.point("impostor.test", "127.0.0.1");

        assertThat(post("https://partner.test:" + port + "/hook").status()).isEqualTo(200);
        assertThat(arrivals).extracting(Arrival::host).containsExactly("partner.test:" + port);

        // same address, same trusted certificate, but it does not name this host: no request
        assertThatThrownBy(() -> post("https://impostor.test:" + port + "/hook"))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(arrivals).hasSize(1);
    }

    @Test
    void aHeaderThatWouldSplitTheRequestIsRefused() throws Exception {
        HttpServer receiver = server(false, 204, Map.of());
        assertThatThrownBy(() -> http.post(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/"),
                Map.of("Zaiko-Channel", "A\r\nX-Injected: 1"), new byte[0], CONNECT, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(arrivals).isEmpty();
    }

    @Test
    void aKeptConnectionIsReusedOnlyWhileTheNameResolvesToTheSameAddresses() throws Exception {
        HttpServer receiver = server(false, 204, Map.of());
        String url = "http://partner.test:" + receiver.getAddress().getPort() + "/hook";
        names.point("partner.test", "127.0.0.1");
        post(url);
        post(url);
        assertThat(connections.get(1)).as("kept alive for the same checked address").isEqualTo(connections.get(0));

        names.point("partner.test", "127.0.0.1", "127.0.0.2"); // the name moved: another check, another connection
        post(url);
        assertThat(connections.get(2)).isNotEqualTo(connections.get(0));

        names.point("partner.test", "127.0.0.1");
        post(url);
        assertThat(connections.get(3)).as("the connection opened for exactly these addresses")
                .isEqualTo(connections.get(0));
        assertThat(names.lookups).as("one look-up per request, none for a kept connection").hasValue(4);
    }

    @Test
    void aKeptConnectionDoesNotCarryARequestOnceTheNameResolvesToAForbiddenAddress() throws Exception {
        HttpServer receiver = server(false, 204, Map.of());
        String url = "http://partner.test:" + receiver.getAddress().getPort() + "/hook";
        names.point("partner.test", "127.0.0.1");
        assertThat(post(url).status()).isEqualTo(204);

        names.point("partner.test", "10.1.2.3");
        assertThatThrownBy(() -> post(url)).isInstanceOf(OutboundRefusedException.class);
        names.point("partner.test", "127.0.0.1", "169.254.169.254");
        assertThatThrownBy(() -> post(url)).isInstanceOfSatisfying(OutboundRefusedException.class,
                e -> assertThat(e.kind()).isEqualTo(AddressKind.METADATA));
        assertThat(arrivals).hasSize(1);
    }

    @Test
    void anAnswerWhoseBodyNeverEndsIsTakenWithoutWaitingForTheBody() throws Exception {
        HttpServer endless = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endless.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.sendResponseHeaders(200, 0); // chunked, and it never ends
            exchange.getResponseBody().write("[".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        endless.start();
        servers.add(endless);

        long started = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(
                post("http://127.0.0.1:" + endless.getAddress().getPort() + "/hook").status()).isEqualTo(200));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("well within the 5 s timeout")
                .isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void anAnswerDribbledByteByByteStillEndsAtTheTimeout() throws Exception {
        ScheduledExecutorService peer = Executors.newSingleThreadScheduledExecutor();
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            peer.execute(() -> {
                try {
                    Socket s = listener.accept();
                    accepted.add(s);
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    // a byte each 100 ms: every read gets something long before the 600 ms timeout
                    peer.scheduleAtFixedRate(() -> {
                        try {
                            out.write('a');
                            out.flush();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, 100, 100, TimeUnit.MILLISECONDS);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            long started = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> http.post(
                    URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/h"), Map.of(), new byte[0], CONNECT,
                    Duration.ofMillis(600))).isInstanceOf(SocketTimeoutException.class));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        } finally {
            peer.shutdownNow();
            for (Socket s : accepted) s.close();
        }
    }
}
