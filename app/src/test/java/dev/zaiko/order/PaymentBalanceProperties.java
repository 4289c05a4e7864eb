package dev.zaiko.order;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.zaiko.platform.InvalidRequestException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** amount + points + gift balance + coupon discount = lines + shipping fee, to the yen, and nothing else passes. */
class PaymentBalanceProperties {

    @Provide
    Arbitrary<List<OrderRequest.Line>> lines() {
        return Arbitraries.integers().between(1, 100)
                .flatMap(q -> Arbitraries.longs().between(0, 100_000)
                        .map(price -> new OrderRequest.Line("SKU", q, price)))
                .list().ofMinSize(1).ofMaxSize(OrderRequest.MAX_LINES);
    }

    private static OrderRequest request(List<OrderRequest.Line> lines, long fee, long amount, long points, long gift,
                                        long coupon) {
        return new OrderRequest("WEB", null, new OrderRequest.Customer("山田 花子", "h@example.jp", null, null),
                new OrderRequest.Payment("CREDIT_CARD", "AUTHORIZED", amount, points, coupon > 0 ? "C" : null, coupon,
                        gift, null), false, null, false, false, null, fee, lines);
    }

    private static long due(List<OrderRequest.Line> lines, long fee) {
        return lines.stream().mapToLong(l -> l.quantity() * l.unitPrice()).sum() + fee;
    }

    @Property(tries = 300)
    void aPaymentThatAddsUpPassesAndAnyOtherIsRefusedWithItsDifference(
            @ForAll("lines") List<OrderRequest.Line> lines, @ForAll @LongRange(max = 2000) long fee,
            @ForAll @LongRange(max = 5000) long points, @ForAll @LongRange(max = 5000) long gift,
            @ForAll @LongRange(max = 5000) long coupon, @ForAll @LongRange(min = -3, max = 3) long off) {
        long amount = due(lines, fee) - points - gift - coupon;
        Assume.that(amount >= 0 && amount + off >= 0 && amount + off <= OrderRequest.MAX_YEN);

        if (off == 0) {
            assertThatCode(() -> PaymentBalance.check(request(lines, fee, amount, points, gift, coupon)))
                    .doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> PaymentBalance.check(request(lines, fee, amount + off, points, gift, coupon)))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        org.assertj.core.api.Assertions.assertThat(e.type()).isEqualTo("payment-mismatch");
                        org.assertj.core.api.Assertions.assertThat(e.properties())
                                .containsEntry("difference", off)
                                .containsEntry("orderTotal", due(lines, fee))
                                .containsEntry("paymentTotal", due(lines, fee) + off);
                    });
        }
    }
}
