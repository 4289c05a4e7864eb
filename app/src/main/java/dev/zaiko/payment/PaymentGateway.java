package dev.zaiko.payment;

/**
 * The port to a payment provider: gives money back for card, debit card and PayPay payments and
 * pays out to bank accounts. One implementation is active: a {@code PaymentGateway} bean the
 * application declares, else the {@link BuiltInGateway} simulator when {@code zaiko.payment.gateway=built-in},
 * else the {@link ManualGateway} (tasks for staff; its answers are {@link GatewayReceipt#pending()
 * pending} until a person confirms them). See {@link PaymentGatewayConfiguration} and docs/payment-gateway.md.
 * <p>
 * Every call that moves money carries an idempotency key. An implementation moves money at most
 * once per key: a call whose key already moved money answers the first receipt again, marked
 * {@link GatewayReceipt#replayed()}, and moves nothing; the same key with a different request is
 * declined ({@code idempotency-key-reused}, not retryable). Callers retry with the same key, so
 * a duplicate, a retry after a timeout, or two instances racing can never pay twice.
 * <p>
 * A call runs apart from the caller's database transaction, as a provider's would: money that
 * moved stays moved when the caller rolls back, and the key is how the caller finds out.
 */
public interface PaymentGateway {

    /**
     * Releases {@code amount} of an authorisation that was never captured (a partial void reduces it).
     *
     * @throws GatewayDeclined {@code already-captured} once the payment was captured,
     *                         {@code amount-exceeds-remaining} beyond what is still authorised
     * @throws GatewayTimeout  the outcome is unknown: call again with the same key
     */
    GatewayReceipt voidAuthorization(GatewayPayment payment, long amount, String idempotencyKey) throws GatewayException;

    /**
     * Gives back {@code amount} of a captured payment (card, debit card, PayPay).
     *
     * @throws GatewayDeclined {@code not-captured} before the capture, {@code amount-exceeds-remaining}
     *                         beyond what was captured and not yet refunded
     * @throws GatewayTimeout  the outcome is unknown: call again with the same key
     */
    GatewayReceipt refund(GatewayPayment payment, long amount, String idempotencyKey) throws GatewayException;

    /**
     * Sends {@code amount} to a bank account (refunds of cash payments).
     *
     * @throws GatewayTimeout the outcome is unknown: call again with the same key
     */
    GatewayReceipt payout(BankAccount account, long amount, String idempotencyKey) throws GatewayException;

    /** The provider's name for logs and records, e.g. {@code built-in}. */
    String name();
}
