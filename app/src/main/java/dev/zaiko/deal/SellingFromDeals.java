package dev.zaiko.deal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.inventory.DrawnUnits;
import dev.zaiko.inventory.Reservation;
import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.inventory.ReservationStatus;
import dev.zaiko.inventory.ReserveRequest;
import dev.zaiko.inventory.ReservingStock;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sells deal units ({@link BuyingFromDeals}) and counts what a deal sold and holds.
 * <p>
 * The per-customer limit is decided in a short transaction under a lock row per (deal, customer):
 * the customer's takes that still count (a LIVE take whose reservation is still open or committed;
 * a PENDING take being made right now) plus this one must stay within the limit; the take is then
 * recorded PENDING and committed before the reservation engine draws the units, so no lock is held
 * while the engine works. A take whose reservation was released or ran out is BACK and no longer
 * counts: the inventory is asked whenever the customer's takes are counted (the reservation's status
 * is the one truth), and the take is marked BACK then. A PENDING take left by a crash
 * stops counting when the hold it asked for would have run out.
 */
@Service
class SellingFromDeals implements BuyingFromDeals {

    private static final Logger log = LoggerFactory.getLogger(SellingFromDeals.class);

    private final DealStore store;
    private final ReservingStock reserving;
    private final ObjectProvider<WaitingCustomers> waitlists;
    private final TransactionTemplate tx;
    private final Clock clock;

