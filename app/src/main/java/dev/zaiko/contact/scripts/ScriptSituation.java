package dev.zaiko.contact.scripts;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import dev.zaiko.order.Order;
import dev.zaiko.order.OrderLineShort;
import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.StockoutCase;
import dev.zaiko.stockout.StockoutDecision;
import dev.zaiko.stockout.StockoutOption;

/**
 * Everything a script variant looks at: the case, the options offered now and the order. Plain
 * data, so the variant rules are pure functions a test can feed by hand.
 *
 * @param options for a decided case, the decided option as it was offered (so the variant stays what it was)
 * @param decided the decision when the case is already decided, else null
 */
record ScriptSituation(StockoutCase stockout, StockoutOption.Options options, Order order, StockoutDecision decided) {

    Optional<StockoutOption> option(Choice choice) {
        return options.offered(choice);
    }

    boolean offered(Choice choice) {
        return option(choice).isPresent();
    }

    /** A WAIT offered with a date: the restock date is known. */
    Optional<LocalDate> restockDate() {
        return option(Choice.WAIT).map(StockoutOption::promisedDate);
    }

    boolean withheld(Choice choice, String code) {
        return options.withheld().stream().anyMatch(w -> w.choice() == choice && w.code().equals(code));
    }

    /** The manufacturer no longer makes it: the case's reason, or the option rules found the product discontinued. */
    boolean makerStopped() {
        return OrderLineShort.DISCONTINUED.equals(stockout.reason()) || withheld(Choice.WAIT, "discontinued");
    }

    /** A gift's needed-by date, if the order is a gift with one. */
    LocalDate giftDate() {
        return order.gift() ? order.neededBy() : null;
    }

    /** The delivery date promised for an express order, if one was given. */
    LocalDate expressDate() {
        return order.express() ? order.promisedDate() : null;
    }

    /** The date the order had to arrive by (the earlier of the gift's and the express promise), or null. */
    LocalDate deadline() {
        LocalDate gift = giftDate();
        LocalDate express = expressDate();
        if (gift == null) return express;
        if (express == null) return gift;
        return express.isBefore(gift) ? express : gift;
    }

    /** The deadline is the express promise (rather than a gift's date). */
    boolean deadlineIsExpress() {
        LocalDate express = expressDate();
        return express != null && express.equals(deadline());
    }

    List<StockoutOption> offered() {
        return options.offered();
    }
}
