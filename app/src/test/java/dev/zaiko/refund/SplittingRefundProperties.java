package dev.zaiko.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** However a payment is made up and however it is refunded in pieces, every yen back is a yen paid, once. */
class SplittingRefundProperties {

    @Property(tries = 500)
    void piecesNeverGiveBackMoreOfAPartThanWasPaidWithIt(
            @ForAll @LongRange(max = 50_000) long money, @ForAll @LongRange(max = 5_000) long gift,
            @ForAll @LongRange(max = 3_000) long points, @ForAll @LongRange(max = 2_000) long coupon,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 100) Integer> shares) {
        Map<Means, Long> paid = new EnumMap<>(Map.of(Means.PAYMENT, money, Means.GIFT_BALANCE, gift, Means.POINTS,
                points, Means.COUPON, coupon));
        long total = money + gift + points + coupon;
        int sum = shares.stream().mapToInt(Integer::intValue).sum();
        Map<Means, Long> requested = new EnumMap<>(Means.class);
        long given = 0;
        for (int i = 0; i < shares.size(); i++) {
            long amount = i == shares.size() - 1 ? total - given : total * shares.get(i) / sum;
            if (amount <= 0) continue;
            List<SplittingRefund.Part> parts = SplittingRefund.split(amount, paid, requested);
            assertThat(parts.stream().mapToLong(SplittingRefund.Part::amount).sum()).isEqualTo(amount);
            for (SplittingRefund.Part p : parts) {
                assertThat(p.amount()).isPositive();
                requested.merge(p.means(), p.amount(), Long::sum);
                assertThat(requested.get(p.means())).isLessThanOrEqualTo(paid.get(p.means()));
            }
            given += amount;
        }
        assertThat(given).isEqualTo(total);
        assertThat(requested.entrySet()).allSatisfy(e -> assertThat(e.getValue()).isEqualTo(paid.get(e.getKey())));
        if (total > 0) {
            assertThatThrownBy(() -> SplittingRefund.split(1, paid, requested))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property(tries = 200)
    void moneyComesBackFirstAndTheCouponLast(@ForAll @LongRange(min = 1, max = 10_000) long money,
                                             @ForAll @LongRange(min = 1, max = 2_000) long coupon,
                                             @ForAll @LongRange(min = 1, max = 12_000) long amount) {
        Map<Means, Long> paid = Map.of(Means.PAYMENT, money, Means.COUPON, coupon);
        if (amount > money + coupon) return;
        List<SplittingRefund.Part> parts = SplittingRefund.split(amount, paid, Map.of());
        assertThat(parts.get(0).means()).isEqualTo(Means.PAYMENT);
        long fromCoupon = parts.stream().filter(p -> p.means() == Means.COUPON).mapToLong(SplittingRefund.Part::amount)
                .sum();
        assertThat(fromCoupon).isEqualTo(Math.max(0, amount - money));
    }
}
