package dev.zaiko.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * "Order {@code quantity} of {@code sku} by {@code orderBy}", with what it rests on and the reason in
 * the caller's language.
 *
 * @param quantity         units to order; 0 when nothing is to be ordered within a year (or there is no demand)
 * @param orderBy          the last day to order for the goods to arrive in time, never before today; null
 *                         when nothing is to be ordered
 * @param arrivesBy        when those goods must arrive (orderBy plus the lead time); null with orderBy
 * @param late             the stock falls to the safety stock before an order placed today can arrive
 * @param method           SES, CROSTON_SBA or NONE (no demand recorded)
 * @param dailyDemand      the forecast demand rate, units a day
 * @param defaultLeadTime  the product has no lead time of its own: the shop default was used
 * @param safetyStock      units kept for the service level
 * @param onHand           SELLABLE and INSPECTING units over every location (reserved ones are promised)
 * @param inbound          units of the open (EXPECTED) inbounds
 * @param waiting          customers in the back-in-stock queues, counted as demand now
 * @param stockoutCases    stockout cases (not withdrawn) of the SKU in the last 90 days
 * @param countDifferences counts in the last 90 days that differed from what the system held
 * @param flags            REPEAT_STOCKOUTS, COUNT_DIFFERS
 * @param flagTexts        what each flag suggests, in the caller's language
 */
public record ReorderSuggestion(String sku, String name, long quantity, LocalDate orderBy, LocalDate arrivesBy,
                                boolean late, String method, double dailyDemand, double demandSpread, int historyDays,
                                int leadTimeDays, boolean defaultLeadTime, int reviewPeriodDays,
                                BigDecimal serviceLevelPercent, long safetyStock, int onHand, int inbound, int waiting,
                                int stockoutCases, int countDifferences, List<Flag> flags, List<String> flagTexts,
                                String reason) {

    public enum Flag {
        /** Stockouts repeat (≥ 3 cases, or ≥ 2 sell-out episodes, in 90 days): the demand forecast is off. */
        REPEAT_STOCKOUTS,
        /** Counts keep differing from the system (≥ 2 in 90 days): count it weekly. */
        COUNT_DIFFERS
    }
}
