package dev.zaiko.stockout;

import dev.zaiko.shop.BusinessDays;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Everyone else: priority 3, by the end of the next business day after the day of detection
 * (detected on Friday evening or at the weekend: Monday).
 */
public record EveryoneElseWithinTheNextBusinessDay(BusinessDays calendar, LocalTime dayEnds, ZoneId zone)
        implements ServiceLevelRule {

    @Override
    public Optional<ServiceLevel> apply(Urgency u) {
        LocalDate detected = LocalDate.ofInstant(u.detectedAt(), zone);
        LocalDate next = calendar.nextBusinessDayAfter(detected);
        return Optional.of(new ServiceLevel(3, next.atTime(dayEnds).atZone(zone).toInstant(), name()));
    }
}
