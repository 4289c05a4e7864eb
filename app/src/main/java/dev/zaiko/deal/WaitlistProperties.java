package dev.zaiko.deal;

import java.time.Duration;

import dev.zaiko.platform.Durations;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The waitlists' settings, under {@code zaiko.deals}.
 *
 * @param waitlistOfferHold      how long a unit offered to the first in line is held for them (default 15 minutes)
 * @param checkoutUrl            where an offer page sends the customer to buy: a template with {@code {deal}}
 *                               and {@code {reservation}} (default the shop's base URL
 *                               {@code /checkout?deal={deal}&reservation={reservation}})
 * @param waitlistCheckEvery     how often the durable job catches up: offers units that came back while no
 *                               instance heard of it, closes offers that were taken or ran out, and retries
 *                               the shop's webhook events (default 1 minute)
 * @param waitlistLinkSecret     the key that signs waitlist links; unset, one is made and stored (sealed) in the
 *                               database at first use
 * @param waitlistLinkValidFor   how long a leave link works (default 60 days); an offer link works while the offer lasts
 */
@ConfigurationProperties("zaiko.deals")
public record WaitlistProperties(Duration waitlistOfferHold, String checkoutUrl, Duration waitlistCheckEvery,
                                 String waitlistLinkSecret, Duration waitlistLinkValidFor) {

    public WaitlistProperties {
        if (waitlistOfferHold == null) waitlistOfferHold = Duration.ofMinutes(15);
        if (waitlistCheckEvery == null) waitlistCheckEvery = Duration.ofMinutes(1);
        if (waitlistLinkValidFor == null) waitlistLinkValidFor = Duration.ofDays(60);
        if (!Durations.positive(waitlistOfferHold)) {
            throw new IllegalArgumentException("zaiko.deals.waitlist-offer-hold must be positive");
        }
        if (!Durations.positive(waitlistCheckEvery)) {
            throw new IllegalArgumentException("zaiko.deals.waitlist-check-every must be positive");
        }
        if (!Durations.positive(waitlistLinkValidFor)) {
            throw new IllegalArgumentException("zaiko.deals.waitlist-link-valid-for must be positive");
        }
        if (checkoutUrl != null && checkoutUrl.isBlank()) checkoutUrl = null;
    }
}
