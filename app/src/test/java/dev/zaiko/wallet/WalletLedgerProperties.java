package dev.zaiko.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.support.TestDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Random sequences of grants, redemptions, returns (some repeated with their key) and days
 * passing, through the real Wallets on PostgreSQL, against a model of lots kept in memory. After
 * every step: each lot's remaining equals the model's and the fold of its stored entries, no lot
 * is negative, a balance is the sum of what remains of the unexpired lots, and no order got back
 * more than it spent.
 */
class WalletLedgerProperties {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final int REGRANT_POINTS_DAYS = 5;
    static final int REGRANT_GIFT_DAYS = 8;

    static HikariDataSource database;
    static JdbcTemplate jdbc;
    static DataSourceTransactionManager transactions;
    static final AtomicInteger tries = new AtomicInteger();

    @BeforeContainer
    static void start() {
        database = TestDatabase.fresh(4);
        jdbc = new JdbcTemplate(database);
        transactions = new DataSourceTransactionManager(database);
    }

    @AfterContainer
    static void stop() {
        database.close();
    }

    /** A clock that stands still until the property moves it a day at a time. */
    static final class DayClock extends Clock {
        private Instant now = ZonedDateTime.of(2030, 3, 1, 10, 0, 0, 0, TOKYO).toInstant();

        void advanceDays(int days) {
            now = now.plusSeconds(86_400L * days);
        }

        @Override
        public ZoneId getZone() {
            return TOKYO;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /**
     * @param kind 0, 1 grant points / gift balance; 2, 3 redeem; 4, 5 return points / gift balance;
     *             6 the last return again with its key; 7 days pass
     */
    record Op(int kind, long a, long b, int pick) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.longs().between(0, 400),
                Arbitraries.longs().between(0, 20), Arbitraries.integers().between(0, 1000))
                .as(Op::new).list().ofMinSize(1).ofMaxSize(30);
    }

    // ---- the model --------------------------------------------------------------------------------

    static final class Lot {
        final LotKind kind;
        final LocalDate validUntil;
        long remaining;

        Lot(LotKind kind, LocalDate validUntil, long remaining) {
            this.kind = kind;
            this.validUntil = validUntil;
            this.remaining = remaining;
        }
    }

    final List<Lot> lots = new ArrayList<>();
    /** Per order, per lot (its index): what the order took from it and what it got back, in that order. */
    final Map<String, Map<Integer, long[]>> taken = new LinkedHashMap<>();

    long available(LotKind kind, LocalDate today) {
        return lots.stream().filter(l -> l.kind == kind && !l.validUntil.isBefore(today)).mapToLong(l -> l.remaining).sum();
    }

    void take(String order, LotKind kind, long amount, LocalDate today) {
        List<Integer> fifo = new ArrayList<>();
        for (int i = 0; i < lots.size(); i++) {
            if (lots.get(i).kind == kind && !lots.get(i).validUntil.isBefore(today) && lots.get(i).remaining > 0) fifo.add(i);
        }
        fifo.sort(Comparator.<Integer, LocalDate>comparing(i -> lots.get(i).validUntil).thenComparing(i -> i));
        long left = amount;
        for (int i : fifo) {
            long part = Math.min(left, lots.get(i).remaining);
            if (part == 0) break;
            lots.get(i).remaining -= part;
            taken.computeIfAbsent(order, o -> new HashMap<>()).computeIfAbsent(i, x -> new long[2])[0] += part;
            left -= part;
        }
    }

    long outstanding(String order, LotKind kind) {
        return taken.getOrDefault(order, Map.of()).entrySet().stream().filter(e -> lots.get(e.getKey()).kind == kind)
                .mapToLong(e -> e.getValue()[0] - e.getValue()[1]).sum();
    }

    Credit giveBack(String order, LotKind kind, long amount, LocalDate today) {
        List<Integer> latestFirst = new ArrayList<>(taken.getOrDefault(order, Map.of()).keySet().stream()
                .filter(i -> lots.get(i).kind == kind).toList());
        latestFirst.sort(Comparator.<Integer, LocalDate>comparing(i -> lots.get(i).validUntil).thenComparing(i -> i)
                .reversed());
        long left = amount;
        long regranted = 0;
        LocalDate restoredUntil = null;
        for (int i : latestFirst) {
            long[] tr = taken.get(order).get(i);
            long part = Math.min(left, tr[0] - tr[1]);
            if (part == 0) continue;
            tr[1] += part;
            left -= part;
            Lot lot = lots.get(i);
            if (lot.validUntil.isBefore(today)) {
                regranted += part;
            } else {
                lot.remaining += part;
                if (restoredUntil == null || lot.validUntil.isAfter(restoredUntil)) restoredUntil = lot.validUntil;
            }
            if (left == 0) break;
        }
        LocalDate regrantedUntil = null;
        if (regranted > 0) {
            regrantedUntil = today.plusDays(kind == LotKind.POINTS ? REGRANT_POINTS_DAYS : REGRANT_GIFT_DAYS);
            lots.add(new Lot(kind, regrantedUntil, regranted));
        }
        return new Credit(kind.name(), amount, restoredUntil, regranted, regrantedUntil);
    }

    // ---- the property -----------------------------------------------------------------------------

