package dev.zaiko.connector;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.zaiko.platform.outbound.OutboundHttp;

/**
 * The HTTP a platform client uses: {@link OutboundHttp} (the outbound-target rule, pooled
 * connections, no redirects) with the connector's timeouts and a bound on the answer's size.
 */
public class ConnectorHttp {

    /** The largest platform answer read (a bulk read of 1,000 items is well below). */
    public static final int MAX_ANSWER = 8 * 1024 * 1024;

    private final OutboundHttp http;
    private final Duration connectTimeout;
    private final Duration timeout;

    public ConnectorHttp(OutboundHttp http, Duration connectTimeout, Duration timeout) {
        this.http = http;
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
    }

    /** @param body null for none */
    public OutboundHttp.Exchange send(String method, URI url, Map<String, String> headers, byte[] body)
            throws IOException {
        return http.exchange(method, url, headers, body, connectTimeout, timeout, MAX_ANSWER);
    }
}
