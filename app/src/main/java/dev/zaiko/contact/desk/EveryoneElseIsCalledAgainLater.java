package dev.zaiko.contact.desk;

import dev.zaiko.shop.ShopCalendar;
import java.time.Duration;
import java.util.Optional;

/** Any other order: call again {@code after} the missed call, inside calling hours. */
public record EveryoneElseIsCalledAgainLater(Duration after, ShopCalendar calendar) implements MissedCallRule {

    @Override
    public Optional<NextCall> apply(MissedCall call) {
        return Optional.of(new NextCall(calendar.nextCallSlot(MissedCallRule.wholeMinute(call.at().plus(after))), name()));
    }
}
