package dev.zaiko.contact.desk;

import dev.zaiko.shop.ShopCalendar;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * What the desk does after a call nobody answered, all rules in one place, first match wins:
 * <ol>
 * <li>{@link WrongNumberMeansWritingOnly}</li>
 * <li>{@link StopCallingAfterTooManyMissedCalls}</li>
 * <li>{@link UrgentOrdersAreCalledAgainSoon}</li>
 * <li>{@link EveryoneElseIsCalledAgainLater}</li>
 * </ol>
 * Every case gets an email at once whatever the rule says; the rules only decide the next call.
 */
@Component
public class MissedCallRules {

    private final List<MissedCallRule> rules;

    MissedCallRules(ContactProperties properties, ShopCalendar calendar) {
        this.rules = List.of(
                new WrongNumberMeansWritingOnly(),
                new StopCallingAfterTooManyMissedCalls(properties.maxMissedCalls()),
                new UrgentOrdersAreCalledAgainSoon(properties.urgentCallBackAfter(), calendar),
                new EveryoneElseIsCalledAgainLater(properties.callBackAfter(), calendar));
    }

    public List<MissedCallRule> rules() {
        return rules;
    }

    public NextCall after(MissedCall call) {
        for (MissedCallRule rule : rules) {
            var next = rule.apply(call);
            if (next.isPresent()) return next.get();
        }
        throw new IllegalStateException("The last rule applies to every missed call");
    }
}
