package dev.zaiko.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import dev.zaiko.platform.ZaikoProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Hands a composed email to the world: to the SMTP server when Spring Boot configured a
 * {@link JavaMailSender} ({@code spring.mail.host} is set), else to an {@code .eml} file in
 * {@code <zaiko.data-dir>/outbox/}. Called outside any database transaction.
 */
@Component
class MailTransport {

    enum Kind { SMTP, FILE }

    /** Without these jakarta.mail waits forever for a server that accepted the connection and went quiet. */
    private static final String DEFAULT_TIMEOUT_MILLIS = "30000";

    private final JavaMailSender sender;
    private final ComposingEmails composing;
    private final Path directory;

    MailTransport(ObjectProvider<JavaMailSender> sender, ComposingEmails composing, ZaikoProperties zaiko) {
        this.sender = sender.getIfAvailable();
        this.composing = composing;
        this.directory = zaiko.dataDir().resolve("outbox");
        if (this.sender instanceof JavaMailSenderImpl impl) {
            Properties p = impl.getJavaMailProperties();
            for (String key : new String[]{"mail.smtp.connectiontimeout", "mail.smtp.timeout", "mail.smtp.writetimeout"}) {
                p.putIfAbsent(key, DEFAULT_TIMEOUT_MILLIS);
            }
        }
    }

    Kind kind() {
        return sender == null ? Kind.FILE : Kind.SMTP;
    }

    /** Where the file transport writes the email. */
    Path file(QueuedEmail email) {
        return directory.resolve(email.id() + ".eml");
    }

    /** @throws Exception whatever the SMTP client or the file system throws; the caller tells which ones pass */
    Kind send(QueuedEmail email) throws Exception {
        if (sender == null) {
            write(email);
            return Kind.FILE;
        }
        Session session = sender instanceof JavaMailSenderImpl impl ? impl.getSession()
                : Session.getInstance(new Properties());
        MimeMessage message = composing.compose(email, session);
        sender.send(message);
        return Kind.SMTP;
    }

    /** Written next to the target and moved into place, so a reader never sees half a file. */
    private void write(QueuedEmail email) throws IOException, MessagingException {
        Files.createDirectories(directory);
        Path target = file(email);
        Path temp = Files.createTempFile(directory, email.id() + "-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                composing.compose(email).writeTo(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
