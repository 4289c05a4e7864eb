package dev.zaiko.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.zaiko.catalog.PriceChanged;
import dev.zaiko.contact.CallOutcome;
import dev.zaiko.contact.CallReported;
import dev.zaiko.insight.InsightJournal;
import dev.zaiko.inventory.StockCounted;
import dev.zaiko.inventory.TillSold;
import dev.zaiko.mail.EmailSent;
import dev.zaiko.order.OrderPlaced;
import dev.zaiko.order.OrderPlaced.PlacedLine;
import dev.zaiko.refund.ApologyCouponIssued;
import dev.zaiko.refund.RefundCompleted;
import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.StockoutDecided;
import dev.zaiko.stockout.StockoutOpened;
import dev.zaiko.wallet.CouponRedeemed;

/**
 * Six months of made-up history for the insight pages, told to insight's journal as facts: orders
 * (numbers {@code HIST-…}), till sales, stockout cases with their calls, emails, decisions, refunds and
 * coupons, price changes and counts. They exist in insight only: the order and case pages do not know
 * them (docs/demo-shop.md). Deterministic, and told once: the first fact's key is the same every day,
 * so a journal that already has it is left as it is.
 */
final class DemoHistory {

    static final int DAYS = 182;

    /** SKU, price, relative popularity. */
    private record Item(String sku, long price, int weight) {
    }

    private static final List<Item> ITEMS = List.of(
            new Item("GAS-OD-250", 660, 30), new Item("LAMP-HEAD-200", 2_980, 14), new Item("LAMP-HEAD-400", 5_280, 8),
            new Item("LAMP-HEAD-800R", 9_900, 6), new Item("BOTTLE-SS-750", 4_400, 10),
            new Item("BOTTLE-SS-500", 3_850, 8), new Item("STOVE-GAS-MINI", 6_600, 7),
            new Item("TENT-2P-HOSHI", 24_800, 4), new Item("TENT-1P-SOLO", 29_800, 2),
            new Item("SLEEP-SYN-0", 14_800, 3), new Item("CHAIR-LOW", 8_800, 4));
    private static final List<String> CHANNELS = List.of("WEB", "WEB", "WEB", "AMAZON", "AMAZON", "RAKUTEN", "YAHOO");
    private static final List<String> REASONS = List.of("ALLOCATION_FAILED", "ALLOCATION_FAILED", "DISPLACED",
            "INSPECTION_DEFECT", "INBOUND_SHORT", "SUPPLIER_CANCELLED");
    private static final List<String> HELPED = List.of("先に謝罪した", "入荷日を伝えた", "代替品を提案した",
            "クーポンを案内した", "話を最後まで聞いた");
    private static final List<String> HURT = List.of("待たせた", "言い訳に聞こえた", "確認せずに約束した");
    private static final List<String> LESSONS = List.of("入荷日を先に伝えると落ち着いてもらえた",
            "代替品は写真つきのメールで送ると決めやすい", "ギフト用は到着日を最初に確認する");

    private DemoHistory() {
    }

    /** Tells the journal the history ending yesterday; returns how many facts were new. */
    static int tell(InsightJournal journal, Clock clock) {
        ZoneId zone = clock.getZone();
        LocalDate today = LocalDate.now(clock);
        List<Object> facts = facts(today, zone);
        if (!journal.record(facts.get(0))) return 0; // told on an earlier start
        int told = 1;
        for (Object fact : facts.subList(1, facts.size())) {
            if (journal.record(fact)) told++;
        }
        return told;
    }

    static List<Object> facts(LocalDate today, ZoneId zone) {
        Random random = new Random(20);
        List<Object> facts = new ArrayList<>();
        int totalWeight = ITEMS.stream().mapToInt(Item::weight).sum();
        int orderNo = 0, caseNo = 0;
        // customers a stockout lost order no more: how the case went decides (what helped, what hurt, a cancel)
        java.util.Set<String> lost = new java.util.HashSet<>();
        for (int d = DAYS; d >= 1; d--) {
            LocalDate day = today.minusDays(d);
            Instant open = day.atTime(9, 0).atZone(zone).toInstant();
            if (d == DAYS) {
                for (Item item : ITEMS) {
                    facts.add(new PriceChanged(item.sku(), null, item.price(), "JPY", "demo", open));
                }
            }
            if (d == 120) facts.add(new PriceChanged("LAMP-HEAD-200", 2_980L, 2_680, "JPY", "demo", open));
            if (d == 60) facts.add(new PriceChanged("LAMP-HEAD-200", 2_680L, 2_980, "JPY", "demo", open));
            int orders = 6 + random.nextInt(6) + (day.getDayOfWeek().getValue() >= 6 ? 4 : 0);
            for (int o = 0; o < orders; o++) {
                orderNo++;
                String number = "HIST-%05d".formatted(orderNo);
                Instant at = open.plus(Duration.ofMinutes(random.nextInt(12 * 60)));
                Item item = pick(random, totalWeight);
                int quantity = item.sku().equals("GAS-OD-250") ? 1 + random.nextInt(4) : 1;
                String customer = "demo-customer-" + (int) (Math.pow(random.nextDouble(), 2) * 600);
                if (lost.contains(customer)) customer = "demo-customer-once-" + orderNo;
                long total = item.price() * quantity + 600;
                facts.add(new OrderPlaced(number, CHANNELS.get(random.nextInt(CHANNELS.size())), customer, null, false,
                        List.of(new PlacedLine(1, item.sku(), quantity, item.price(), false)), 600, total, at));
                if (random.nextInt(30) == 0 || (item.sku().equals("TENT-2P-HOSHI") && random.nextInt(4) == 0)) {
                    caseNo++;
                    List<Object> aCase = aCase(random, "HIST-CASE-%04d".formatted(caseNo), number, item, quantity, at);
                    facts.addAll(aCase);
                    if (random.nextDouble() < chanceToLose(aCase)) lost.add(customer);
                }
            }
            if (random.nextInt(3) > 0) {
                Item item = pick(random, totalWeight);
                facts.add(new TillSold(item.sku(), "STORE-KICHIJOJI", 1, "HIST-TILL-" + d, -d,
                        open.plus(Duration.ofHours(3))));
            }
            if (d % 7 == 0) {
                int expected = 20 + random.nextInt(10);
                int counted = d % 14 == 0 ? expected - 1 - random.nextInt(2) : expected;
                facts.add(new StockCounted("GAS-OD-250", "WH-KAWAGUCHI", expected, counted, "weekly count",
                        open.minus(Duration.ofMinutes(30))));
            }
        }
        return facts;
    }

