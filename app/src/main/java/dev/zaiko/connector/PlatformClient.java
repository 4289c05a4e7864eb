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
     * The platform's bulk path for many SKUs at once (a feed the platform processes later), where it
     * has one; empty (the default) when every change goes through {@link #setQuantities}. A bulk
     * submission takes minutes where a single update takes seconds: it is for large pushes (drift
     * repair, a full push), never for a flash sale.
     */
    default Optional<BulkLimits> bulk() {
        return Optional.empty();
    }

    /**
     * Submits absolute quantities in one bulk submission (at most {@link BulkLimits#maxItems()}). A SKU
     * the platform cannot take on its own (no mapping) is rejected in the answer and not sent; when
     * none is left nothing is submitted and the reference is null.
     *
     * @throws UnsupportedOperationException when {@link #bulk()} is empty
     */
    default BulkSubmission submitBulk(List<QuantityUpdate> updates) throws ConnectorException {
        throw new UnsupportedOperationException("this platform has no bulk path");
    }

    /**
     * Looks at a bulk submission: still under way, done, or failed.
     *
     * @param reference from {@link #submitBulk}
     * @param submitted the very updates given to {@link #submitBulk}, in the same order (a platform that
     *                  answers by message number finds the SKU from it)
     */
    default BulkProgress followBulk(String reference, List<QuantityUpdate> submitted) throws ConnectorException {
        throw new UnsupportedOperationException("this platform has no bulk path");
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

    /**
     * Till sales in: a POS platform's transactions at the account's store since {@code cursor} (null:
     * the channel's first pull, from the adapter's own starting point), one page per call. Empty (the
     * default) when this platform has no till. The same transaction may come again (an overlapping
     * window, a repeated page): the core records each line once.
     */
    default Optional<TillSale.Page> pullTillSales(String cursor) throws ConnectorException {
        return Optional.empty();
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
     * @param callbackNonce for a platform that answers later at a signed callback URL Zaiko handed out
     *                  with the push (Smaregi), that URL's fresh nonce: the push is then followed until
     *                  the platform answers ({@code connector_async_push}); else null
     */
    record PushOutcome(List<String> accepted, Map<String, String> rejected, String reference, String callbackNonce) {

        /** A push the platform answers at once (no callback). */
        public PushOutcome(List<String> accepted, Map<String, String> rejected, String reference) {
            this(accepted, rejected, reference, null);
        }
    }

    /**
     * @param orderId    the platform's order id (Amazon order id, Rakuten order number, Shopify order GID, …)
     * @param lineId     the platform's own id of the line as the order was placed with it (Amazon
     *                   AmazonOrderItemCode, Shopify LineItem GID, …), else null
     * @param sku        Zaiko's SKU of the line
     * @param quantity   units cancelled
     * @param idempotencyKey the same for every attempt of one cancellation
     * @param unitsKept  units of the same platform line that the order still keeps and ships (the
     *                   other part of a split line): the platform line must end with exactly these;
     *                   0 when the whole platform line is cancelled or there is no lineId
     */
    record CancellationRequest(String orderId, String lineId, String sku, int quantity, String idempotencyKey,
                               int unitsKept) {

        public CancellationRequest(String orderId, String lineId, String sku, int quantity, String idempotencyKey) {
            this(orderId, lineId, sku, quantity, idempotencyKey, 0);
        }
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

    /**
     * @param maxItems          SKUs in one bulk submission at most
     * @param submissionsPerSecond the platform's sustained rate of submissions
     * @param burst             submissions that may go at once
     */
    record BulkLimits(int maxItems, double submissionsPerSecond, int burst) {
    }

    /**
     * @param reference the platform's id of the submission (a feed id), null when nothing was sent
     * @param rejected  SKU → why it was not sent (no mapping, a quantity it cannot take)
     */
    record BulkSubmission(String reference, Map<String, String> rejected) {
    }

    /**
     * Where a bulk submission is.
     *
     * @param status   PENDING (the platform is still at it), DONE (processed: see accepted and rejected),
     *                 FAILED (the platform gave up on the whole submission: none can be counted as taken)
     * @param accepted SKUs the platform took
     * @param rejected SKU → the platform's words, for SKUs it refused
     * @param message  the platform's words about the whole submission (a failure), else null
     */
    record BulkProgress(Status status, List<String> accepted, Map<String, String> rejected, String message) {
        public enum Status { PENDING, DONE, FAILED }

        public static BulkProgress pending() {
            return new BulkProgress(Status.PENDING, List.of(), Map.of(), null);
        }

        public static BulkProgress failed(String message) {
            return new BulkProgress(Status.FAILED, List.of(), Map.of(), message);
        }
    }
}
