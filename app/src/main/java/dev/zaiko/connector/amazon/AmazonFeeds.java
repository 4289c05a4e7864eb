package dev.zaiko.connector.amazon;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import dev.zaiko.connector.ConnectorException;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.platform.outbound.OutboundHttp;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every call of the Feeds API 2021-06-30 one seller account makes: a feed is a document uploaded to
 * a pre-signed URL ({@code createFeedDocument}, then PUT there), then {@code createFeed}; Amazon
 * processes it later; {@code getFeed} says how far it is ({@code processingStatus} IN_QUEUE,
 * IN_PROGRESS, DONE, FATAL, CANCELLED) and, once processed, names the result document, whose
 * pre-signed URL {@code getFeedDocument} gives (its content GZIP-compressed when it says
 * {@code compressionAlgorithm: GZIP}). The pre-signed URLs carry no SP-API token (the URL itself
 * authorises) and go through the outbound-target rules like every request.
 * <p>
 * Usage plans (feeds_2021-06-30.json): createFeedDocument 0.5 requests/s, burst 15; createFeed
 * 0.0083/s, burst 15; getFeed 2/s, burst 15; getFeedDocument 0.0222/s, burst 10. A 429 is
 * {@link ConnectorException.Throttled} with the wait of the rate Amazon states.
 *
 * @see <a href="https://github.com/amzn/selling-partner-api-models/blob/main/models/feeds-api-model/feeds_2021-06-30.json">feeds_2021-06-30.json</a>
 * @see <a href="https://developer-docs.amazon.com/sp-api/docs/feeds-api-v2021-06-30-use-case-guide">Feeds API use case guide</a>
 */
final class AmazonFeeds {