    private static List<Object> aCase(Random random, String caseId, String number, Item item, int quantity,
                                      Instant placed) {
        List<Object> facts = new ArrayList<>();
        Instant detected = placed.plus(Duration.ofMinutes(5 + random.nextInt(600)));
        Instant deadline = detected.plus(Duration.ofHours(4 + random.nextInt(20)));
        String reason = REASONS.get(random.nextInt(REASONS.size()));
        facts.add(new StockoutOpened(caseId, number, 1, item.sku(), reason, 1 + random.nextInt(3), deadline,
                "NEXT_BUSINESS_DAY", false, random.nextInt(10) == 0, null, false, detected));
        Instant at = detected.plus(Duration.ofMinutes(10 + random.nextInt(random.nextInt(5) == 0 ? 2_000 : 300)));
        facts.add(new EmailSent(UUID.nameUUIDFromBytes((caseId + "-mail").getBytes()), "<" + caseId + "@demo>", caseId,
                number, "FIRST_NOTICE", at));
        CallOutcome outcome = CallOutcome.NO_ANSWER;
        for (int call = 1; call <= 3 && outcome != CallOutcome.CONNECTED; call++) {
            at = at.plus(Duration.ofMinutes(30 + random.nextInt(240)));
            outcome = random.nextInt(3) == 0 ? CallOutcome.VOICEMAIL : random.nextInt(2) == 0 ? CallOutcome.CONNECTED
                    : CallOutcome.NO_ANSWER;
            if (call == 3) outcome = CallOutcome.CONNECTED;
            List<String> helped = outcome == CallOutcome.CONNECTED
                    ? List.of(HELPED.get(random.nextInt(HELPED.size())), HELPED.get(random.nextInt(2))).stream()
                            .distinct().toList()
                    : List.of();
            List<String> hurt = outcome == CallOutcome.CONNECTED && random.nextInt(4) == 0
                    ? List.of(HURT.get(random.nextInt(HURT.size()))) : List.of();
            String lesson = outcome == CallOutcome.CONNECTED && random.nextInt(3) == 0
                    ? LESSONS.get(random.nextInt(LESSONS.size())) : null;
            facts.add(new CallReported(UUID.nameUUIDFromBytes((caseId + "-call-" + call).getBytes()), caseId, number,
                    outcome, call == 1 ? "sato" : "tanaka", helped, hurt, lesson, at));
        }
        Choice choice = List.of(Choice.WAIT, Choice.WAIT, Choice.SUBSTITUTE, Choice.CANCEL, Choice.CANCEL,
                Choice.DROP_SHIP).get(random.nextInt(6));
        long refund = choice == Choice.CANCEL ? item.price() * quantity : 0;
        Instant decided = at.plus(Duration.ofMinutes(2));
        facts.add(new StockoutDecided(caseId, number, 1, 1, choice, quantity,
                choice == Choice.SUBSTITUTE ? "LAMP-HEAD-400" : null, null, "CALL", refund,
                choice == Choice.SUBSTITUTE ? 300 : 0, 0, false, "tanaka", decided));
        if (refund > 0) {
            facts.add(new RefundCompleted(caseId + "-refund", number, 1, "LINE_CANCELLED", "CARD", "CARD_REFUND", refund,
                    null, decided.plus(Duration.ofHours(1))));
        }
        if (random.nextInt(2) == 0) {
            String code = caseId + "-COUPON";
            facts.add(new ApologyCouponIssued(caseId, number, code, "AMOUNT", 500, null, "EVERY_STOCKOUT",
                    decided.plus(Duration.ofMinutes(1))));
            if (random.nextInt(3) == 0) {
                facts.add(new CouponRedeemed(code, number + "-R", 500, decided.plus(Duration.ofDays(5))));
            }
        }
        return facts;
    }

    /** Lost more often after a cancel or something that hurt, less often after an apology or a date. */
    private static double chanceToLose(List<Object> aCase) {
        double chance = 0.3;
        for (Object fact : aCase) {
            if (fact instanceof CallReported c) {
                if (c.helped().contains(HELPED.get(0)) || c.helped().contains(HELPED.get(1))) chance -= 0.15;
                if (!c.hurt().isEmpty()) chance += 0.35;
            }
            if (fact instanceof StockoutDecided d && d.choice() == Choice.CANCEL) chance += 0.2;
        }
        return Math.max(0.05, Math.min(0.9, chance));
    }

    private static Item pick(Random random, int totalWeight) {
        int r = random.nextInt(totalWeight);
        for (Item item : ITEMS) {
            r -= item.weight();
            if (r < 0) return item;
        }
        throw new IllegalStateException();
    }
}
