package dev.zaiko.contact;

import dev.zaiko.contact.customer.Letter;
import dev.zaiko.contact.customer.LetterRendering;
import dev.zaiko.contact.customer.WritingToCustomers;
import dev.zaiko.contact.desk.CaseFile;
import dev.zaiko.contact.desk.ContactStore;
import dev.zaiko.contact.desk.MissedCall;
import dev.zaiko.contact.desk.MissedCallRules;
import dev.zaiko.contact.desk.ReadingCases;
import dev.zaiko.shop.ShopCalendar;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * The email a call outcome or an escalation would send now, for the operator to read before the
 * call or before pressing the button. Sends nothing, issues no link, changes nothing.
 */
@Service
public class PreviewingEmails {

    /** The emails an operator's action can bring about for an undecided case. */
    public static final Set<EmailKind> PREVIEWABLE = EnumSet.of(EmailKind.FIRST_NOTICE, EmailKind.MISSED_CALL,
            EmailKind.WRONG_NUMBER, EmailKind.OPTIONS, EmailKind.ESCALATED);

    private final ContactStore store;
    private final ReadingCases reading;
    private final WritingToCustomers writing;
    private final MissedCallRules rules;
    private final ShopCalendar calendar;
    private final Clock clock;

    PreviewingEmails(ContactStore store, ReadingCases reading, WritingToCustomers writing, MissedCallRules rules,
                     ShopCalendar calendar, Clock clock) {
        this.store = store;
        this.reading = reading;
        this.writing = writing;
        this.rules = rules;
        this.calendar = calendar;
        this.clock = clock;
    }

    public record Preview(EmailKind kind, String subject, boolean urgent, String text, String html) {
    }

    /** @param locale null: the customer's language */
    public Preview preview(String caseId, EmailKind kind, Locale locale) {
        if (!PREVIEWABLE.contains(kind)) {
            throw new InvalidRequestException("kind must be one of " + PREVIEWABLE + ", got " + kind + ".");
        }
        ContactCase cc = store.find(caseId).orElseThrow(() -> new NotFoundException("The contact desk has not taken "
                + "stockout case " + caseId + " in yet."));
        CaseFile f = reading.read(caseId, locale);
        if (f.decideBy() == null) {
            throw new ConflictException("case-already-decided", "Stockout case " + caseId + " is decided; its "
                    + "follow-up is in the timeline.", java.util.Map.of("id", caseId));
        }
        Instant now = clock.instant();
        Instant next = switch (kind) {
            case MISSED_CALL -> rules.after(new MissedCall(CallOutcome.NO_ANSWER, cc.missedCalls() + 1, cc.express(),
                    cc.gift(), now)).at();
            case FIRST_NOTICE, ESCALATED -> cc.wrongNumber() ? null : calendar.nextCallSlot(now);
            default -> null;
        };
        Letter letter = writing.preview(f, cc, kind, new WritingToCustomers.Notice(now, CallOutcome.NO_ANSWER, next,
                "preview"));
        return new Preview(kind, letter.subject(), letter.urgent(), LetterRendering.text(letter),
                writing.html(letter, f.locale()));
    }
}
