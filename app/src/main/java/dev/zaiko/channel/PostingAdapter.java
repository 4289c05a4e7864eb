package dev.zaiko.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

/** A {@link MarketplaceAdapter} that POSTs the marketplace's JSON body to the channel's URL. */
final class PostingAdapter implements MarketplaceAdapter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Marketplace marketplace;
    private final URI url;
    private final double rate;
    private final int batch;
    private final HttpClient http;
    private final Duration timeout;

    PostingAdapter(Marketplace marketplace, String url, double rate, int batch, HttpClient http, Duration timeout) {
        this.marketplace = marketplace;
        this.url = URI.create(url);
        this.rate = rate;
        this.batch = batch;
        this.http = http;
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
    public void push(ChannelPush batch) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(marketplace.body(batch));
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Zaiko-Adapters/1")
                .header("Zaiko-Channel", batch.channel())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status == 429 || status == 503) {
            throw new MarketplaceThrottledException(status, response.headers().firstValue("Retry-After").orElse(null));
        }
        if (status / 100 != 2) throw new IOException("HTTP " + status);
    }
}
