/**
 * Channel sync out: one stock truth pushed to every channel. Every stock change marks its SKU;
 * one feed writer computes the SKU's ATS and display level on every channel (through the
 * inventory's public {@link dev.zaiko.inventory.CheckingAvailability}) and keeps the latest value
 * per channel and SKU with a new sequence number when it changed: a burst of changes becomes one
 * entry. Integrations pull the feed after a cursor ({@code GET /api/channels/{code}/feed}) or
 * register webhook endpoints that get signed deliveries, retried with a doubling wait, in order
 * per SKU, each endpoint on its own worker so that a dead one slows no other. A channel may also
 * have a {@link dev.zaiko.channel.MarketplaceAdapter} (Amazon, Rakuten, Yahoo) that pushes its feed
 * within the marketplace's rate limit and batch size, the SKUs most at risk of overselling first and
 * those at the channel's safety floor as 0 at once, honouring the marketplace's Retry-After; with
 * several instances, one at a time pushes a channel (a lease in the database, taken over when its
 * holder dies). See docs/channel-sync.md.
 * <p>
 * Webhook and adapter URLs go only to allowed addresses, checked when set and again right before
 * each request ({@link dev.zaiko.platform.outbound.OutboundTargets}).
 * <p>
 * Owns the {@code channel_*} tables. Webhook secrets and URLs (whose query may hold a token) are
 * never logged: logs name endpoints by id and host. Webhook secrets are stored encrypted
 * ({@link dev.zaiko.platform.SecretBox}).
 */
@dev.zaiko.platform.ApiTag("Channel sync out: the per-channel feed of available-to-sell after a cursor, signed "
        + "webhooks and marketplace adapters that push it.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"inventory", "platform"})
package dev.zaiko.channel;
