package dev.zaiko.deal;

import java.util.List;
import java.util.Map;

import dev.zaiko.catalog.Products;
import dev.zaiko.inventory.CheckingAvailability;
import dev.zaiko.inventory.ReservingStock;
import dev.zaiko.platform.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Everything an operator does with deals, for the API and the console: plan, change and cancel
 * while planned, pause, resume and end early; read them with how they sell; and what a channel
 * offers of a SKU now (regular stock and live deals).
 */
@Service
public class DealDesk {

    /** Deals listed at most. */
    public static final int LIST_LIMIT = 500;

    private final PlanningDeals planning;
    private final PausingDeals pausing;
    private final EndingDeals ending;
    private final SellingFromDeals selling;
    private final DealStore store;
    private final ReservingStock reserving;
    private final CheckingAvailability availability;
    private final Products products;
    private final ObjectProvider<WaitingCustomers> waitlists;

    DealDesk(PlanningDeals planning, PausingDeals pausing, EndingDeals ending, SellingFromDeals selling,
             DealStore store, ReservingStock reserving, CheckingAvailability availability, Products products,
             ObjectProvider<WaitingCustomers> waitlists) {
        this.planning = planning;
        this.pausing = pausing;
        this.ending = ending;
        this.selling = selling;
        this.store = store;
        this.reserving = reserving;
        this.availability = availability;
        this.products = products;
        this.waitlists = waitlists;
    }

    /** @throws dev.zaiko.platform.InvalidRequestException naming the field; {@link dev.zaiko.platform.ConflictException} {@code deal-exists} */
    public DealView plan(DealPlan plan) {
        return view(planning.plan(plan));
    }

    /** @throws dev.zaiko.platform.ConflictException {@code deal-not-planned} */
    public DealView change(String code, DealPlan plan) {
        return view(planning.change(code, plan));
    }

    /** @throws dev.zaiko.platform.ConflictException {@code deal-not-planned} */
    public DealView cancel(String code) {
        return view(planning.cancel(code));
    }

    /** @throws dev.zaiko.platform.ConflictException {@code deal-not-live} */
    public DealView pause(String code) {
        return view(pausing.pause(code));
    }

    /** @throws dev.zaiko.platform.ConflictException {@code deal-not-live} */
    public DealView resume(String code) {
        return view(pausing.resume(code));
    }

    /** Ends a running deal now. @throws dev.zaiko.platform.ConflictException {@code deal-not-started} */
    public DealView end(String code) {
        return view(ending.endEarly(code));
    }

    /** @throws NotFoundException no such deal */
    public DealView view(String code) {
        return view(planning.require(code));
    }

    /** Newest start first, with how each sells. */
    public List<DealView> list(DealStatus status, String sku) {
        return store.list(status, sku == null || sku.isBlank() ? null : sku.strip(), LIST_LIMIT).stream()
                .map(this::view).toList();
    }

    /** @throws NotFoundException unknown SKU or channel */
    public DealOffers offers(String sku, String channel) {
        long price = products.find(sku).orElseThrow(() -> new NotFoundException("No product with SKU '" + sku + "'."))
                .price();
        Map<String, Integer> ats = availability.ats(List.of(sku), channel);
        List<DealOffers.Offer> deals = store.liveOn(sku, channel).stream().map(d -> new DealOffers.Offer(d.code(),
                d.price(), remaining(d), d.endsAt(), d.memberSegment() != null, d.memberSegment(),
                d.perCustomerLimit())).toList();
        return new DealOffers(sku, channel, new DealOffers.Regular(ats.getOrDefault(sku, 0), price), deals);
    }

    private int remaining(DealRow d) {
        return switch (d.status()) {
            case PLANNED -> d.quantity();
            case LIVE, PAUSED -> d.setAside() == null ? 0 : reserving.setAsideUnits(d.setAside());
            case ENDED, CANCELLED -> 0;
        };
    }

    private DealView view(DealRow d) {
        SellingFromDeals.Counts counts = d.status() == DealStatus.PLANNED || d.status() == DealStatus.CANCELLED
                ? new SellingFromDeals.Counts(0, 0) : selling.counts(d);
        Double sellThrough = d.setAsideUnits() == null || d.setAsideUnits() == 0 ? null
                : (double) counts.sold() / d.setAsideUnits();
        WaitingCustomers waiting = waitlists.getIfAvailable();
        return new DealView(d.code(), d.sku(), d.channels(), d.price(), d.quantity(), d.startsAt(), d.endsAt(),
                d.memberSegment(), d.perCustomerLimit(), d.status(), d.setAside(), d.setAsideUnits(), d.shortBy(),
                counts.sold(), counts.held(), remaining(d), sellThrough,
                waiting == null ? null : waiting.waiting(d.code()), d.startedAt(), d.endedAt(), d.endedEarly());
    }
}
