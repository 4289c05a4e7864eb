/**
 * Refunds and compensation. Every {@link dev.zaiko.stockout.RefundRequested} becomes one refund
 * per part of the payment it gives back (money, gift balance, points, coupon: {@code Means}), each
 * completed through the route that fits how the customer paid ({@code RefundRoutes}: a void or a
 * refund through the {@link dev.zaiko.payment.PaymentGateway}, a bank payout, the shop's own
 * ledgers in {@link dev.zaiko.wallet.Wallets}, or nothing when nothing was paid), exactly once per
 * (order, line, cause, means) however often and however concurrently it is asked. Attempts run
 * as durable jobs with backoff; a refund that keeps failing is flagged for a person. Convenience
 * store payments wait for the customer's bank account until a deadline and then go to the gift
 * balance. A marketplace refund is settled at once, unless the channel's platform is told of the
 * cancellation through the {@link dev.zaiko.refund.MarketplaceCancellations} port (the connector
 * module): then it waits for the platform's answer ({@link dev.zaiko.refund.SettlingMarketplaceRefunds}).
 * Apology coupons by the shop's policies and the absorbed price of dearer substitutes
 * are recorded as the stockout's compensation and cost. Reconciliation compares what the order
 * module says is owed ({@link dev.zaiko.order.Order#refundDue()}) with what was refunded.
 * <p>
 * Owns the {@code refund_*} tables; uses only the public API of shop (business days for
 * bank-transfer and account deadlines: {@link dev.zaiko.shop.BusinessDays}), order, inventory,
 * stockout, wallet and payment. Bank account numbers are shown and logged masked.
 * <p>
 * See docs/refunds.md.
 */
@dev.zaiko.platform.ApiTag("Refunds and compensation: one refund per part of the payment given back, retried until "
        + "done, manual bank transfers confirmed by staff, and reconciliation against what orders owe.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"access", "inventory", "order", "payment", "platform", "shop", "stockout", "wallet"})
package dev.zaiko.refund;