    static final String DOCUMENTS = "/feeds/2021-06-30/documents";
    static final String FEEDS = "/feeds/2021-06-30/feeds";
    /** The largest result document read once decompressed (a report of 25,000 messages with issues is far below). */
    static final int MAX_REPORT = 64 * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An SP-API call with the account's token (AmazonClient's, with its refresh and 429 handling). */
    @FunctionalInterface
    interface Calls {
        AmazonClient.Answer call(String method, String pathAndQuery, byte[] body, String operation)
                throws ConnectorException;
    }

    /**
     * @param processingStatus     IN_QUEUE, IN_PROGRESS, DONE, FATAL or CANCELLED
     * @param resultFeedDocumentId the processing report's document, once there, else null
     */
    record Feed(String feedId, String processingStatus, String resultFeedDocumentId) {
        boolean processing() {
            return "IN_QUEUE".equals(processingStatus) || "IN_PROGRESS".equals(processingStatus);
        }
    }

    private final Calls calls;
    private final ConnectorHttp http;
    private final String marketplaceId;
    private final Redaction redaction;

    AmazonFeeds(Calls calls, ConnectorHttp http, String marketplaceId, Redaction redaction) {
        this.calls = calls;
        this.http = http;
        this.marketplaceId = marketplaceId;
        this.redaction = redaction;
    }

    /** createFeedDocument, the upload, createFeed: the new feed's id. */
    String submit(String feedType, String contentType, byte[] content) throws ConnectorException {
        AmazonClient.Answer document = calls.call("POST", DOCUMENTS,
                JSON.writeValueAsBytes(JSON.createObjectNode().put("contentType", contentType)), "createFeedDocument");
        if (document.status() != 201 && document.status() != 200) throw failed("createFeedDocument", document);
        String documentId = document.json().path("feedDocumentId").asString("");
        String uploadUrl = document.json().path("url").asString("");
        if (documentId.isEmpty() || uploadUrl.isEmpty()) {
            throw new ConnectorException.Failed("createFeedDocument answered without feedDocumentId or url", null);
        }
        upload(uploadUrl, contentType, content);

        ObjectNode feed = JSON.createObjectNode().put("feedType", feedType);
        feed.putArray("marketplaceIds").add(marketplaceId);
        feed.put("inputFeedDocumentId", documentId);
        AmazonClient.Answer created = calls.call("POST", FEEDS, JSON.writeValueAsBytes(feed), "createFeed");
        if (created.status() != 202 && created.status() != 200) throw failed("createFeed", created);
        String feedId = created.json().path("feedId").asString("");
        if (feedId.isEmpty()) throw new ConnectorException.Failed("createFeed answered without a feedId", null);
        return feedId;
    }

    /** getFeed. */
    Feed feed(String feedId) throws ConnectorException {
        AmazonClient.Answer answer = calls.call("GET", FEEDS + "/" + AmazonClient.encode(feedId), null, "getFeed");
        if (answer.status() != 200) throw failed("getFeed", answer);
        String status = answer.json().path("processingStatus").asString("");
        if (status.isEmpty()) throw new ConnectorException.Failed("getFeed answered without a processingStatus", null);
        String result = answer.json().path("resultFeedDocumentId").asString("");
        return new Feed(feedId, status, result.isEmpty() ? null : result);
    }

    /** getFeedDocument, then the document itself from its pre-signed URL, decompressed when GZIP. */
    byte[] result(String feedDocumentId) throws ConnectorException {
        AmazonClient.Answer answer = calls.call("GET", DOCUMENTS + "/" + AmazonClient.encode(feedDocumentId), null,
                "getFeedDocument");
        if (answer.status() != 200) throw failed("getFeedDocument", answer);
        String url = answer.json().path("url").asString("");
        if (url.isEmpty()) throw new ConnectorException.Failed("getFeedDocument answered without a url", null);
        String compression = answer.json().path("compressionAlgorithm").asString("");
        byte[] body = download(url);
        if (compression.isEmpty()) return body;
        if (!"GZIP".equals(compression)) {
            throw new ConnectorException.Failed("The feed's result document is compressed with " + compression
                    + ", which Zaiko cannot read", null);
        }
        return gunzip(body);
    }

    static byte[] gunzip(byte[] body) throws ConnectorException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > MAX_REPORT) {
                    throw new ConnectorException.Failed("The feed's result document is larger than "
                            + MAX_REPORT / (1024 * 1024) + " MiB once decompressed", null);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ConnectorException.Failed("The feed's result document is not valid GZIP: " + e.getMessage(), null);
        }
    }

    /** The pre-signed upload URL: another host, still only through the outbound rules. */
    private void upload(String url, String contentType, byte[] content) throws ConnectorException {
        OutboundHttp.Exchange put;
        try {
            put = http.send("PUT", presigned(url, "createFeedDocument answered an unusable upload url"),
                    Map.of("Content-Type", contentType), content);
        } catch (IOException e) {
            throw new ConnectorException.Failed("The feed document upload failed: " + e.getMessage(), null);
        }
        if (put.status() / 100 != 2) {
            throw new ConnectorException.Failed("The feed document upload was answered " + put.status(), null);
        }
    }

    private byte[] download(String url) throws ConnectorException {
        OutboundHttp.Exchange get;
        try {
            get = http.send("GET", presigned(url, "getFeedDocument answered an unusable url"), Map.of(), null);
        } catch (IOException e) {
            throw new ConnectorException.Failed("The feed's result document download failed: " + e.getMessage(), null);
        }
        if (get.status() / 100 != 2) {
            throw new ConnectorException.Failed("The feed's result document download was answered " + get.status(), null);
        }
        return get.body() == null ? new byte[0] : get.body();
    }

    private static URI presigned(String url, String unusable) throws ConnectorException {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException.Failed(unusable, null);
        }
    }

    private ConnectorException.Failed failed(String operation, AmazonClient.Answer answer) {
        return new ConnectorException.Failed(redaction.apply("Amazon " + operation + " answered " + answer.status()
                + ": " + AmazonClient.errors(answer)), null);
    }
}
