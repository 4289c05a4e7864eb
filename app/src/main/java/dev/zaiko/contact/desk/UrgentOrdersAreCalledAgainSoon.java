package dev.zaiko.contact.desk;

import dev.zaiko.shop.ShopCalendar;
import java.time.Duration;
import java.util.Optional;

/**
 * An express or gift order cannot wait for the afternoon: call again {@code after} the missed
 * call, at the first moment inside calling hours from then.
 */
public record UrgentOrdersAreCalledAgainSoon(Duration after, ShopCalendar calendar) implements MissedCallRule {

    @Override
    public Optional<NextCall> apply(MissedCall call) {
        if (!call.express() && !call.gift()) return Optional.empty();
        return Optional.of(new NextCall(calendar.nextCallSlot(MissedCallRule.wholeMinute(call.at().plus(after))), name()));
    }
}
