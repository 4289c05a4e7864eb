package dev.zaiko.connector;

import java.util.Map;
import java.util.Optional;

/**
 * One channel's connection to its platform, as a platform adapter sees it.
 *
 * @param channel     Zaiko's channel code (e.g. AMAZON, RAKUTEN, SHOPIFY-MAIN)
 * @param platform    the platform
 * @param sandbox     true: the platform's sandbox/test host; false: production
 * @param baseUrl     an explicit API base URL (a regional endpoint, or a test stub), else null for the
 *                    platform's documented host for {@code sandbox}; checked against the outbound rules
 * @param settings    non-secret settings by name (sellerId, marketplaceId, shopDomain, storeId, contractId, …)
 * @param credentials secret values by name (refreshToken, clientSecret, licenseKey, …), decrypted for
 *                    this use only; never logged, never answered by the API
 * @param mapping     Zaiko SKU → the platform's identifiers for it
 * @param tokens      where a client keeps what the platform hands out and must survive a restart (a
 *                    rotated refresh token); stored encrypted
 */
public record ConnectorAccount(String channel, Platform platform, boolean sandbox, String baseUrl,
                               Map<String, String> settings, Map<String, String> credentials, ItemMapping mapping,
                               TokenStore tokens) {

    public String setting(String name) {
        return settings.get(name);
    }

    public String credential(String name) {
        return credentials.get(name);
    }

    /**
     * The platform's identifiers of a Zaiko SKU, by name: Amazon {@code sellerSku}; Rakuten
     * {@code manageNumber} and {@code variantId}; Yahoo {@code itemCode} (and {@code subCode} for a
     * variation); Shopify {@code inventoryItemId} (GID) and the account's {@code locationId}; Smaregi
     * {@code productId} and the account's {@code storeId}. Empty when the SKU is not mapped (then the
     * SKU is not sent, and the push outcome names it).
     */
    public interface ItemMapping {
        Optional<Map<String, String>> identifiers(String sku);

        /** The Zaiko SKU of a platform identifier (the inverse), for reading back. */
        Optional<String> sku(String name, String value);
    }

    /** Secrets a client received from the platform and must keep (encrypted at rest by the store). */
    public interface TokenStore {
        Optional<String> get(String name);

        void put(String name, String value);
    }
}