    SellingFromDeals(DealStore store, ReservingStock reserving, ObjectProvider<WaitingCustomers> waitlists,
                     PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.reserving = reserving;
        this.waitlists = waitlists;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public ReservationOutcome reserve(DealPurchase p) {
        DealRow deal = store.find(p.deal()).orElseThrow(() -> new NotFoundException("No deal '" + p.deal() + "'."));
        if (!deal.sku().equals(p.sku())) {
            throw PlanningDeals.invalid("sku", "Deal " + deal.code() + " sells " + deal.sku() + ", not " + p.sku() + ".");
        }
        if (!deal.channels().contains(p.channel())) {
            throw PlanningDeals.invalid("channel", "Deal " + deal.code() + " sells on " + deal.channels() + ", not on "
                    + p.channel() + ".");
        }
        if (deal.status() != DealStatus.LIVE) {
            throw new ConflictException("deal-not-live", "Deal " + deal.code() + " is " + deal.status()
                    + (deal.status() == DealStatus.PAUSED ? " and sells nothing until it is resumed." : "; it sells "
                    + "only while LIVE (from " + deal.startsAt() + " to " + deal.endsAt() + ")."),
                    Map.of("code", deal.code(), "dealStatus", deal.status().name()));
        }
        if (deal.memberSegment() != null && !deal.memberSegment().equals(blankToNull(p.segment()))) {
            throw new ConflictException("deal-members-only", "Deal " + deal.code() + " sells to members of "
                    + deal.memberSegment() + " only.", Map.of("code", deal.code(), "memberSegment", deal.memberSegment()));
        }
        if (!p.forWaitlist()) {
            WaitingCustomers waiting = waitlists.getIfAvailable();
            int queue = waiting == null ? 0 : waiting.waiting(deal.code());
            if (queue > 0) {
                throw new ConflictException("deal-waitlist-first", "Deal " + deal.code() + " has " + queue
                        + " customer(s) on its waitlist: units that come back are offered to them first. Join the "
                        + "waitlist.", Map.of("code", deal.code(), "waiting", queue,
                        "waitlist", "/api/waitlists/" + deal.code() + "/entries"));
            }
        }
        String customer = customer(p.customer());
        Integer limit = deal.perCustomerLimit();
        if (limit != null && customer == null) {
            throw PlanningDeals.invalid("customer", "Deal " + deal.code() + " limits units per customer: say who buys.");
        }
        if (limit != null && p.quantity() > limit) throw limitReached(deal, limit, 0, p.quantity());
        if (deal.setAside() == null) {
            return new ReservationOutcome(deal.sku(), false, null, List.of(), 0, "deal " + deal.code()
                    + " set nothing aside");
        }
        Instant now = clock.instant();
        Duration hold = p.hold() == null ? reserving.defaultHold() : p.hold();
        UUID take = UUID.randomUUID();
        if (limit != null) {
            tx.executeWithoutResult(t -> {
                store.lockCustomer(deal.code(), customer);
                int taken = countingUnits(deal.code(), customer, now);
                if (taken + p.quantity() > limit) throw limitReached(deal, limit, taken, p.quantity());
                store.insertTake(take, deal.code(), customer, p.quantity(), p.holder(), null, "PENDING", now,
                        now.plus(hold));
            });
        }
        ReservationOutcome outcome;
        try {
            ReserveRequest request = new ReserveRequest(p.channel(), deal.sku(), p.quantity(), p.holder(),
                    blankToNull(p.segment())).drawnFrom(deal.setAside()).heldFor(hold);
            outcome = reserving.reserve(request);
        } catch (RuntimeException e) {
            if (limit != null) store.deleteTake(take);
            throw e;
        }
        if (!outcome.reserved()) {
            if (limit != null) store.deleteTake(take);
            return outcome;
        }
        if (limit != null) {
            store.takeLive(take, outcome.reservationId());
        } else {
            store.insertTake(take, deal.code(), customer, p.quantity(), p.holder(), outcome.reservationId(), "LIVE",
                    now, null);
        }
        log.info("Deal {}: {} unit(s) of {} taken on {} (reservation {})", deal.code(), p.quantity(), deal.sku(),
                p.channel(), outcome.reservationId());
        return outcome;
    }

    @Override
    public void checkLine(String code, String channel, String sku, long unitPrice, String field) {
        DealRow deal = store.find(code).orElseThrow(() -> PlanningDeals.invalid(sibling(field, "deal"),
                "No deal '" + code + "'."));
        if (!deal.sku().equals(sku)) {
            throw PlanningDeals.invalid(sibling(field, "deal"), "Deal " + code + " sells " + deal.sku() + ", not "
                    + sku + ".");
        }
        if (!deal.channels().contains(channel)) {
            throw PlanningDeals.invalid(sibling(field, "deal"), "Deal " + code + " sells on " + deal.channels()
                    + ", not on " + channel + ".");
        }
        if (unitPrice != deal.price()) {
            throw new InvalidRequestException("deal-price-mismatch", field + ": " + unitPrice + " yen is not the price "
                    + "of deal " + code + " (" + deal.price() + " yen). A line naming a deal is sold at the deal price; "
                    + "a line at the regular price names no deal.",
                    Map.of("field", field, "dealPrice", deal.price(), "deal", code));
        }
    }

    /** {@code lines[0].unitPrice} → {@code lines[0].deal} */
    private static String sibling(String field, String name) {
        int dot = field.lastIndexOf('.');
        return dot < 0 ? name : field.substring(0, dot + 1) + name;
    }

    /** The units of the customer's takes that still count, marking BACK those whose reservation closed without a sale. */
    private int countingUnits(String deal, String customer, Instant now) {
        int units = store.pendingUnits(deal, customer, now);
        for (DealStore.Take take : store.liveTakes(deal, customer)) {
            if (stillCounts(take)) units += take.quantity();
        }
        return units;
    }

    private boolean stillCounts(DealStore.Take take) {
        Optional<Reservation> reservation = reserving.find(take.reservationId());
        ReservationStatus status = reservation.map(Reservation::status).orElse(ReservationStatus.RELEASED);
        if (status == ReservationStatus.OPEN || status == ReservationStatus.COMMITTED) return true;
        store.takeBack(take.reservationId());
        return false;
    }

    /** Sold (claimed by an order, or shipped) and held (in a cart) units of a deal now. */
    record Counts(int sold, int held) {
    }

    /** One statement whatever the deal's size: what the inventory says of the units drawn from its set-aside. */
    Counts counts(DealRow deal) {
        if (deal.setAside() == null) return new Counts(0, 0);
        DrawnUnits drawn = reserving.drawnUnits(deal.setAside());
        return new Counts(drawn.sold(), drawn.held());
    }

    private static ConflictException limitReached(DealRow deal, int limit, int taken, int asked) {
        return new ConflictException("deal-limit-reached", "Deal " + deal.code() + " sells at most " + limit
                + " unit(s) per customer; this customer already holds or bought " + taken + " and asks for " + asked
                + ".", Map.of("code", deal.code(), "perCustomerLimit", limit, "taken", taken));
    }

    static String customer(String email) {
        return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
