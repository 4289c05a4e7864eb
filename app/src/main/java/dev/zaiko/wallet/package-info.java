/**
 * The shop's own ledgers: points and gift balance (each grant a lot with its own validity, its
 * remaining amount the sum of append-only entries, spent earliest expiry first) and coupons
 * (single use, FIXED yen or PERCENT, with a campaign end and an append-only status history).
 * A customer is their normalized email; Zaiko has no customer ids.
 * <p>
 * {@link dev.zaiko.wallet.Wallets} is the public API: the order module redeems an OWN channel's
 * order in the order's own transaction, the refund module gives back what an order spent
 * (restored into the lots it came from, re-granted with a new validity when they expired
 * meanwhile; a coupon unused again or replaced), and staff grant points, gift balance and
 * coupons ({@code /api/wallets}, {@code /api/coupons}). Every call with a key is idempotent.
 * <p>
 * Owns the {@code wallet_*} tables; depends on no other module but platform. Emails never reach a log.
 * <p>
 * See docs/wallet.md.
 */
@dev.zaiko.platform.ApiTag("The shop's own ledgers: points and gift balance per customer (by email) and single-use coupons.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform"})
package dev.zaiko.wallet;
