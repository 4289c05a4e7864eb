package dev.zaiko.connector.amazon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.PlatformClient.BulkProgress;
import dev.zaiko.connector.PlatformClient.QuantityUpdate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code JSON_LISTINGS_FEED} setting quantities, and its processing report. The feed: header
 * {@code sellerId}, {@code version "2.0"}, {@code issueLocale}; one message per SKU with
 * {@code messageId} (its place in the submitted list, from 1), the seller SKU, {@code operationType
 * PATCH}, the product type and one {@code merge} patch on {@code /attributes/fulfillment_availability}
 * with the merchant-fulfilled channel's quantity (the same patch as patchListingsItem); at most
 * {@value #MAX_MESSAGES} messages. The report: {@code summary} counts and {@code issues}, each with
 * the {@code messageId} it is about (none when it is about the whole feed) and a {@code severity}
 * ERROR, WARNING or INFO; a message with an ERROR issue was not accepted.
 *
 * @see <a href="https://github.com/amzn/selling-partner-api-models/blob/main/schemas/feeds/listings-feed-schema-v2.json">listings-feed-schema-v2.json</a>
 * @see <a href="https://github.com/amzn/selling-partner-api-models/blob/main/schemas/feeds/listings-feed-processing-report-schema-v2.json">listings-feed-processing-report-schema-v2.json</a>
 * @see <a href="https://developer-docs.amazon.com/sp-api/docs/listings-feed-type-values">Listings feed type values</a>
 */
final class ListingsFeed {

    static final String TYPE = "JSON_LISTINGS_FEED";
    static final String CONTENT_TYPE = "application/json; charset=UTF-8";
    /** {@code messages.maxItems} in listings-feed-schema-v2.json. */
    static final int MAX_MESSAGES = 25_000;
    /** Amazon's issues in Japanese, as the shop reads them (the marketplace's language otherwise). */
    static final String ISSUE_LOCALE = "ja_JP";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param document the feed, null when no update could be sent
     * @param rejected SKU → why it was not sent
     */
    record Built(byte[] document, int messages, Map<String, String> rejected) {
    }

    private ListingsFeed() {
    }

    static Built build(String sellerId, List<QuantityUpdate> updates, ConnectorAccount.ItemMapping mapping) {
        if (updates.size() > MAX_MESSAGES) {
            throw new IllegalArgumentException("A listings feed takes " + MAX_MESSAGES + " messages, not " + updates.size());
        }
        ObjectNode feed = JSON.createObjectNode();
        feed.putObject("header").put("sellerId", sellerId).put("version", "2.0").put("issueLocale", ISSUE_LOCALE);
        ArrayNode messages = feed.putArray("messages");
        Map<String, String> rejected = new LinkedHashMap<>();
        for (int i = 0; i < updates.size(); i++) {
            QuantityUpdate update = updates.get(i);
            if (update.quantity() < 0) {
                rejected.put(update.sku(), "a quantity below 0 cannot be sent");
                continue;
            }
            Optional<Map<String, String>> ids = mapping.identifiers(update.sku());
            String sellerSku = ids.map(m -> m.get("sellerSku")).orElse(null);
            if (sellerSku == null || sellerSku.isBlank()) {
                rejected.put(update.sku(), "no Amazon sellerSku is mapped to this SKU");
                continue;
            }
            String productType = ids.map(m -> m.get("productType")).filter(t -> !t.isBlank())
                    .orElse(AmazonClient.DEFAULT_PRODUCT_TYPE);
            ObjectNode message = messages.addObject().put("messageId", i + 1).put("sku", sellerSku)
                    .put("operationType", "PATCH").put("productType", productType);
            ObjectNode patch = message.putArray("patches").addObject()
                    .put("op", "merge").put("path", "/attributes/fulfillment_availability");
            patch.putArray("value").addObject()
                    .put("fulfillment_channel_code", AmazonClient.MERCHANT_CHANNEL).put("quantity", update.quantity());
        }
        return new Built(messages.isEmpty() ? null : JSON.writeValueAsBytes(feed), messages.size(), rejected);
    }

    /**
     * Reads a processing report against the submitted updates (message n is the n-th update): a SKU
     * with an ERROR issue is rejected with Amazon's words, every other one sent is accepted. An ERROR
     * about the whole feed (no messageId) when Amazon accepted no message rejects them all.
     */
    static BulkProgress read(byte[] report, List<QuantityUpdate> submitted, ConnectorAccount.ItemMapping mapping) {
        JsonNode root;
        try {
            root = JSON.readTree(report);
        } catch (RuntimeException e) {
            return BulkProgress.failed("Amazon's processing report is not JSON");
        }
        Map<Integer, StringJoiner> errors = new LinkedHashMap<>();
        StringJoiner whole = new StringJoiner("; ");
        for (JsonNode issue : root.path("issues")) {
            if (!"ERROR".equals(issue.path("severity").asString(""))) continue;
            String words = (issue.path("code").isMissingNode() ? "" : issue.path("code").asString("") + ": ")
                    + issue.path("message").asString("");
            if (issue.path("messageId").isNumber()) {
                errors.computeIfAbsent(issue.path("messageId").asInt(), n -> new StringJoiner("; ")).add(words);
            } else {
                whole.add(words);
            }
        }
        boolean noneAccepted = root.path("summary").path("messagesAccepted").isNumber()
                && root.path("summary").path("messagesAccepted").asInt() == 0;
        List<String> accepted = new ArrayList<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        for (int i = 0; i < submitted.size(); i++) {
            QuantityUpdate update = submitted.get(i);
            boolean sent = update.quantity() >= 0 && mapping.identifiers(update.sku())
                    .map(m -> m.get("sellerSku")).filter(s -> !s.isBlank()).isPresent();
            if (!sent) {
                rejected.put(update.sku(), "not sent: no Amazon sellerSku is mapped to this SKU");
            } else if (errors.containsKey(i + 1)) {
                rejected.put(update.sku(), errors.get(i + 1).toString());
            } else if (whole.length() > 0 && noneAccepted) {
                rejected.put(update.sku(), whole.toString());
            } else {
                accepted.add(update.sku());
            }
        }
        return new BulkProgress(BulkProgress.Status.DONE, accepted, rejected,
                whole.length() == 0 ? null : whole.toString());
    }
}
