package dev.zaiko.refund;

/**
 * How one part of a payment gets back to the customer, and by what means it is carried out.
 * The days are business days from when the route is taken, the range a customer is told
 * ({@link RefundProperties} may change them per route).
 */
public enum Route {
    /** An authorisation never captured is released: nothing is charged. */
    VOID(Settlement.GATEWAY_VOID, 0, 5),
    /** A captured card payment is refunded; it shows on the next statement. */
    CARD_REFUND(Settlement.GATEWAY_REFUND, 3, 30),
    /** A debit card refund reaches the account in weeks. */
    DEBIT_REFUND(Settlement.GATEWAY_REFUND, 10, 25),
    /** Back to the PayPay balance. */
    PAYPAY_REFUND(Settlement.GATEWAY_REFUND, 0, 3),
    /**
     * A convenience-store payment: waits for the customer's bank account until the deadline; its
     * dates are the deadline's (the day the gift balance is credited without an account).
     */
    KONBINI(Settlement.AWAIT_ACCOUNT, 0, 0),
    /** Money transferred to the customer's bank account. */
    BANK_TRANSFER(Settlement.PAYOUT, 5, 10),
    /** Credited to the shop's gift balance. */
    GIFT_BALANCE(Settlement.WALLET_GIFT_BALANCE, 0, 0),
    /** Points restored (or re-granted when they expired meanwhile). */
    POINTS(Settlement.WALLET_POINTS, 0, 0),
    /** The coupon restored as unused, or an equivalent replacement. */
    COUPON(Settlement.WALLET_COUPON, 0, 0),
    /** Nothing was paid yet (cash on delivery, an unpaid slip or transfer): the amount is simply not collected. */
    NOTHING_PAID(Settlement.NONE, 0, 0),
    /** The marketplace took the payment: it gives it back by its own rules when the line is cancelled there. */
    MARKETPLACE(Settlement.NONE, 0, 5);

    enum Settlement {
        GATEWAY_VOID, GATEWAY_REFUND, PAYOUT, AWAIT_ACCOUNT, WALLET_GIFT_BALANCE, WALLET_POINTS, WALLET_COUPON, NONE
    }

    private final Settlement settlement;
    private final int fromDays;
    private final int toDays;

    Route(Settlement settlement, int fromDays, int toDays) {
        this.settlement = settlement;
        this.fromDays = fromDays;
        this.toDays = toDays;
    }

    Settlement settlement() {
        return settlement;
    }

    int fromDays() {
        return fromDays;
    }

    int toDays() {
        return toDays;
    }
}
