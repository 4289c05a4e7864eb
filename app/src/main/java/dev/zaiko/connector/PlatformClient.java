package dev.zaiko.connector;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One connected channel's conversation with its platform. Every call either finishes with the
 * platform's answer or throws {@link ConnectorException}: {@link ConnectorException.Throttled} when
 * the platform asked to slow down (HTTP 429, Shopify's THROTTLED), with the wait it asked for;
 * {@link ConnectorException.Unauthorized} when the credentials were refused even after a token
 * refresh; {@link ConnectorException.Failed} for anything else (the platform's message, never a
 * credential). Implementations never log credentials, tokens or full request headers.
 */
public interface PlatformClient {

    /**
     * Sets the absolute sellable quantity of each SKU (never a delta). At most
     * {@link PlatformConnector.Limits#maxBatch()} updates per call. A SKU the platform refused on its
     * own (unknown item, no mapping) is reported in the outcome, not thrown.
     */
    PushOutcome setQuantities(List<QuantityUpdate> updates) throws ConnectorException;

    /**
     * What the platform shows now for these SKUs (SKUs it does not know are left out); empty when
     * the platform has no way to read quantities back (then drift is healed by a periodic full push).
     */
    Optional<Map<String, Integer>> readQuantities(List<String> skus) throws ConnectorException;

    /** Tells the platform an order line is cancelled because the item is out of stock. */
    CancellationOutcome cancelForStockout(CancellationRequest request) throws ConnectorException;

    /**
     * Looks again at a PENDING cancellation ({@code reference} from its outcome). The default, for
     * platforms that answer through a feed or callback the caller reads itself: still PENDING.
     */
    default CancellationOutcome followCancellation(CancellationRequest request, String reference)
            throws ConnectorException {
        return new CancellationOutcome(CancellationOutcome.Status.PENDING, reference, null);
    }

    /**
     * Orders in: the orders created or changed on the platform since {@code cursor} (null: the
     * channel's first pull, from the adapter's own starting point), one page per call. Empty when this platform's adapter does not read orders.
     * The same order may come again (a repeated page, a later change): the core records each once.
     */
    default Optional<PlatformOrder.Page> pullOrders(String cursor) throws ConnectorException {
        return Optional.empty();
    }

    /**
     * Zaiko has recorded these orders (by platform order id): a platform that wants an order
     * confirmed before it moves on (Rakuten's confirmOrder) is told here. The default does nothing.
     */
    default void ordersRecorded(List<String> orderIds) throws ConnectorException {
    }

    /** One cheap authenticated call proving the host and credentials work. */
    ConnectionCheck testConnection();

    /** @param sku Zaiko's SKU; the client maps it to the platform's identifiers through the account */
    record QuantityUpdate(String sku, int quantity) {
    }

    /**
     * @param accepted  SKUs the platform took (for asynchronous platforms: accepted for processing)
     * @param rejected  SKU → the platform's reason, for SKUs it refused on their own
     * @param reference the platform's id for the request where it gives one (feed id, request id), else null
     */
    record PushOutcome(List<String> accepted, Map<String, String> rejected, String reference) {
    }

    /**
     * @param orderId    the platform's order id (Amazon order id, Rakuten order number, Shopify order GID, …)
     * @param lineId     the platform's line id where the platform cancels by line (Amazon order item id), else null
     * @param sku        Zaiko's SKU of the line
     * @param quantity   units cancelled
     * @param idempotencyKey the same for every attempt of one cancellation
     */
    record CancellationRequest(String orderId, String lineId, String sku, int quantity, String idempotencyKey) {
    }

    /**
     * @param status    CONFIRMED (the platform cancelled it), PENDING (accepted, the answer comes later:
     *                  a feed or callback, look again with {@code reference}), REFUSED (the platform said no)
     * @param reference the platform's id to follow a PENDING one, else null
     * @param message   the platform's words when REFUSED, else null
     */
    record CancellationOutcome(Status status, String reference, String message) {
        public enum Status { CONFIRMED, PENDING, REFUSED }
    }

    /** @param message what worked or what failed, in the platform's words (no credentials) */
    record ConnectionCheck(boolean ok, String message) {
    }
}
