/**
 * Channel connectors, out: one adapter per platform (Amazon SP-API, Rakuten RMS, Yahoo! Shopping,
 * Shopify Admin GraphQL, Smaregi POS) behind one port, {@link dev.zaiko.connector.PlatformConnector}.
 * A connected channel's sellable quantities are set on the real platform through its published API
 * (absolute quantities, the platform's batch size and rate limit, its throttling answers honoured),
 * read back to find and heal drift, and a stock-out cancellation of a marketplace order line is sent
 * to the platform with a stock-out reason: the refund module's
 * {@link dev.zaiko.refund.MarketplaceCancellationAsked} is sent through {@code CancellingOnThePlatform}
 * and the platform's answer settles the waiting refunds through
 * {@link dev.zaiko.refund.SettlingMarketplaceRefunds} (the connector implements refund's
 * {@link dev.zaiko.refund.MarketplaceCancellations} port, so refund never depends on it).
 * Large pushes (a drift repair with many corrections, the full push) go through a platform's bulk
 * path where it has one ({@code PushingInBulk}, table {@code connector_bulk_push}: Amazon's listings
 * feed), followed by a durable job until the platform has processed them.
 * Orders in: a platform's notices of orders (Shopify's order webhooks,
 * {@code ReceivingShopifyWebhooks}, table {@code connector_shopify_webhook}) are stored as received
 * and taken into the orders by a durable job, beside the periodic pull ({@code ImportingOrders}).
 * <p>
 * In: marketplace orders are pulled through {@code ImportingOrders}, and a POS platform's till
 * transactions (Smaregi) through {@link dev.zaiko.connector.ImportingTillSales}, which records each
 * line once as a till sale at the channel's store through the inventory's
 * {@link dev.zaiko.inventory.SellingAtTill} (returns: receipts to inspect through
 * {@link dev.zaiko.inventory.ReceivingStock}); tables {@code connector_till_sale_cursor},
 * {@code connector_till_sale_line}.
 * <p>
 * Each platform's code lives in its own sub-package ({@code connector.amazon}, {@code .rakuten},
 * {@code .yahoo}, {@code .shopify}, {@code .smaregi}) and is reached only through the port. The
 * types in this package are the port: what a platform adapter is given (an account's settings and
 * decrypted credentials, the SKU mapping, an HTTP client that keeps to the outbound rules) and what
 * it answers.
 * <p>
 * The SKU mapping ({@code connector_item}) can be built from a platform's own item list:
 * {@code MatchingPlatformItems} matches each row to a Zaiko SKU by the catalog's JAN code or by the
 * seller SKU (reading the catalog through {@link dev.zaiko.catalog.Products}).
 */
@dev.zaiko.platform.ApiTag("Channel connectors: a channel's account on its platform (Amazon, Rakuten, Yahoo!, "
        + "Shopify, Smaregi) with encrypted credentials, the SKU mapping, a connection test, health and the "
        + "drift found by reading back what the platform shows, the orders pulled in from it with their import inbox, "
        + "and a POS till's sales pulled in as till sales at the store.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"catalog", "channel", "inventory", "order", "platform", "refund"})
package dev.zaiko.connector;
