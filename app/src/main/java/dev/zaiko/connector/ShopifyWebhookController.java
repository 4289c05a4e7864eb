package dev.zaiko.connector;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import dev.zaiko.connector.shopify.ShopifyConnector;
import dev.zaiko.platform.OpenToAnyone;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shopify's door: the order webhooks of a shop connected to a channel ({@link ReceivingShopifyWebhooks}).
 * Open to anyone, since Shopify cannot send a Zaiko token: the body's HMAC under the account's
 * webhook secret is the proof. Left out of the API document ({@link Hidden}), like Smaregi's door.
 */
@RestController
@Hidden
class ShopifyWebhookController {

    /** An order of many lines with its addresses and discounts stays well under this. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final ReceivingShopifyWebhooks webhooks;

    ShopifyWebhookController(ReceivingShopifyWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @OpenToAnyone("Shopify cannot send a Zaiko token; X-Shopify-Hmac-Sha256, the body's HMAC-SHA256 under the account's webhook secret, is the proof")
    @Operation(summary = "Receive a Shopify order webhook",
            description = "orders/create, orders/cancelled or orders/updated of the shop connected to the channel. A delivery not signed for the channel's Shopify account is answered 404 and stores nothing; a signed one is stored and answered 200 at once, and taken into the orders afterwards; the same delivery again (same X-Shopify-Webhook-Id) is answered 200 with nothing received.")
    @PostMapping(ShopifyConnector.WEBHOOK_PATH + "{channel}")
    ResponseEntity<?> receive(@PathVariable String channel, HttpServletRequest request) throws IOException {
        java.util.Optional<byte[]> read = PlatformNotices.body(request, MAX_BODY_BYTES);
        if (read.isEmpty()) return PlatformNotices.tooLarge("A Shopify webhook", MAX_BODY_BYTES);
        byte[] body = read.get();
        ReceivingShopifyWebhooks.Delivery delivery = new ReceivingShopifyWebhooks.Delivery(
                request.getHeader("X-Shopify-Topic"), request.getHeader("X-Shopify-Hmac-Sha256"),
                request.getHeader("X-Shopify-Webhook-Id"), request.getHeader("X-Shopify-Shop-Domain"));
        return ResponseEntity.ok(webhooks.receive(channel, delivery, body));
    }
}
