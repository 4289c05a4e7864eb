package dev.zaiko.payment;

/**
 * A payment as the provider knows it, named in a call to the {@link PaymentGateway}.
 *
 * @param reference   the provider's payment id: the order's payment reference, or the order number
 *                    when the checkout sent none
 * @param method      {@code CREDIT_CARD}, {@code DEBIT_CARD} or {@code PAYPAY}
 * @param status      {@code AUTHORIZED}, {@code CAPTURED} or {@code PAID}
 * @param amount      what was authorised or captured in money, whole yen
 * @param orderNumber the order it paid for, for the provider's records
 */
public record GatewayPayment(String reference, String method, String status, long amount, String orderNumber) {
}
