/**
 * The Amazon Selling Partner API adapter (Japan: the Far East endpoint, marketplace
 * {@code A1VC38T7YXB528}): Login with Amazon tokens, Listings Items 2021-08-01 to set and read the
 * merchant-fulfilled quantity, the Feeds API 2021-06-30 to cancel an order line for no inventory,
 * the Sellers API to test the connection, the Orders API (2026-01-01, or v0) for orders in
 * ({@code AmazonOrders}). Reached only through {@link dev.zaiko.connector.PlatformConnector}.
 *
 * @see <a href="https://developer-docs.amazon.com/sp-api/docs/sp-api-endpoints">SP-API endpoints</a>
 */
package dev.zaiko.connector.amazon;
