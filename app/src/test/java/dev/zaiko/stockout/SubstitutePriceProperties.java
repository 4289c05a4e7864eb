package dev.zaiko.stockout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The price rules never charge more than was paid, never absorb beyond the limit, and always account for the difference. */
class SubstitutePriceProperties {

    @Property
    void theCustomerNeverPaysMoreAndEveryYenIsAccountedFor(@ForAll @LongRange(max = 1_000_000) long paid,
                                                           @ForAll @LongRange(max = 1_000_000) long listPrice,
                                                           @ForAll @IntRange(min = 1, max = 50) int quantity,
                                                           @ForAll @LongRange(max = 100_000) long limit) {
        Optional<SubstitutePrice> price = SubstitutePrice.of(paid, listPrice, quantity, limit);
        long difference = (listPrice - paid) * quantity;
        if (price.isEmpty()) {
            assertThat(difference).isGreaterThan(limit);
            return;
        }
        SubstitutePrice p = price.get();
        assertThat(p.chargedUnitPrice()).isLessThanOrEqualTo(paid);
        assertThat(p.absorbedAmount()).isBetween(0L, limit);
        assertThat(p.refundAmount()).isGreaterThanOrEqualTo(0);
        assertThat(p.refundAmount() == 0 || p.absorbedAmount() == 0).isTrue();
        // what the customer pays + what they get back + what the shop gives up = the substitute at list price
        assertThat(p.chargedUnitPrice() * quantity + p.absorbedAmount()).isEqualTo(listPrice * quantity);
        assertThat(paid * quantity - p.refundAmount() + p.absorbedAmount()).isEqualTo(listPrice * quantity);
    }
}
