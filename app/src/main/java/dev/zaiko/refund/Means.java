package dev.zaiko.refund;

/**
 * The parts a payment is made of; each part goes back by its own route. The order is the order
 * in which a refund takes from them: money first (what the customer misses most), then the gift
 * balance and points, the coupon last, because it still discounts the lines that remain.
 */
public enum Means {
    PAYMENT, GIFT_BALANCE, POINTS, COUPON
}
