package dev.zaiko.restock;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import dev.zaiko.platform.OpenToAnyone;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The storefronts' open door: a visitor asks to be told when a SKU is back on one of the shop's own
 * channels. No Zaiko key can be asked of a visitor's browser, so the door is open to anyone, and
 * three things keep it from mailing strangers: it only sends a confirmation email (double opt-in:
 * nothing else is sent until its signed link is followed), it is rate limited per client address
 * and per email address ({@link LimitingPublicSubscriptions}; 429 with {@code Retry-After}), and its
 * answer is the same whether the address was new, pending or already waiting. Also the target of
 * RFC 8058's one-click unsubscribe POST, which carries its own proof (the signed token). Left out of
 * the API document ({@link Hidden}), which describes {@code /api/} alone, like the platforms' doors;
 * docs/restock-alerts.md describes it.
 */
@RestController
@Hidden
class PublicRestockAlertController {

    static final String PATH = "/public/restock-alerts";
    static final String ONE_CLICK = PATH + "/unsubscribe/";

    private final SubscribingToRestockAlerts subscribing;
    private final LimitingPublicSubscriptions limits;

    PublicRestockAlertController(SubscribingToRestockAlerts subscribing, LimitingPublicSubscriptions limits) {
        this.subscribing = subscribing;
        this.limits = limits;
    }

    record PublicSubscription(String sku, String channel, String email, String locale) {
    }

    @OpenToAnyone("a storefront's visitor holds no Zaiko key; double opt-in (only a confirmation email until its signed "
            + "link is followed) and rate limits per address and per email keep it from mailing strangers")
    @Operation(summary = "A storefront's visitor asks for a back-in-stock alert",
            description = "Open to anyone. Answers 202 the same way whether the email was new, pending or already waiting; "
                    + "a new or pending one gets a confirmation email, and waits only once its link is followed. Only the "
                    + "shop's OWN channels. 429 with Retry-After beyond zaiko.restock.max-per-address or max-per-email; "
                    + "unknown SKU or channel: 400 naming the field.")
    @PostMapping(PATH)
    ResponseEntity<?> subscribe(@RequestBody PublicSubscription body, HttpServletRequest request) {
        Optional<Duration> wait = limits.fromAddress(request.getRemoteAddr());
        if (wait.isPresent()) return tooMany(wait.get(), "this address");
        if (body == null) throw new dev.zaiko.platform.InvalidRequestException("The body is required.");
        if (body.email() != null && !body.email().isBlank()) {
            wait = limits.forEmail(body.email().strip().toLowerCase(java.util.Locale.ROOT));
            if (wait.isPresent()) return tooMany(wait.get(), "this email address");
        }
        subscribing.subscribePublicly(body.sku(), body.channel(), body.email(), body.locale());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "accepted", "detail",
                "If the address can receive alerts, a confirmation email is on its way; the alert starts once its "
                        + "link is followed."));
    }

    @OpenToAnyone("RFC 8058 one-click unsubscribe from a mail client, which holds no Zaiko key; the signed token in the "
            + "URL is the proof, and a forged one is answered 404")
    @Operation(summary = "One-click unsubscribe (RFC 8058)",
            description = "A mail client's POST of List-Unsubscribe=One-Click to the link in a restock alert email. 200 when "
                    + "the token is one of ours (also when already unsubscribed), 404 for anything else.")
    @PostMapping(ONE_CLICK + "{token}")
    ResponseEntity<?> oneClick(@PathVariable String token) {
        Optional<RestockAlert> left = subscribing.unsubscribe(token);
        if (left.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "This unsubscribe link is not one of ours; nothing was changed.");
            problem.setType(URI.create("https://zaiko.dev/problems/not-found"));
            problem.setTitle("Not found");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        return ResponseEntity.ok(Map.of("status", "unsubscribed"));
    }

    private static ResponseEntity<ProblemDetail> tooMany(Duration wait, String what) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many alert requests from " + what + "; nothing was sent. Try again after Retry-After seconds.");
        problem.setType(URI.create("https://zaiko.dev/problems/too-many-requests"));
        problem.setTitle("Too many requests");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                .body(problem);
    }
}
