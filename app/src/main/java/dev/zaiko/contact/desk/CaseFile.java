package dev.zaiko.contact.desk;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import dev.zaiko.order.Order;
import dev.zaiko.stockout.StockoutCase;
import dev.zaiko.stockout.StockoutDecision;
import dev.zaiko.stockout.StockoutOption;

/**
 * Everything the desk tells a customer about one case, read at one moment: the case and its
 * options now, the order (the customer's name and address live there), the decision if there is
 * one, and until when the customer may choose.
 *
 * @param decideBy null once decided
 */
public record CaseFile(StockoutCase stockout, StockoutOption.Options options, Order order, Locale locale, Instant decideBy,
                Optional<StockoutDecision> decision) {

    public String itemName() {
        var name = stockout.facts().item().name();
        if (name == null) return stockout.sku();
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? name.en() : name.ja();
    }
}
