package dev.zaiko.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import dev.zaiko.shop.ShopProperties;
import org.springframework.stereotype.Component;

/**
 * Builds the MIME message of a recorded email, the same bytes for every attempt, for the file
 * transport and for the {@code .eml} download: only what is stored goes in (the Date is when the
 * email was recorded, the Message-ID the one chosen then).
 */
@Component
class ComposingEmails {

    static final String REFERENCE_HEADER = "X-Zaiko-Reference";
    private static final String UTF_8 = "UTF-8";

    /** For composing only; the SMTP transport brings its own session. */
    private static final Session DEFAULT_SESSION = Session.getInstance(new Properties());

    private final ShopProperties shop;

    ComposingEmails(ShopProperties shop) {
        this.shop = shop;
    }

    MimeMessage compose(QueuedEmail email) throws MessagingException {
        return compose(email, DEFAULT_SESSION);
    }

    MimeMessage compose(QueuedEmail email, Session session) throws MessagingException {
        MimeMessage m = new StableIdMessage(session, email.messageId());
        Locale locale = Locale.forLanguageTag(email.locale());
        InternetAddress shopAddress = address(shop.email(), shop.name(locale));
        m.setFrom(shopAddress);
        m.setReplyTo(new InternetAddress[]{shopAddress});
        m.setRecipient(Message.RecipientType.TO, address(email.to(), email.toName()));
        m.setSubject(email.subject(), UTF_8);
        m.setSentDate(Date.from(email.createdAt()));
        m.setHeader("Content-Language", email.locale());
        if (email.reference() != null) {
            m.setHeader(REFERENCE_HEADER, MimeUtility.fold(REFERENCE_HEADER.length() + 2, encode(email.reference())));
        }
        if (email.urgent()) {
            // X-Priority for most clients, Importance for Outlook
            m.setHeader("X-Priority", "1 (Highest)");
            m.setHeader("Importance", "high");
        }
        if (email.html() == null) {
            m.setText(email.text(), UTF_8);
        } else {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(email.text(), UTF_8);
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.html(), UTF_8, "html");
            // simplest first: a client shows the last part it can render
            m.setContent(new MimeMultipart("alternative", plain, html));
        }
        m.saveChanges();
        return m;
    }

    /** The RFC 822 bytes, as written to an {@code .eml} file. */
    byte[] bytes(QueuedEmail email) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            compose(email).writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalStateException("Email " + email.id() + " could not be composed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The domain of the shop's address, for Message-IDs: {@code <uuid@domain>}. */
    String messageIdDomain() {
        String email = shop.email();
        int at = email.lastIndexOf('@');
        String domain = at < 0 ? email : email.substring(at + 1);
        return domain.isBlank() ? "zaiko.localhost" : domain.trim();
    }

    private static InternetAddress address(String address, String name) throws MessagingException {
        try {
            return new InternetAddress(address, name == null || name.isBlank() ? null : name, UTF_8);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        try {
            return MimeUtility.encodeText(text, UTF_8, null);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Keeps the recorded Message-ID: jakarta.mail replaces it with a fresh one whenever the
     * message is saved (before sending, before writing), which would make each retry a new message.
     */
    static final class StableIdMessage extends MimeMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
