package dev.zaiko.stockout;

import java.util.Optional;

/**
 * What the customer pays for a substitute, by the shop's two price rules:
 * <ul>
 * <li><b>a cheaper substitute refunds the difference</b>: it is sold at its own price and the
 * customer gets {@code (paid - price) x quantity} back;</li>
 * <li><b>the shop absorbs a small difference</b>: a dearer substitute is sold at the price the
 * customer paid when the difference for the line is at most the shop's absorb limit; beyond it
 * the substitute is not offered (Zaiko never asks a customer to pay more for the shop's miss).</li>
 * </ul>
 *
 * @param chargedUnitPrice whole yen per unit the customer pays for the substitute
 * @param refundAmount     whole yen refunded for the line (cheaper substitute)
 * @param absorbedAmount   whole yen the shop gives up for the line (dearer substitute)
 */
public record SubstitutePrice(long chargedUnitPrice, long refundAmount, long absorbedAmount) {

    public static Optional<SubstitutePrice> of(long paidUnitPrice, long listPrice, int quantity, long absorbLimit) {
        if (listPrice <= paidUnitPrice) {
            return Optional.of(new SubstitutePrice(listPrice, (paidUnitPrice - listPrice) * quantity, 0));
        }
        long difference = (listPrice - paidUnitPrice) * quantity;
        return difference <= absorbLimit
                ? Optional.of(new SubstitutePrice(paidUnitPrice, 0, difference))
                : Optional.empty();
    }
}
