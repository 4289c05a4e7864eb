package dev.zaiko.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.zaiko.platform.outbound.OutboundHttp;

/**
 * The marketplaces Zaiko has an adapter for, with default limits (a channel may set lower or higher
 * ones). Where each number comes from is in docs/channel-sync.md ("Marketplace adapters"); the
 * request bodies follow each marketplace's stock API in JSON, posted to the channel's configured URL.
 */
enum Marketplace {

    /**
     * SP-API Listings Items patchListingsItem: 5 requests/s per selling partner account (burst 5), one SKU
     * per request (developer-docs.amazon.com/sp-api/docs/listings-items-api-rate-limits).
     */
    AMAZON(5.0, 1) {
        @Override
        Object body(ChannelPush push) {
            List<Map<String, Object>> messages = new ArrayList<>();
            int id = 1;
            for (ChannelPush.Item item : push.items()) {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("fulfillment_channel_code", "DEFAULT");
                value.put("quantity", item.quantity());
                Map<String, Object> patch = new LinkedHashMap<>();
                patch.put("op", "replace");
                patch.put("path", "/attributes/fulfillment_availability");
                patch.put("value", List.of(value));
                Map<String, Object> message = new LinkedHashMap<>();
                message.put("messageId", id++);
                message.put("sku", item.sku());
                message.put("operationType", "PATCH");
                message.put("productType", "PRODUCT");
                message.put("patches", List.of(patch));
                messages.add(message);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("header", Map.of("version", "2.0", "issueLocale", "ja_JP"));
            body.put("messages", messages);
            return body;
        }
    },
    /**
     * RMS Inventory API 2.0 bulk-upsert, up to 400 items: no published rate could be found (RMS documents
     * it behind its login), so a conservative 1 request/s per shop.
     */
    RAKUTEN(1.0, 400) {
        @Override
        Object body(ChannelPush push) {
            List<Map<String, Object>> inventories = new ArrayList<>();
            for (ChannelPush.Item item : push.items()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("manageNumber", item.sku());
                m.put("variantId", item.sku());
                m.put("mode", "ABSOLUTE");
                m.put("quantity", item.quantity());
                inventories.add(m);
            }
            return Map.of("inventories", inventories);
        }
    },
    /**
     * Yahoo! Shopping store API setStock, up to 1000 items: Yahoo publishes 50,000 requests a day per
     * application ID, for all its APIs together (developer.yahoo.co.jp/appendix/rate.html); 0.5/s keeps a
     * channel that pushes all day long under it (43,200), with room for the application's other calls.
     */
    YAHOO(0.5, 1000) {
        @Override
        Object body(ChannelPush push) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (ChannelPush.Item item : push.items()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("item_code", item.sku());
                m.put("quantity", item.quantity());
                m.put("allow_overdraft", 0);
                items.add(m);
            }
            return Map.of("items", items);
        }
    };

    final double defaultRate;
    final int defaultBatch;

    Marketplace(double defaultRate, int defaultBatch) {
        this.defaultRate = defaultRate;
        this.defaultBatch = defaultBatch;
    }

    /** The request body in the marketplace's shape (serialized as JSON). */
    abstract Object body(ChannelPush push);

    MarketplaceAdapter adapter(String url, double rate, int batch, OutboundHttp http, Duration connectTimeout,
                               Duration timeout) {
        return new PostingAdapter(this, url, rate, batch, http, connectTimeout, timeout);
    }
}
