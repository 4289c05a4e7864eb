package dev.zaiko.stockout;

import dev.zaiko.shop.BusinessDays;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The shop's contact priorities, all rules in one place, first match wins:
 * <ol>
 * <li>{@link ExpressFirst}</li>
 * <li>{@link GiftsAndBusinessCustomersNext}</li>
 * <li>{@link EveryoneElseWithinTheNextBusinessDay}</li>
 * </ol>
 * Durations and the end of the business day come from {@link ServiceLevelProperties}; the
 * days from the {@link BusinessDays}; times are read in the shop's zone (the Clock's).
 */
@Component
public class ServiceLevelPolicy {

    private final List<ServiceLevelRule> rules;

    @Autowired
    ServiceLevelPolicy(ServiceLevelProperties properties, BusinessDays calendar, Clock clock) {
        this(properties, calendar, clock.getZone());
    }

    public ServiceLevelPolicy(ServiceLevelProperties properties, BusinessDays calendar, ZoneId zone) {
        this.rules = List.of(
                new ExpressFirst(properties.express()),
                new GiftsAndBusinessCustomersNext(properties.giftsAndBusiness()),
                new EveryoneElseWithinTheNextBusinessDay(calendar, properties.businessDayEnds(), zone));
    }

    public List<ServiceLevelRule> rules() {
        return rules;
    }

    public ServiceLevel levelFor(Urgency urgency) {
        for (ServiceLevelRule rule : rules) {
            var level = rule.apply(urgency);
            if (level.isPresent()) return level.get();
        }
        throw new IllegalStateException("The last rule applies to everyone");
    }
}
