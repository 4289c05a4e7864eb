/**
 * The contact desk: reaching the customer of every stockout case in the right way at the right
 * time. It owns the call queue ordered by contact deadline and priority, call scripts in the customer's
 * language, the tone guard for what operators write, call outcomes with voicemail fallback and
 * callbacks inside calling hours, escalation to supervisors, the customer's signed decision
 * link and pages, the written follow-up after every decision, and the interaction log of every
 * call and email.
 * <p>
 * Owns the {@code contact_*} tables; uses only the public API of shop (the calendar that says when
 * to call, the shop's identity, customer-facing dates), order, stockout, refund and mail. Emails go out through the mail module's outbox; the customer's name, email and phone
 * are read from the order module when needed and never written to the log.
 */
package dev.zaiko.contact;
