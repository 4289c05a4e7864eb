package dev.zaiko.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * What must hold after Zaiko was killed and started again on the same data, checked through its
 * API against the {@link ChaosBook}:
 * <ul>
 * <li>every acknowledged order is there once: its replay (same reference, same body) answers 200
 * with the same number; an order whose answer never came is sent again, as a client retries;
 * <li>every acknowledged reservation is there, in the state last acknowledged (a release or commit
 * whose answer never came may or may not have happened);
 * <li>nothing oversold, per SKU: every bucket non-negative, what was received = on hand (sellable
 * + reserved + inspecting + defective) + what acknowledged commits shipped, reserved covers at
 * least the acknowledged open reservations (units reserved by requests that were never answered
 * may stay reserved), and the ledger folds to the levels ({@code GET /api/stock/consistency});
 * <li>every acknowledged stockout decision has its refund once and its follow-up email once, and
 * the refund reconciliation lists no difference (bounded wait: the events are redelivered after
 * the restart);
 * <li>the channel's feed shows each SKU's true ATS ({@code GET /api/availability/{sku}}) within
 * the feed bound.
 * </ul>
 * Before checking, the stockout flows the kill interrupted are carried on (pack, decide), so that
 * each ends with a decision to check.
 */
final class ChaosCheck {

    record Result(long lost, long duplicated, List<String> failures, Duration feedConvergence, Duration settled) {
    }

    private final ChaosClient client;
    private final ChaosBook book;
    private final Duration asyncBound;
    private final Duration feedBound;
    private final List<String> failures = new ArrayList<>();
    private long lost;
    private long duplicated;

    ChaosCheck(ChaosClient client, ChaosBook book, Duration asyncBound, Duration feedBound) {
        this.client = client;
        this.book = book;
        this.asyncBound = asyncBound;
        this.feedBound = feedBound;
    }