    @Property(tries = 150)
    void lotsFoldTheirEntriesNeverGoNegativeAndNoOrderGetsBackMoreThanItSpent(@ForAll("operations") List<Op> ops) {
        lots.clear();
        taken.clear();
        int run = tries.incrementAndGet();
        String customer = "property-" + run + "@example.jp";
        DayClock clock = new DayClock();
        Wallets wallets = new Wallets(new WalletStore(jdbc), new CouponStore(jdbc), transactions, clock,
                new WalletProperties(REGRANT_POINTS_DAYS, REGRANT_GIFT_DAYS, null, null), event -> {
        });
        List<String> orders = new ArrayList<>();
        java.util.function.Supplier<Credit> lastReturn = null;
        Credit lastCredit = null;
        int step = 0;
        for (Op op : ops) {
            step++;
            LocalDate today = LocalDate.now(clock);
            switch (op.kind()) {
                case 0, 1 -> {
                    LotKind kind = op.kind() == 0 ? LotKind.POINTS : LotKind.GIFT_BALANCE;
                    long amount = op.a() + 1;
                    LocalDate until = today.plusDays(op.b());
                    if (kind == LotKind.POINTS) wallets.grantPoints(customer, amount, until, "p", null);
                    else wallets.grantGiftBalance(customer, amount, until, "g", null);
                    lots.add(new Lot(kind, until, amount));
                }
                case 2, 3 -> {
                    long points = op.a() % 300;
                    long gift = op.pick() % 300;
                    if (points + gift == 0) continue;
                    String order = String.format("%08d%09d", run, step);
                    String expected = points > available(LotKind.POINTS, today) ? Wallets.POINTS_INSUFFICIENT
                            : gift > available(LotKind.GIFT_BALANCE, today) ? Wallets.GIFT_BALANCE_INSUFFICIENT : null;
                    if (expected == null) {
                        wallets.redeem(customer, order, points, gift, null, 0, 10_000);
                        take(order, LotKind.POINTS, points, today);
                        take(order, LotKind.GIFT_BALANCE, gift, today);
                        orders.add(order);
                    } else {
                        assertThatThrownBy(() -> wallets.redeem(customer, order, points, gift, null, 0, 10_000))
                                .isInstanceOfSatisfying(ConflictException.class,
                                        e -> assertThat(e.type()).isEqualTo(expected));
                    }
                }
                case 4, 5 -> {
                    if (orders.isEmpty()) continue;
                    LotKind kind = op.kind() == 4 ? LotKind.POINTS : LotKind.GIFT_BALANCE;
                    String order = orders.get(op.pick() % orders.size());
                    long amount = op.a() % 200 + 1;
                    String key = "k-" + run + "-" + step;
                    java.util.function.Supplier<Credit> call = () -> kind == LotKind.POINTS
                            ? wallets.returnPoints(order, amount, key) : wallets.returnGiftBalance(order, amount, key);
                    if (amount > outstanding(order, kind)) {
                        assertThatThrownBy(call::get).isInstanceOf(IllegalStateException.class);
                    } else {
                        Credit actual = call.get();
                        assertThat(actual).isEqualTo(giveBack(order, kind, amount, today));
                        lastCredit = actual;
                        lastReturn = call;
                    }
                }
                case 6 -> {
                    if (lastReturn == null) continue;
                    Map<String, String> before = entriesByLot(customer);
                    assertThat(lastReturn.get()).as("a key again answers the first credit").isEqualTo(lastCredit);
                    assertThat(entriesByLot(customer)).as("a key again changes nothing").isEqualTo(before);
                }
                default -> clock.advanceDays((int) (op.b() % 7) + 1);
            }
            check(wallets, customer, LocalDate.now(clock));
        }
    }

    private void check(Wallets wallets, String customer, LocalDate today) {
        WalletView view = wallets.wallet(customer);
        assertThat(view.lots()).hasSize(lots.size());
        Map<Long, Long> fold = new HashMap<>();
        jdbc.query("select e.lot_id, sum(e.amount) from wallet_entry e join wallet_lot l on l.id = e.lot_id "
                + "where l.customer = ? group by e.lot_id", rs -> {
            fold.put(rs.getLong(1), rs.getLong(2));
        }, customer);
        for (int i = 0; i < lots.size(); i++) {
            WalletView.Lot stored = view.lots().get(i);
            Lot model = lots.get(i);
            assertThat(stored.kind()).isEqualTo(model.kind.name());
            assertThat(stored.validUntil()).isEqualTo(model.validUntil);
            assertThat(stored.remaining()).as("lot %d against the model", i).isEqualTo(model.remaining);
            assertThat(stored.remaining()).as("lot %d against its entries", i).isEqualTo(fold.get(stored.id()));
            assertThat(stored.remaining()).isNotNegative().isLessThanOrEqualTo(stored.amount());
            assertThat(stored.expired()).isEqualTo(stored.validUntil().isBefore(today));
        }
        for (LotKind kind : LotKind.values()) {
            long unexpired = view.lots().stream().filter(l -> l.kind().equals(kind.name()) && !l.expired())
                    .mapToLong(WalletView.Lot::remaining).sum();
            assertThat(kind == LotKind.POINTS ? view.points() : view.giftBalance()).isEqualTo(unexpired)
                    .isEqualTo(available(kind, today));
        }
        List<Map<String, Object>> overReturned = jdbc.queryForList("""
                select e.order_number, l.kind from wallet_entry e
                join wallet_lot l on l.id = coalesce(e.origin_lot_id, e.lot_id)
                where l.customer = ? and e.order_number is not null
                group by e.order_number, l.kind
                having sum(e.amount) filter (where e.kind in ('RETURN', 'REGRANT'))
                     > -sum(e.amount) filter (where e.kind = 'REDEEM')""", customer);
        assertThat(overReturned).isEmpty();
    }

    private Map<String, String> entriesByLot(String customer) {
        Map<String, String> result = new LinkedHashMap<>();
        jdbc.query("select e.lot_id, count(*), sum(e.amount) from wallet_entry e join wallet_lot l on l.id = e.lot_id "
                + "where l.customer = ? group by e.lot_id order by e.lot_id", rs -> {
            result.put(rs.getString(1), rs.getString(2) + ":" + rs.getString(3));
        }, customer);
        return result;
    }
}
