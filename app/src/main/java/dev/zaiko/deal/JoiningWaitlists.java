package dev.zaiko.deal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer joins a sold-out deal's waitlist (the shop's storefront calls this on their click).
 * One place per deal and email address: joining again while in line (or after taking a unit)
 * answers the same place; one who left or passed joins again at the end of the line. Refused while
 * the deal still has units for plain buyers ({@code deal-not-sold-out}), before it starts
 * ({@code deal-not-started}) and after it ended or was cancelled ({@code deal-ended}).
 */
@Service
public class JoiningWaitlists {

    private static final Logger log = LoggerFactory.getLogger(JoiningWaitlists.class);
    /** Enough to refuse what is plainly no address; the mail outbox checks it fully. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final int MAX_EMAIL = 254;

    private final WaitlistStore store;
    private final Deals deals;
    private final WaitlistSupply supply;
    private final WaitlistNotices notices;
    private final TransactionTemplate tx;
    private final Clock clock;

    JoiningWaitlists(WaitlistStore store, Deals deals, WaitlistSupply supply, WaitlistNotices notices,
                     PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.deals = deals;
        this.supply = supply;
        this.notices = notices;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** @param created true when the customer now has a new place in line (not the one they already had) */
    public record Joined(WaitlistEntry entry, boolean created) {
    }

    public record Request(String email, String locale, String channel, String segment) {
    }

    public Joined join(String dealCode, Request request) {
        if (request == null) throw invalid("email", "A body with email, locale and channel is required.");
        String email = request.email() == null ? "" : request.email().strip();
        if (email.isEmpty() || email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            throw invalid("email", "email must be the customer's email address (name@example.com), at most "
                    + MAX_EMAIL + " characters.");
        }
        String locale = request.locale() == null || request.locale().isBlank() ? "ja" : request.locale().strip();
        if (!locale.equals("ja") && !locale.equals("en")) throw invalid("locale", "locale must be ja or en.");
        Deal deal = deals.find(dealCode).orElseThrow(() -> new NotFoundException("No deal '" + dealCode + "'."));
        String channel = request.channel() == null ? "" : request.channel().strip();
        if (!deal.channels().contains(channel)) {
            throw invalid("channel", "channel must be one the deal sells on: " + deal.channels() + ".");
        }
        String segment = request.segment() == null || request.segment().isBlank() ? null : request.segment().strip();
        if (deal.status() == DealStatus.ENDED || deal.status() == DealStatus.CANCELLED) {
            throw new ConflictException("deal-ended", "Deal '" + dealCode + "' is " + deal.status()
                    + "; its waitlist is closed.", Map.of("deal", dealCode, "dealStatus", deal.status().name()));
        }
        if (deal.status() == DealStatus.PLANNED) {
            throw new ConflictException("deal-not-started", "Deal '" + dealCode + "' has not started; customers can "
                    + "buy once it does.", Map.of("deal", dealCode, "startsAt", deal.startsAt().toString()));
        }
        return tx.execute(t -> {
            Instant now = clock.instant();
            store.lock(dealCode, now);
            var existing = store.findByEmail(dealCode, email);
            if (existing.isPresent() && (existing.get().status().inLine()
                    || existing.get().status() == WaitlistStatus.TOOK)) {
                return new Joined(existing.get(), false);
            }
            // units nobody holds and nobody waits for: the customer can simply buy
            int open = supply.openUnits(deal);
            if (open > 0 && store.waiting(dealCode) == 0) {
                throw new ConflictException("deal-not-sold-out", "Deal '" + dealCode + "' still has " + open
                        + " unit(s) to buy; the waitlist opens when they are gone.", Map.of("deal", dealCode,
                        "available", open));
            }
            UUID id;
            if (existing.isPresent()) {
                id = existing.get().id();
                store.rejoin(id, locale, channel, segment, now);
            } else {
                id = UUID.randomUUID();
                store.insert(id, dealCode, email, locale, channel, segment, now);
            }
            WaitlistEntry entry = store.find(id).orElseThrow();
            notices.joined(entry, deal);
            log.info("Waitlist entry {} joined deal {} at place {}", id, dealCode, entry.position());
            return new Joined(entry, true);
        });
    }

    private static InvalidRequestException invalid(String field, String detail) {
        return new InvalidRequestException("invalid-waitlist-entry", detail, Map.of("field", field));
    }
}
