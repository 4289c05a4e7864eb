package dev.zaiko.channel;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.zaiko.platform.outbound.OutboundHttp;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link MarketplaceAdapter} that POSTs the marketplace's JSON body to the channel's URL, through
 * {@link OutboundHttp}: each push resolves the host again and goes only to an allowed address (a
 * refusal is a failed push whose reason says so), and a redirect is never followed.
 */
final class PostingAdapter implements MarketplaceAdapter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Marketplace marketplace;
    private final URI url;
    private final double rate;
    private final int batch;
    private final OutboundHttp http;
    private final Duration connectTimeout;
    private final Duration timeout;

    PostingAdapter(Marketplace marketplace, String url, double rate, int batch, OutboundHttp http,
                   Duration connectTimeout, Duration timeout) {
        this.marketplace = marketplace;
        this.url = URI.create(url);
        this.rate = rate;
        this.batch = batch;
        this.http = http;
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
    }

    @Override
    public String marketplace() {
        return marketplace.name();
    }

    @Override
    public int maxBatch() {
        return batch;
    }

    @Override
    public double requestsPerSecond() {
        return rate;
    }

    @Override
    public void push(ChannelPush batch) throws IOException {
        byte[] body = JSON.writeValueAsString(marketplace.body(batch)).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Zaiko-Adapters/1");
        headers.put("Zaiko-Channel", batch.channel());
        OutboundHttp.Response response = http.post(url, headers, body, connectTimeout, timeout);
        int status = response.status();
        if (status == 429 || status == 503) {
            throw new MarketplaceThrottledException(status, response.header("Retry-After").orElse(null));
        }
        if (status / 100 != 2) throw new IOException("HTTP " + status);
    }
}
