/**
 * The durable email outbox. A module records an email with {@link dev.zaiko.mail.Outbox#send} in
 * its own transaction, so an email exists exactly when the change it reports committed; the
 * durable job {@code mail-delivery} then sends it (through SMTP when {@code spring.mail.host} is
 * set, else as an {@code .eml} file under {@code <zaiko.data-dir>/outbox/}), retries with a
 * doubling wait, and gives up after {@code zaiko.mail.max-attempts}. Every attempt sends the same
 * Message-ID, chosen when the email is recorded. Bounces (at once from a permanent SMTP refusal,
 * or reported later by a provider's webhook or a person) mark the email BOUNCED. Other modules
 * hear {@link dev.zaiko.mail.EmailSent}, {@link dev.zaiko.mail.EmailBounced} and
 * {@link dev.zaiko.mail.EmailFailed}.
 * <p>
 * Owns the {@code mail_*} tables; reads who the shop is (its name and sender address) from
 * {@link dev.zaiko.shop.ShopProperties}. Addresses and names are personal data: logs name emails by id,
 * Message-ID and reference only, and stored error texts have addresses blanked.
 * <p>
 * See docs/mail.md.
 */
@dev.zaiko.platform.ApiTag("The durable email outbox: every email Zaiko sends, its attempts, the .eml file, "
        + "retries and bounces.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "shop"})
package dev.zaiko.mail;
