package dev.zaiko.demo;

import java.time.LocalDate;
import java.util.List;

/**
 * Marketplace orders that arrived for stock that is no longer there, so that the demo shows
 * stockout cases of every urgency with real options from its first minute. Marketplace orders
 * are recorded whatever the stock (they were accepted elsewhere); each short line opens a case.
 * The customers are made up.
 */
final class DemoOrders {

    private DemoOrders() {
    }

    /** One order line: SKU, quantity, the unit price the customer paid. */
    record Item(String sku, int quantity, long unitPrice) {
    }

    /**
     * @param externalRef the marketplace's order id: placing the same again changes nothing
     * @param neededByInDays a gift's needed-by date, days after loading; null for none
     */
    record DemoOrder(String channel, String externalRef, String customer, String email, String phone, boolean express,
                     boolean b2b,
                     Integer neededByInDays, List<Item> items) {

        long total() {
            return items.stream().mapToLong(i -> i.quantity() * i.unitPrice()).sum();
        }

        LocalDate neededBy(LocalDate today) {
            return neededByInDays == null ? null : today.plusDays(neededByInDays);
        }
    }

    static final List<DemoOrder> ORDERS = List.of(
            // sold out, nothing expected: a cheaper bottle of the same purpose is offered, the difference refunded;
            // no phone number from the marketplace: the contact desk writes
            new DemoOrder("AMAZON", "250-0000001-1000001", "青木 春香", "haruka.aoki@example.jp", null, false, false,
                    null,
                    List.of(new Item("BOTTLE-SOFT-1L", 1, 2_750))),
            // express, three tents of which two are left: priority 1, contact within 15 minutes; a delivery is due in 5 days
            new DemoOrder("RAKUTEN", "412783-0091", "石田 大翔", "hiroto.ishida@example.jp", "090-1234-0001", true,
                    false, null,
                    List.of(new Item("TENT-2P-KAZE", 3, 52_800))),
            // a gift needed in 10 days, the next delivery comes in 30: waiting is not offered
            new DemoOrder("YAHOO", "yahoo-demo-20261122-0007", "上田 美咲", "misaki.ueda@example.jp", "080-2345-0002",
                    false, false, 10,
                    List.of(new Item("SLEEP-EXPD-M10", 1, 69_800))),
            // a business customer: the gas is there and can ship now, the wood stove is not
            new DemoOrder("AMAZON", "250-0000001-1000002", "株式会社 森のテラス", "orders@mori-terrace.example.jp",
                    "03-3456-0003", false, true, null, List.of(new Item("GAS-OD-250", 4, 660), new Item("STOVE-WOOD", 1, 7_480))));
}
