package dev.zaiko.restock;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.shop.CustomerFacing;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The subscriber's pages behind the signed links of the alert emails, under {@code /c/} like every
 * customer page (no sign-in: the link is the key): following the confirm link starts the alert and
 * says the person's place in line; the unsubscribe link shows a one-click button (a POST, so a mail
 * scanner opening the link unsubscribes nobody). A forged or changed link gets 403 and an expired
 * confirm link 410, both changing nothing and showing nothing of any subscription. Only
 * {@code ?lang=} is read.
 */
@Controller
class RestockPages {

    static final String BASE = "/c/restock-alerts/";

    private final SubscribingToRestockAlerts subscribing;
    private final WritingRestockLetters letters;
    private final CustomerFacing facing;

    RestockPages(SubscribingToRestockAlerts subscribing, WritingRestockLetters letters, CustomerFacing facing) {
        this.subscribing = subscribing;
        this.letters = letters;
        this.facing = facing;
    }

    @GetMapping(BASE + "confirm/{token}")
    ResponseEntity<String> confirm(@PathVariable String token, @RequestParam(required = false) String lang) {
        SubscribingToRestockAlerts.Confirmation done = subscribing.confirm(token);
        if (!(done instanceof SubscribingToRestockAlerts.Confirmed confirmed)) {
            return problem(done instanceof SubscribingToRestockAlerts.LinkExpired ? "expired" : "invalid", lang);
        }
        RestockAlert alert = confirmed.alert();
        Locale locale = CustomerFacing.locale(lang, locale(alert));
        Map<String, Object> m = facing.model(locale);
        m.put("base", BASE + "confirm/" + token);
        m.put("product", letters.productName(alert.sku(), locale));
        m.put("rank", confirmed.rank());
        m.put("unsubscribe", BASE + "unsubscribe/" + subscribingToken(alert));
        return facing.page(HttpStatus.OK, "customer/restock-confirmed", m, locale);
    }

    @GetMapping(BASE + "unsubscribe/{token}")
    ResponseEntity<String> unsubscribePage(@PathVariable String token, @RequestParam(required = false) String lang) {
        Optional<RestockAlert> found = subscribing.unsubscribing(token);
        if (found.isEmpty()) return problem("invalid", lang);
        return unsubscribeAnswer(token, found.get(), found.get().status() == RestockAlertStatus.UNSUBSCRIBED, lang);
    }

    @PostMapping(BASE + "unsubscribe/{token}")
    ResponseEntity<String> unsubscribe(@PathVariable String token, @RequestParam(required = false) String lang) {
        Optional<RestockAlert> left = subscribing.unsubscribe(token);
        if (left.isEmpty()) return problem("invalid", lang);
        return unsubscribeAnswer(token, left.get(), true, lang);
    }

    private ResponseEntity<String> unsubscribeAnswer(String token, RestockAlert alert, boolean done, String lang) {
        Locale locale = CustomerFacing.locale(lang, locale(alert));
        Map<String, Object> m = facing.model(locale);
        m.put("base", BASE + "unsubscribe/" + token);
        m.put("product", letters.productName(alert.sku(), locale));
        m.put("done", done);
        return facing.page(HttpStatus.OK, "customer/restock-unsubscribe", done ? m : facing.withCsrfToken(m), locale);
    }

    private String subscribingToken(RestockAlert alert) {
        return subscribing.unsubscribeToken(alert.id());
    }

    private ResponseEntity<String> problem(String problem, String lang) {
        Locale locale = CustomerFacing.locale(lang);
        Map<String, Object> m = facing.model(locale);
        m.put("problem", problem);
        m.put("prefix", "restockpage");
        return facing.page("expired".equals(problem) ? HttpStatus.GONE : HttpStatus.FORBIDDEN, "customer/link-problem",
                m, locale);
    }

    private static Locale locale(RestockAlert alert) {
        return "en".equals(alert.locale()) ? Locale.ENGLISH : Locale.JAPANESE;
    }
}
