/**
 * The contact desk: reaching the customer of every stockout case in the right way at the right
 * time: the call queue ordered by contact deadline and priority, call scripts in the customer's
 * language, the tone guard for what operators write, call outcomes with voicemail fallback and
 * callbacks inside calling hours, escalation to supervisors, the customer's signed decision
 * link and pages, the written follow-up after every decision, and the interaction log of every
 * call and email.
 * <p>
 * One subject, one place:
 * <ul>
 * <li>this package: the module's API, what other modules (web, demo) use: {@link
 * dev.zaiko.contact.ContactDesk}, {@link dev.zaiko.contact.ContactCase} and its queue, mode and
 * call task, {@link dev.zaiko.contact.RecordingCalls}, {@link dev.zaiko.contact.EscalatingCases},
 * {@link dev.zaiko.contact.DecisionLinks}, {@link dev.zaiko.contact.PreviewingEmails}, the
 * interaction log;</li>
 * <li>{@code contact.desk}: the desk's workings: the store of cases, tasks, links and the log
 * ({@code ContactStore}), queueing opened cases, reading a case's file, the missed-call rules and
 * the next call, the follow-up after decisions and refunds, the contact API
 * ({@code /api/contact/**}) and {@code zaiko.contact.*};</li>
 * <li>{@code contact.scripts}: the apology call's script ({@code WritingCallScripts}, one class per
 * situation, {@code ScriptVariants}, {@code ScriptWords}) and its API; {@code WritingCallScripts}
 * and {@code CallScript} are the named interface {@code scripts};</li>
 * <li>{@code contact.tone}: the tone guard ({@code ToneGuard}, {@code ToneMatcher}, the phrase list
 * and its editing and API); {@code ToneGuard}, {@code ToneFinding} and {@code ToneGuardException}
 * are the named interface {@code tone};</li>
 * <li>{@code contact.customer}: what the customer receives and sees: the letters
 * ({@code WritingToCustomers}, {@code Letter}, {@code LetterRendering}), the signed link's key and
 * the decision pages under {@code /c/} ({@code CustomerPages}).</li>
 * </ul>
 * Sub-packages are internal to the module (Spring Modulith); their types are public only so that
 * the sub-packages can reach each other.
 * <p>
 * Owns the {@code contact_*} tables; uses only the public API of shop (the calendar that says
 * when to call, the shop's identity, customer-facing dates), order, stockout, refund and mail.
 * Emails go out through the mail module's outbox; the customer's name, email and phone are read
 * from the order module when needed and never written to the log.
 * <p>
 * See docs/contact-desk.md.
 */
@dev.zaiko.platform.ApiTag("The contact desk: the call queue by deadline, call scripts, call outcomes and escalation, "
        + "the customer's decision links and emails, call scripts and the tone guard.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"access", "mail", "order", "payment", "platform", "refund", "shop", "stockout"})
package dev.zaiko.contact;
