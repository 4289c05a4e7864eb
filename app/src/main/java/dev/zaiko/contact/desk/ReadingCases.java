package dev.zaiko.contact.desk;

import java.util.List;
import java.util.Locale;

import dev.zaiko.order.OrderNumber;
import dev.zaiko.order.Orders;
import dev.zaiko.stockout.ComputingOptions;
import dev.zaiko.stockout.DecidingStockout;
import dev.zaiko.stockout.StockoutCase;
import dev.zaiko.stockout.StockoutCases;
import dev.zaiko.stockout.StockoutOption;
import dev.zaiko.stockout.StockoutStatus;
import org.springframework.stereotype.Component;

/** Reads a {@link CaseFile} through the stockout and order modules' public API. */
@Component
public class ReadingCases {

    private final StockoutCases cases;
    private final ComputingOptions options;
    private final DecidingStockout deciding;
    private final Orders orders;

    ReadingCases(StockoutCases cases, ComputingOptions options, DecidingStockout deciding, Orders orders) {
        this.cases = cases;
        this.options = options;
        this.deciding = deciding;
        this.orders = orders;
    }

    /** @param locale null: the customer's own language */
    public CaseFile read(String caseId, Locale locale) {
        StockoutCase c = cases.get(caseId);
        var order = orders.get(OrderNumber.parse(c.orderNumber()));
        var decision = deciding.decision(c.id());
        boolean undecided = c.status() == StockoutStatus.OPEN || c.status() == StockoutStatus.AWAITING_DECISION;
        StockoutOption.Options offered = undecided ? options.of(c) : new StockoutOption.Options(List.of(), List.of());
        Locale language = locale != null ? locale : customerLocale(order.customer().locale());
        return new CaseFile(c, offered, order, language, undecided ? deciding.deadline(c) : null, decision);
    }

    public static Locale customerLocale(String locale) {
        return "en".equalsIgnoreCase(locale) ? Locale.ENGLISH : Locale.JAPANESE;
    }
}
