/**
 * Payments with a provider: the {@link dev.zaiko.payment.PaymentGateway} port through which
 * money goes back to customers (voids of authorisations, refunds of captured card, debit card and
 * PayPay payments, payouts to a {@link dev.zaiko.payment.BankAccount}), every call carrying an
 * idempotency key so that nothing is ever paid twice. Which gateway is active is decided in
 * {@link dev.zaiko.payment.PaymentGatewayConfiguration}: a provider's adapter the application
 * declares; else the {@link dev.zaiko.payment.BuiltInGateway}, a simulator for development and
 * tests with books of its own, only with {@code zaiko.payment.gateway=built-in}; else the {@link
 * dev.zaiko.payment.ManualGateway}, whose calls become {@link dev.zaiko.payment.ManualTask}s for
 * staff ({@code gateway_manual_task}).
 * <p>
 * Knows orders only by the number a caller passes; depends on no other module but platform
 * ({@code allowedDependencies}, checked by ModuleBoundariesTest), so that refund and a provider's
 * adapter can depend on it. See docs/payment-gateway.md.
 */
@dev.zaiko.platform.ApiTag("The built-in payment gateway simulator (development and tests only): authorisations, "
        + "captures and its books.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package dev.zaiko.payment;
