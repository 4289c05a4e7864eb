package dev.zaiko.mail;

/**
 * One email to send.
 *
 * @param idempotencyKey unique per logical email (e.g. {@code followup:SO-000001}): a second send
 *                       with the same key returns the first email and sends nothing new
 * @param to             the recipient's address (a bare address, no display name)
 * @param toName         the recipient's name as shown in the To header; may be null
 * @param html           may be null (plain text only)
 * @param reference      what it is about, e.g. a stockout case id {@code SO-000001} (searchable); may be null
 * @param orderNumber    may be null
 * @param kind           e.g. {@code VOICEMAIL_FOLLOW_UP}, {@code FOLLOW_UP}, {@code ESCALATION}
 * @param urgent         sets {@code X-Priority: 1} and {@code Importance: high}
 * @param locale         {@code ja} or {@code en} (null means {@code ja}), for {@code Content-Language}
 */
public record OutgoingEmail(String idempotencyKey, String to, String toName, String subject, String text, String html,
                            String reference, String orderNumber, String kind, boolean urgent, String locale) {
}
