package dev.zaiko.web;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.deal.Deal;
import dev.zaiko.deal.Deals;
import dev.zaiko.deal.LeavingWaitlists;
import dev.zaiko.deal.OfferingWaitlistUnits;
import dev.zaiko.deal.ReadingWaitlists;
import dev.zaiko.deal.WaitlistEntry;
import dev.zaiko.deal.WaitlistLinks;
import dev.zaiko.deal.WaitlistStatus;
import dev.zaiko.catalog.Products;
import dev.zaiko.shop.CustomerFacing;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A waitlist customer's pages behind the signed links of their emails (no sign-in: the link is the
 * key and opens only the entry it names). The offer page {@code /w/<token>}: the unit held for them
 * until when, a link to the shop's checkout, and a button that lets the unit go to the next in line.
 * The leave page {@code /w/leave/<token>}: one button takes them out of the line. A forged or
 * altered link gets 403 and changes nothing; an expired one 410.
 */
@Controller
class WaitlistPages {

    private final WaitlistLinks links;
    private final ReadingWaitlists reading;
    private final OfferingWaitlistUnits offering;
    private final LeavingWaitlists leaving;
    private final Deals deals;
    private final Products products;
    private final CustomerFacing facing;

    WaitlistPages(WaitlistLinks links, ReadingWaitlists reading, OfferingWaitlistUnits offering,
                  LeavingWaitlists leaving, Deals deals, Products products, CustomerFacing facing) {
        this.links = links;
        this.reading = reading;
        this.offering = offering;
        this.leaving = leaving;
        this.deals = deals;
        this.products = products;
        this.facing = facing;
    }

    @GetMapping("/w/{token}")
    ResponseEntity<String> offer(@PathVariable String token, @RequestParam(required = false) String lang) {
        WaitlistLinks.Verified verified = links.verify(token, WaitlistLinks.Kind.OFFER);
        Optional<WaitlistEntry> found = verified instanceof WaitlistLinks.Valid v ? reading.find(v.entry())
                : Optional.empty();
        if (found.isEmpty()) return problem(verified, lang);
        WaitlistLinks.Valid valid = (WaitlistLinks.Valid) verified;
        WaitlistEntry entry = offering.refresh(found.get());
        Locale locale = CustomerFacing.locale(lang, "en".equals(entry.locale()) ? Locale.ENGLISH : Locale.JAPANESE);
        Map<String, Object> m = facing.model(locale);
        m.put("base", "/w/" + token);
        m.put("token", token);
        m.put("product", product(entry.deal(), locale));
        boolean current = valid.reservation().equals(entry.reservationId());
        String state = !current ? "over" : entry.status() == WaitlistStatus.OFFERED ? "held"
                : entry.status() == WaitlistStatus.TOOK ? "took" : "over";
        m.put("state", state);
        if ("held".equals(state)) {
            m.put("until", facing.dateTime(entry.offeredUntil(), locale));
            m.put("checkoutUrl", links.checkout(entry.deal(), entry.reservationId()).toString());
        }
        return facing.page(HttpStatus.OK, "customer/waitlist-offer", facing.withCsrfToken(m), locale);
    }

    /** The customer lets the unit go: the next in line gets it. Only the link's own, still held offer. */
    @PostMapping("/w/{token}/pass")
    ResponseEntity<String> pass(@PathVariable String token, @RequestParam(required = false) String lang) {
        WaitlistLinks.Verified verified = links.verify(token, WaitlistLinks.Kind.OFFER);
        if (!(verified instanceof WaitlistLinks.Valid valid)) return problem(verified, lang);
        offering.pass(valid.entry(), valid.reservation());
        return offer(token, lang);
    }

    @GetMapping("/w/leave/{token}")
    ResponseEntity<String> leavePage(@PathVariable String token, @RequestParam(required = false) String lang) {
        WaitlistLinks.Verified verified = links.verify(token, WaitlistLinks.Kind.LEAVE);
        Optional<WaitlistEntry> found = verified instanceof WaitlistLinks.Valid v ? reading.find(v.entry())
                : Optional.empty();
        if (found.isEmpty()) return problem(verified, lang);
        return leaveView(token, found.get(), lang);
    }

    @PostMapping("/w/leave/{token}")
    ResponseEntity<String> leave(@PathVariable String token, @RequestParam(required = false) String lang) {
        Optional<WaitlistEntry> left = leaving.leaveByLink(token);
        if (left.isEmpty()) return problem(links.verify(token, WaitlistLinks.Kind.LEAVE), lang);
        return leaveView(token, left.get(), lang);
    }

    private ResponseEntity<String> leaveView(String token, WaitlistEntry entry, String lang) {
        Locale locale = CustomerFacing.locale(lang, "en".equals(entry.locale()) ? Locale.ENGLISH : Locale.JAPANESE);
        Map<String, Object> m = facing.model(locale);
        m.put("base", "/w/leave/" + token);
        m.put("token", token);
        m.put("product", product(entry.deal(), locale));
        m.put("state", entry.status() == WaitlistStatus.LEFT ? "left"
                : entry.status() == WaitlistStatus.TOOK ? "took" : "in");
        m.put("position", entry.position());
        return facing.page(HttpStatus.OK, "customer/waitlist-leave", facing.withCsrfToken(m), locale);
    }

    private ResponseEntity<String> problem(WaitlistLinks.Verified verified, String lang) {
        Locale locale = CustomerFacing.locale(lang);
        boolean expired = verified instanceof WaitlistLinks.Expired;
        Map<String, Object> m = facing.model(locale);
        m.put("problem", expired ? "expired" : "invalid");
        m.put("prefix", "waitlistpage");
        return facing.page(expired ? HttpStatus.GONE : HttpStatus.FORBIDDEN, "customer/link-problem", m, locale);
    }

    private String product(String dealCode, Locale locale) {
        String sku = deals.find(dealCode).map(Deal::sku).orElse(dealCode);
        return products.find(sku).map(p -> "en".equals(locale.getLanguage()) && p.name().en() != null
                && !p.name().en().isBlank() ? p.name().en() : p.name().ja()).orElse(sku);
    }
}
