package dev.zaiko.wallet;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shop's own ledgers of points, gift balance and coupons, per customer (their normalized
 * email). Every method joins the caller's transaction when there is one and runs in its own
 * otherwise; either way it is all or nothing.
 * <p>
 * Methods that take a {@code key} are idempotent: the key is recorded with the answer, and the
 * same key again answers the same, changing nothing, also when both calls run at once (the
 * second waits for the first to end). A key used again for a different call is a programming
 * error ({@link IllegalStateException}).
 * <p>
 * Order numbers are kept as their digits (dashes and spaces are dropped). Logs name order
 * numbers, amounts and coupon codes, never an email.
 */
@Service
public class Wallets {

    private static final Logger log = LoggerFactory.getLogger(Wallets.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The largest amount one call moves, as for an order's amounts. */
    public static final long MAX_YEN = 1_000_000_000L;
    private static final int CODE_ATTEMPTS = 5;

    static final String POINTS_INSUFFICIENT = "points-insufficient";
    static final String GIFT_BALANCE_INSUFFICIENT = "gift-balance-insufficient";

    private final WalletStore store;
    private final CouponStore coupons;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final WalletProperties properties;
    private final ApplicationEventPublisher events;

    Wallets(WalletStore store, CouponStore coupons, PlatformTransactionManager transactions, Clock clock,
            WalletProperties properties, ApplicationEventPublisher events) {
        this.store = store;
        this.coupons = coupons;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.properties = properties;
        this.events = events;
    }

    // ---- orders ---------------------------------------------------------------------------------

    /**
     * Spends an order's points and gift balance from the customer's lots (valid today, earliest
     * expiry first) and marks its coupon REDEEMED by the order. Called while placing an order on
     * an OWN channel, inside the order's transaction, so that a refusal leaves no order behind.
     * A coupon spent publishes {@link CouponRedeemed} in that transaction (not again on a repeat).
     * The same order again with the same numbers answers the first redemption and changes nothing.
     *
     * @param linesTotal the order's lines (quantity × unit price), for a PERCENT coupon's limit
     * @throws ConflictException {@code points-insufficient}, {@code gift-balance-insufficient}, {@code coupon-unknown},
     *                           {@code coupon-already-used}, {@code coupon-campaign-ended},
     *                           {@code coupon-not-for-this-customer}, {@code coupon-discount-too-large}; nothing changed
     * @throws IllegalStateException the order was redeemed before with other numbers or for another customer
     */
    public Redemption redeem(String customerEmail, String orderNumber, long points, long giftBalance,
                             String couponCode, long couponDiscount, long linesTotal) {
        String customer = WalletKeys.customer(customerEmail);
        String order = WalletKeys.order(orderNumber);
        String code = checkRedemptionArguments(points, giftBalance, couponCode, couponDiscount, linesTotal);
        Redemption asked = new Redemption(order, points, giftBalance, code, couponDiscount);
        return tx.execute(t -> {
            Instant now = now();
            LocalDate today = LocalDate.ofInstant(now, clock.getZone());
            // first, so that a second redemption of the order waits here and then sees the first
            if (!store.insertRedemption(asked, customer, now)) {
                WalletStore.StoredRedemption first = store.redemption(order).orElseThrow();
                if (first.redemption().equals(asked) && first.customer().equals(customer)) return first.redemption();
                throw new IllegalStateException("Order " + order + " has already redeemed " + first.redemption()
                        + "; it cannot redeem " + (first.customer().equals(customer) ? asked : "for another customer")
                        + " as well.");
            }
            if (code != null) {
                StoredCoupon coupon = coupons.lock(code).orElseThrow(() -> CouponRules.unknown(code));
                CouponRules.checkRedeemable(coupon, customer, couponDiscount, linesTotal, today);
                coupons.setStatus(code, Coupon.REDEEMED, order);
                coupons.history(code, "REDEEMED", Coupon.REDEEMED, order, null, null, null, now);
                events.publishEvent(new CouponRedeemed(code, shown(order), couponDiscount, now));
            }
            if (points > 0 || giftBalance > 0) {
                List<WalletStore.Spendable> lots = store.lockSpendable(customer, kindsFor(points, giftBalance), today);
                List<Spending.Take> takes = new ArrayList<>(plan(LotKind.POINTS, lots, points, today));
                takes.addAll(plan(LotKind.GIFT_BALANCE, lots, giftBalance, today));
                for (Spending.Take take : takes) {
                    store.insertEntry(take.lotId(), "REDEEM", -take.amount(), order, null, null, now);
                }
            }
            log.info("Order {} redeemed {} point(s), {} yen of gift balance{}", order, points, giftBalance,
                    code == null ? "" : " and coupon " + code + " (" + couponDiscount + " yen)");
            return asked;
        });
    }

    /** An order number as the other modules' events name it ({@code ddd-ddddddd-ddddddd}), from its digits. */
    private static String shown(String digits) {
        if (digits.length() != 17) return digits;
        return digits.substring(0, 3) + "-" + digits.substring(3, 10) + "-" + digits.substring(10);
    }

    /**
     * What {@link #redeem} would refuse, read without locks or writes: a checkout asks this before
     * it reserves stock, so that a refusal normally costs nothing. {@link #redeem} decides.
     *
     * @throws ConflictException as {@link #redeem} would
     */
    public void checkRedemption(String customerEmail, long points, long giftBalance, String couponCode,
                                long couponDiscount, long linesTotal) {
        String customer = WalletKeys.customer(customerEmail);
        String code = checkRedemptionArguments(points, giftBalance, couponCode, couponDiscount, linesTotal);
        LocalDate today = LocalDate.now(clock);
        if (code != null) {
            StoredCoupon coupon = coupons.find(code).orElseThrow(() -> CouponRules.unknown(code));
            CouponRules.checkRedeemable(coupon, customer, couponDiscount, linesTotal, today);
        }
        if (points > 0 || giftBalance > 0) {
            List<WalletStore.Spendable> lots = store.spendable(customer, kindsFor(points, giftBalance), today);
            plan(LotKind.POINTS, lots, points, today);
            plan(LotKind.GIFT_BALANCE, lots, giftBalance, today);
        }
    }

    /** What the order spent from the wallet, if it redeemed anything. */
    public Optional<Redemption> redemption(String orderNumber) {
        return store.redemption(WalletKeys.order(orderNumber)).map(WalletStore.StoredRedemption::redemption);
    }

    private static String checkRedemptionArguments(long points, long giftBalance, String couponCode,
                                                   long couponDiscount, long linesTotal) {
        if (points < 0 || giftBalance < 0 || couponDiscount < 0 || linesTotal < 0) {
            throw new IllegalArgumentException("Amounts are 0 or more: points " + points + ", giftBalance " + giftBalance
                    + ", couponDiscount " + couponDiscount + ", linesTotal " + linesTotal);
        }
        String code = couponCode == null || couponCode.isBlank() ? null : couponCode.strip();
        if (code == null && couponDiscount > 0) {
            throw new IllegalArgumentException("A coupon discount of " + couponDiscount + " needs its coupon code");
        }
        return code;
    }

    private static List<LotKind> kindsFor(long points, long giftBalance) {
        List<LotKind> kinds = new ArrayList<>();
        if (points > 0) kinds.add(LotKind.POINTS);
        if (giftBalance > 0) kinds.add(LotKind.GIFT_BALANCE);
        return kinds;
    }

    private static List<Spending.Take> plan(LotKind kind, List<WalletStore.Spendable> lots, long amount,
                                            LocalDate today) {
        if (amount == 0) return List.of();
        List<Spending.Spendable> ofKind = lots.stream().filter(l -> l.kind() == kind).map(WalletStore.Spendable::lot)
                .toList();
        return Spending.plan(ofKind, amount, today).orElseThrow(() -> {
            long available = Spending.available(ofKind, today);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("requested", amount);
            facts.put("available", available);
            facts.put("shortBy", amount - available);
            return new ConflictException(kind == LotKind.POINTS ? POINTS_INSUFFICIENT : GIFT_BALANCE_INSUFFICIENT,
                    "The order uses " + amount + " " + kind.words() + " but the customer has " + available + " "
                            + kind.words() + " valid today (" + (amount - available) + " short). Nothing was changed.",
                    facts);
        });
    }

    // ---- giving back --------------------------------------------------------------------------

    /**
     * Gives back points the order spent: into the lots it took them from, latest-expiring first;
     * the part whose lot expired meanwhile comes back as a new lot valid
     * {@code zaiko.wallet.regrant-points-days} from today. Several calls per order (each with its
     * own key) may give back parts until all is back.
     *
     * @throws IllegalStateException more than the order spent and has not got back yet
     */
    public Credit returnPoints(String orderNumber, long points, String key) {
        return giveBack(LotKind.POINTS, orderNumber, points, key);
    }

    /** As {@link #returnPoints}, for gift balance; re-granted for {@code zaiko.wallet.regrant-gift-balance-days}. */
    public Credit returnGiftBalance(String orderNumber, long amount, String key) {
        return giveBack(LotKind.GIFT_BALANCE, orderNumber, amount, key);
    }

    private Credit giveBack(LotKind kind, String orderNumber, long amount, String key) {
        String order = WalletKeys.order(orderNumber);
        if (amount <= 0) throw new IllegalArgumentException("Only a positive amount can be given back: " + amount);
        return once(key, "RETURN_" + kind.name(), order + " " + amount, Credit.class, () -> {
            Instant now = now();
            LocalDate today = LocalDate.ofInstant(now, clock.getZone());
            List<Returning.Taken> taken = store.lockTakenBy(order, kind);
            Returning.Plan plan;
            try {
                plan = Returning.plan(taken, amount, today);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("Order " + order + ", " + kind + ": " + e.getMessage(), e);
            }
            for (Returning.Part part : plan.restored()) {
                store.insertEntry(part.lotId(), "RETURN", part.amount(), order, null, key, now);
            }
            LocalDate regrantedUntil = null;
            if (!plan.regranted().isEmpty()) {
                regrantedUntil = today.plusDays(kind == LotKind.POINTS ? properties.regrantPointsDays()
                        : properties.regrantGiftBalanceDays());
                String customer = store.customerOfLot(plan.regranted().get(0).lotId());
                long lot = store.insertLot(customer, kind, plan.regrantedTotal(), regrantedUntil, "REGRANT", order, now);
                for (Returning.Part part : plan.regranted()) {
                    store.insertEntry(lot, "REGRANT", part.amount(), order, part.lotId(), key, now);
                }
            }
            log.info("Order {} got back {} {} ({} re-granted after expiry)", order, amount, kind.words(),
                    plan.regrantedTotal());
            return new Credit(kind.name(), amount, plan.restoredUntil(), plan.regrantedTotal(), regrantedUntil);
        });
    }

    /**
     * A refund paid as gift balance (a convenience-store payment refunded to the wallet): a new lot
     * valid {@code zaiko.wallet.gift-balance-validity-days} from today. The answer's
     * {@code restoredUntil} is that lot's validity.
     *
     * @param why what the lot is for, shown to staff (an order number, a refund's reference)
     */
    public Credit creditGiftBalance(String customerEmail, long amount, String key, String why) {
        String customer = WalletKeys.customer(customerEmail);
        if (amount <= 0 || amount > MAX_YEN) throw new IllegalArgumentException("A credit is 1 to " + MAX_YEN + " yen: " + amount);
        String reason = requireText(why, "why");
        return once(key, "CREDIT_GIFT_BALANCE", WalletKeys.digest(customer) + " " + amount + " " + reason,
                Credit.class, () -> {
                    Instant now = now();
                    LocalDate until = LocalDate.ofInstant(now, clock.getZone()).plusDays(properties.giftBalanceValidityDays());
                    long lot = store.insertLot(customer, LotKind.GIFT_BALANCE, amount, until, "CREDIT", reason, now);
                    store.insertEntry(lot, "GRANT", amount, null, null, key, now);
                    log.info("Gift balance lot {} credited: {} yen valid until {}", lot, amount, until);
                    return new Credit(Credit.GIFT_BALANCE, amount, until, 0, null);
                });
    }

    /**
     * Gives back the order's coupon. The whole discount while the campaign still runs: the same
     * code becomes unused again. Otherwise (the campaign ended, or only part of the discount comes
     * back): a new FIXED coupon worth {@code amount} yen for the same customer, valid
     * {@code zaiko.wallet.replacement-coupon-days} from today. An order whose coupon took nothing
     * off ({@code amount} 0) gets its code back while the campaign runs, and nothing after.
     *
     * @throws IllegalStateException the order used no coupon, or {@code amount} is more than its discount
     *                               not given back yet
     */
    public CouponReturn returnCoupon(String orderNumber, long amount, String key) {
        String order = WalletKeys.order(orderNumber);
        if (amount < 0) throw new IllegalArgumentException("A negative amount cannot be given back: " + amount);
        return once(key, "RETURN_COUPON", order + " " + amount, CouponReturn.class, () -> {
            Instant now = now();
            LocalDate today = LocalDate.ofInstant(now, clock.getZone());
            WalletStore.StoredRedemption redemption = store.redemption(order)
                    .filter(r -> r.redemption().couponCode() != null)
                    .orElseThrow(() -> new IllegalStateException("Order " + order + " used no coupon of the shop's"));
            String code = redemption.redemption().couponCode();
            long discount = redemption.redemption().couponDiscount();
            StoredCoupon coupon = coupons.lock(code).orElseThrow();
            long returned = coupons.returnedFor(order, code);
            if (amount > discount - returned) {
                throw new IllegalStateException("Order " + order + " took " + discount + " yen off with coupon " + code
                        + " and got " + returned + " back already; " + amount + " more is too much.");
            }
            if (amount == 0 && discount > 0) {
                throw new IllegalArgumentException("Only a positive amount of order " + order + "'s discount can be given back");
            }
            boolean whole = returned == 0 && amount == discount;
            boolean running = !today.isAfter(coupon.campaignEnds());
            boolean stillTheOrders = Coupon.REDEEMED.equals(coupon.status()) && order.equals(coupon.redeemedBy());
            if (whole && running && stillTheOrders) {
                coupons.setStatus(code, Coupon.ISSUED, null);
                coupons.history(code, "RESTORED", Coupon.ISSUED, order, amount, null, key, now);
                log.info("Coupon {} of order {} is unused again", code, order);
                return new CouponReturn(code, false, amount, coupon.campaignEnds());
            }
            if (amount == 0) return new CouponReturn(code, false, 0, coupon.campaignEnds()); // nothing to replace
            LocalDate until = today.plusDays(properties.replacementCouponDays());
            StoredCoupon replacement = insertWithNewCode(coupon.campaign(), DiscountKind.FIXED, amount, until,
                    redemption.customer(), code, now);
            coupons.history(replacement.code(), "ISSUED", Coupon.ISSUED, order, null, null, key, now);
            coupons.history(code, "REPLACED", coupon.status(), order, amount, replacement.code(), key, now);
            log.info("Coupon {} of order {}: {} yen given back as coupon {}", code, order, amount, replacement.code());
            return new CouponReturn(replacement.code(), true, amount, until);
        });
    }

    // ---- coupons --------------------------------------------------------------------------------

    /**
     * A coupon for this customer with a new code, valid {@code validDays} from today (an apology
     * coupon, for instance).
     *
     * @throws InvalidRequestException a value no coupon can have (PERCENT outside 1..100, not positive)
     */
    public Coupon issueCoupon(String customerEmail, String campaign, DiscountKind kind, long value, int validDays,
                              String key) {
        String customer = WalletKeys.customer(customerEmail);
        String name = requireText(campaign, "campaign");
        CouponRules.checkValue(kind, value);
        if (validDays < 1) throw new InvalidRequestException("A coupon is valid at least 1 day, not " + validDays + ".");
        return once(key, "ISSUE_COUPON", WalletKeys.digest(customer) + " " + name + " " + kind + " " + value + " "
                + validDays, Coupon.class, () -> {
            Instant now = now();
            LocalDate ends = LocalDate.ofInstant(now, clock.getZone()).plusDays(validDays);
            StoredCoupon coupon = insertWithNewCode(name, kind, value, ends, customer, null, now);
            coupons.history(coupon.code(), "ISSUED", Coupon.ISSUED, null, null, null, key, now);
            log.info("Coupon {} issued ({} {}, until {})", coupon.code(), kind, value, ends);
            return coupon.coupon();
        });
    }

    /**
     * A coupon as staff create it: with their code or a new one, for one customer or for anyone.
     *
     * @param code          null for a new random code
     * @param customerEmail null: anyone may use it, once
     * @throws ConflictException       {@code coupon-code-taken}
     * @throws InvalidRequestException an impossible value, or a campaign that ended before today
     */
    public Coupon createCoupon(String code, String campaign, DiscountKind kind, long value, LocalDate campaignEnds,
                               String customerEmail) {
        String name = requireText(campaign, "campaign");
        CouponRules.checkValue(kind, value);
        String customer = customerEmail == null || customerEmail.isBlank() ? null : WalletKeys.customer(customerEmail);
        return tx.execute(t -> {
            Instant now = now();
            LocalDate today = LocalDate.ofInstant(now, clock.getZone());
            if (campaignEnds == null || campaignEnds.isBefore(today)) {
                throw new InvalidRequestException("campaignEnds " + campaignEnds + " is before today (" + today + "); a "
                        + "coupon's campaign ends today or later.");
            }
            StoredCoupon coupon;
            if (code == null || code.isBlank()) {
                coupon = insertWithNewCode(name, kind, value, campaignEnds, customer, null, now);
            } else {
                coupon = new StoredCoupon(code.strip(), name, kind, value, campaignEnds, customer, Coupon.ISSUED, null);
                if (!coupons.insert(coupon, null, now)) {
                    throw new ConflictException("coupon-code-taken", "There is a coupon " + coupon.code()
                            + " already; a code names one coupon. Nothing was changed.",
                            Map.of("couponCode", coupon.code()));
                }
            }
            coupons.history(coupon.code(), "ISSUED", Coupon.ISSUED, null, null, null, null, now);
            log.info("Coupon {} created ({} {}, until {})", coupon.code(), kind, value, campaignEnds);
            return coupon.coupon();
        });
    }

    public Optional<Coupon> coupon(String code) {
        if (code == null || code.isBlank()) return Optional.empty();
        return coupons.find(code.strip()).map(StoredCoupon::coupon);
    }

    private StoredCoupon insertWithNewCode(String campaign, DiscountKind kind, long value, LocalDate ends,
                                           String customer, String replaces, Instant now) {
        for (int attempt = 1; ; attempt++) {
            StoredCoupon coupon = new StoredCoupon(CouponCodes.random(), campaign, kind, value, ends, customer,
                    Coupon.ISSUED, null);
            if (coupons.insert(coupon, replaces, now)) return coupon;
            if (attempt >= CODE_ATTEMPTS) throw new IllegalStateException("No free coupon code after " + attempt + " tries");
        }
    }

    // ---- grants and reading -------------------------------------------------------------------

    /**
     * Points granted by staff, valid until the given day (inclusive).
     *
     * @param key null when the grant need not be idempotent
     * @throws InvalidRequestException not positive, too large, or a validity before today
     */
    public WalletView.Lot grantPoints(String customerEmail, long points, LocalDate validUntil, String reason,
                                      String key) {
        return grant(LotKind.POINTS, customerEmail, points, validUntil, reason, key);
    }

    /**
     * Gift balance granted by staff, valid until the given day or, without one,
     * {@code zaiko.wallet.gift-balance-validity-days} from today.
     */
    public WalletView.Lot grantGiftBalance(String customerEmail, long amount, LocalDate validUntil, String reason,
                                           String key) {
        return grant(LotKind.GIFT_BALANCE, customerEmail, amount, validUntil, reason, key);
    }

    private WalletView.Lot grant(LotKind kind, String customerEmail, long amount, LocalDate validUntil, String reason,
                                 String key) {
        String customer = WalletKeys.customer(customerEmail);
        String why = requireText(reason, "reason");
        if (amount <= 0 || amount > MAX_YEN) {
            throw new InvalidRequestException("A grant is 1 to " + MAX_YEN + " " + kind.words() + ", not " + amount + ".");
        }
        Supplier<WalletView.Lot> effect = () -> {
            Instant now = now();
            LocalDate today = LocalDate.ofInstant(now, clock.getZone());
            // checked here, after the key: the same grant sent again tomorrow still answers the first
            if (validUntil != null && validUntil.isBefore(today)) {
                throw new InvalidRequestException("validUntil " + validUntil + " is before today (" + today + "); a "
                        + "grant is valid until today or later.");
            }
            LocalDate until = validUntil != null ? validUntil : today.plusDays(properties.giftBalanceValidityDays());
            long lot = store.insertLot(customer, kind, amount, until, "GRANT", why, now);
            store.insertEntry(lot, "GRANT", amount, null, null, key, now);
            log.info("{} lot {} granted: {} valid until {}", kind, lot, amount, until);
            return store.lot(lot, today).orElseThrow();
        };
        if (key == null) return tx.execute(t -> effect.get());
        return once(key, "GRANT_" + kind.name(), WalletKeys.digest(customer) + " " + amount + " " + validUntil + " "
                + why, WalletView.Lot.class, effect);
    }

    /** The customer's balances today, every lot with what remains of it, every entry and the coupons issued for them. */
    public WalletView wallet(String customerEmail) {
        String customer = WalletKeys.customer(customerEmail);
        LocalDate today = LocalDate.now(clock);
        List<WalletView.Lot> lots = store.lots(customer, today);
        long points = spendable(lots, LotKind.POINTS);
        long gift = spendable(lots, LotKind.GIFT_BALANCE);
        return new WalletView(today, points, gift, lots, store.entries(customer), coupons.ofCustomer(customer));
    }

    private static long spendable(List<WalletView.Lot> lots, LotKind kind) {
        return lots.stream().filter(l -> l.kind().equals(kind.name()) && !l.expired())
                .mapToLong(WalletView.Lot::remaining).sum();
    }

    // ---- plumbing -----------------------------------------------------------------------------

    /**
     * Runs the effect once per key: the first call records the key and its answer in the same
     * transaction as the effect; a later call (or one that waited for the first to commit) reads
     * the answer back and changes nothing.
     */
    private <T> T once(String key, String operation, String request, Class<T> type, Supplier<T> effect) {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("An idempotency key is required");
        return tx.execute(t -> {
            if (!store.claim(key, operation, request, now())) {
                WalletStore.Operation first = store.operation(key).orElseThrow();
                if (!first.operation().equals(operation) || !first.request().equals(request)) {
                    // the caller's mistake (a key sent again with another request), not ours: 409, not 500
                    throw new ConflictException("key-used-for-another-call", "Key '" + key + "' was already used for "
                            + "another call (" + first.operation() + "); a key names one call. Nothing was changed.",
                            Map.of("key", key));
                }
                return JSON.readValue(first.result(), type);
            }
            T result = effect.get();
            store.complete(key, JSON.writeValueAsString(result));
            return result;
        });
    }

    private Instant now() {
        // what the database keeps (microseconds), so an answer equals what is read back
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String requireText(String text, String name) {
        if (text == null || text.isBlank()) throw new InvalidRequestException(name + " must not be blank.");
        return text.strip();
    }
}