    Result run() {
        long started = System.nanoTime();
        Duration feed = feeds(); // first: how soon after the restart the channel shows the truth
        orders();
        reservations();
        stock();
        finishStockouts();
        refundsAndEmails();
        return new Result(lost, duplicated, List.copyOf(failures), feed, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Sends an order (first time, or again after its answer was lost) and books the answer.
     *
     * @return whether it is acknowledged and, for a stockout order, its line is allocated
     */
    static boolean placeOrReplay(ChaosClient client, ChaosBook book, ChaosBook.Order order,
                                 Collection<String> problems) {
        ChaosClient.Reply reply = client.post("/api/orders", order.body);
        if (reply.status() == 409 && reply.body().contains("insufficient-stock")) {
            order.refused = true;
            book.refused();
            return false;
        }
        if (reply.status() != 201 && reply.status() != 200) {
            throw new IllegalStateException("order " + order.ref + ": " + reply.status() + " " + reply.body());
        }
        JsonNode placed = reply.json();
        String number = placed.path("orderNumber").asString();
        if (order.number != null && !order.number.equals(number)) {
            problems.add("order " + order.ref + " was acknowledged as " + order.number + " and now answers " + number);
        }
        boolean first = order.number == null;
        order.number = number;
        if (first) book.acknowledge(ChaosBook.Kind.ORDER);
        String line = placed.path("lines").path(0).path("status").asString();
        return !order.stockout || line.equals("ALLOCATED");
    }

    private void orders() {
        for (ChaosBook.Order order : book.orders.values()) {
            if (order.number != null) {
                ChaosClient.Reply replay = client.post("/api/orders", order.body);
                String number = replay.json().path("orderNumber").asString();
                if (replay.status() == 201) {
                    lost++;
                    failures.add("order " + order.number + " (" + order.ref + ") was acknowledged, but its replay made a "
                            + "new order " + number);
                } else if (replay.status() != 200) {
                    failures.add("replay of order " + order.ref + ": " + replay.status() + " " + replay.body());
                } else if (!number.equals(order.number)) {
                    duplicated++;
                    failures.add("order " + order.ref + " was acknowledged as " + order.number + ", its replay answers "
                            + number);
                } else if (client.get("/api/orders/" + order.number).status() != 200) {
                    lost++;
                    failures.add("order " + order.number + " was acknowledged but is not found");
                }
            } else if (!order.refused) {
                List<String> problems = new ArrayList<>();
                placeOrReplay(client, book, order, problems); // the client retries an unanswered order
                failures.addAll(problems);
            }
        }
    }

    private void reservations() {
        for (ChaosBook.Reservation r : book.reservations.values()) {
            ChaosClient.Reply reply = client.get("/api/reservations/" + r.id);
            if (reply.status() == 404) {
                lost++;
                failures.add("reservation " + r.id + " (" + r.quantity + " of " + r.sku + ") was acknowledged but is gone");
                continue;
            }
            String status = client.ok(reply, "reservation " + r.id).path("status").asString();
            ChaosBook.State seen;
            try {
                seen = ChaosBook.State.valueOf(status);
            } catch (IllegalArgumentException e) {
                failures.add("reservation " + r.id + " is " + status + ", acknowledged as " + r.state);
                continue;
            }
            if (seen != r.state && seen != r.pending) {
                failures.add("reservation " + r.id + " is " + seen + ", acknowledged as " + r.state
                        + (r.pending == null ? "" : " (" + r.pending + " sent, unanswered)"));
                if (r.state == ChaosBook.State.OPEN || r.state == ChaosBook.State.COMMITTED) lost++;
            }
            r.state = seen; // an unanswered release or commit happened, or not: now it is known
            r.pending = null;
        }
    }

    private void stock() {
        for (Map.Entry<String, Long> entry : new HashMap<>(book.received).entrySet()) {
            String sku = entry.getKey();
            JsonNode stock = client.ok(client.get("/api/stock/" + sku), "stock of " + sku);
            long inspecting = 0, sellable = 0, reserved = 0, defective = 0;
            for (JsonNode level : stock.path("locations")) {
                for (String bucket : List.of("inspecting", "sellable", "reserved", "defective")) {
                    if (level.path(bucket).asLong() < 0) {
                        failures.add(sku + " at " + level.path("location").asString() + ": " + bucket + " is "
                                + level.path(bucket).asLong());
                    }
                }
                inspecting += level.path("inspecting").asLong();
                sellable += level.path("sellable").asLong();
                reserved += level.path("reserved").asLong();
                defective += level.path("defective").asLong();
            }
            long shipped = book.reservations.values().stream()
                    .filter(r -> r.sku.equals(sku) && r.state == ChaosBook.State.COMMITTED).mapToLong(r -> r.quantity).sum();
            long open = book.reservations.values().stream()
                    .filter(r -> r.sku.equals(sku) && r.state == ChaosBook.State.OPEN).mapToLong(r -> r.quantity).sum();
            long onHand = inspecting + sellable + reserved + defective;
            if (onHand + shipped != entry.getValue()) {
                failures.add(sku + ": received " + entry.getValue() + " but on hand " + onHand + " (sellable " + sellable
                        + ", reserved " + reserved + ", inspecting " + inspecting + ", defective " + defective
                        + ") + shipped by acknowledged commits " + shipped + " = " + (onHand + shipped));
            }
            if (reserved < open) {
                failures.add(sku + ": reserved " + reserved + " < units of acknowledged open reservations " + open);
            }
        }
        JsonNode consistency = client.ok(client.get("/api/stock/consistency"), "stock consistency");
        if (!consistency.path("consistent").asBoolean()) {
            failures.add("stock ledger inconsistent: " + consistency.path("mismatches"));
        }
    }

    /** The stockout flows the kill cut short are carried on, as the packer and the customer would. */
    private void finishStockouts() {
        for (ChaosBook.Order order : book.acknowledgedOrders()) {
            if (!order.stockout || order.decided) continue;
            try {
                if (!order.packed) {
                    String line = client.ok(client.get("/api/orders/" + order.number), "order " + order.number)
                            .path("lines").path(0).path("status").asString();
                    if (!line.equals("ALLOCATED") && !line.equals("AWAITING_CUSTOMER")) continue;
                    if (line.equals("ALLOCATED")) ChaosLoad.packDefective(client, book, order);
                    else order.packed = true;
                }
                ChaosLoad.decideCancel(client, book, order);
            } catch (RuntimeException e) {
                failures.add("carrying on the stockout of order " + order.number + ": " + e.getMessage());
            }
        }
    }

    private void refundsAndEmails() {
        List<ChaosBook.Order> decided = book.acknowledgedOrders().stream().filter(o -> o.decided).toList();
        Set<String> done = new HashSet<>();
        Map<String, String> waiting = new HashMap<>();
        boolean settled = await(asyncBound, () -> {
            for (ChaosBook.Order order : decided) {
                if (done.contains(order.number)) continue;
                String problem = refundAndEmail(order);
                if (problem == null) {
                    done.add(order.number);
                    waiting.remove(order.number);
                } else {
                    waiting.put(order.number, problem);
                }
            }
            return waiting.isEmpty();
        });
        if (!settled) {
            lost += waiting.size();
            waiting.forEach((number, problem) -> failures.add("order " + number + " (decision acknowledged): " + problem
                    + " after " + asyncBound.toSeconds() + " s"));
        }
        List<String> differences = new ArrayList<>();
        boolean reconciled = await(asyncBound, () -> {
            JsonNode reconciliation = client.ok(client.get("/api/refunds/reconciliation"), "refund reconciliation");
            differences.clear();
            reconciliation.path("differences").forEach(d -> differences.add(d.toString()));
            return differences.isEmpty();
        });
        if (!reconciled) failures.add("refund reconciliation lists differences: " + differences);
    }

    /** Null when the order's refund and follow-up are there exactly once; otherwise what is missing. */
    private String refundAndEmail(ChaosBook.Order order) {
        JsonNode refunds = client.ok(client.get("/api/refunds?order=" + order.number), "refunds of " + order.number);
        Set<String> keys = new HashSet<>();
        for (JsonNode r : refunds.path("refunds")) {
            String key = r.path("lineNo").asInt() + "/" + r.path("reason").asString() + "/" + r.path("means").asString();
            if (!keys.add(key)) {
                duplicated++;
                failures.add("order " + order.number + " has refund " + key + " twice");
            }
        }
        long due = refunds.path("totals").path("due").asLong();
        long refunded = refunds.path("totals").path("refunded").asLong();
        if (keys.isEmpty() || due <= 0 || refunded != due) {
            return "refunds " + keys + ", due " + due + ", refunded " + refunded;
        }
        JsonNode emails = client.ok(client.get("/api/outbox?order=" + order.number + "&kind=FOLLOW_UP"),
                "follow-ups of " + order.number).path("emails");
        if (emails.size() > 1) {
            duplicated += emails.size() - 1;
            failures.add("order " + order.number + " has " + emails.size() + " follow-up emails");
            return null;
        }
        return emails.isEmpty() ? "no follow-up email" : null;
    }

    /** Seconds from now until the feed shows every SKU's ATS, or null (and a failure) past the bound. */
    private Duration feeds() {
        long started = System.nanoTime();
        Map<String, String> diverged = new HashMap<>();
        boolean converged = await(feedBound, () -> {
            Map<String, Integer> feed = feed();
            diverged.clear();
            for (String sku : book.received.keySet()) {
                int truth = client.ok(client.get("/api/availability/" + sku + "?channel=" + ChaosLoad.CHANNEL),
                        "availability of " + sku).path("ats").asInt();
                int shown = feed.getOrDefault(sku, 0);
                if (shown != truth) diverged.put(sku, "feed " + shown + ", availability " + truth);
            }
            return diverged.isEmpty();
        });
        if (!converged) {
            failures.add("channel " + ChaosLoad.CHANNEL + "'s feed still differs from the true ATS "
                    + feedBound.toSeconds() + " s after the restart: " + diverged);
            return null;
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private Map<String, Integer> feed() {
        Map<String, Integer> ats = new HashMap<>();
        long after = 0;
        while (true) {
            JsonNode page = client.ok(client.get("/api/channels/" + ChaosLoad.CHANNEL + "/feed?after=" + after
                    + "&limit=1000"), "feed");
            JsonNode entries = page.path("entries");
            for (JsonNode e : entries) ats.put(e.path("sku").asString(), e.path("ats").asInt());
            if (entries.size() < 1000) return ats;
            after = page.path("next").asLong();
        }
    }

    /** Polls {@code condition} every 200 ms until it holds (true) or the bound passes (false). */
    static boolean await(Duration bound, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            if (condition.get()) return true;
            if (System.nanoTime() > deadline) return false;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }
}
