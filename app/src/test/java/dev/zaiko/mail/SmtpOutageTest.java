package dev.zaiko.mail;

import static dev.zaiko.mail.MailApi.awaitEmail;
import static dev.zaiko.mail.MailApi.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SMTP server down for minutes, with the shipped retry settings (8 attempts, waits doubling
 * from 1 minute): emails written meanwhile wait in the outbox, each failed attempt recorded, none
 * given up, and when the server is back (GreenMail started again on the same port) each arrives
 * exactly once, by Message-ID. And a send the server accepted but whose SENT could not be recorded
 * is recorded by the next run, not sent again. Its own application context: the transport is
 * chosen by {@code spring.mail.host}, and the retry settings are the defaults, unlike SmtpOutboxTest's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.mail.host=127.0.0.1",
        "spring.mail.properties.mail.smtp.connectiontimeout=5000",
        "spring.mail.properties.mail.smtp.timeout=5000"})
@ActiveProfiles("test")
class SmtpOutageTest {

    static final int SMTP_PORT = freePort();

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    Outbox outbox;
    @Autowired
    MailEventProbe probe;
    @Autowired
    MovableClock clock;
    @Autowired
    MailOutboxProperties retries;
    @Autowired
    JdbcTemplate jdbc;

    GreenMail smtp;

    @AfterEach
    void stopServerAndResetClock() {
        if (smtp != null) smtp.stop();
        clock.reset();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh SMTP server on the one port the application knows (its mailbox starts empty). */
    private void startSmtp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    /** How many times the running SMTP server received each Message-ID. */
    private Map<String, Long> receivedByMessageId() {
        return Arrays.stream(smtp.getReceivedMessages()).map(SmtpOutageTest::messageId)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void emailsWrittenDuringAFifteenMinuteSmtpOutageWaitWithTheirAttemptsRecordedAndEachArrivesOnceWhenItIsBack() {
        startSmtp();
        QueuedEmail before = outbox.send(email(ShopApi.unique("BEFORE")));
        awaitEmail(outbox, before.id(), "sent", e -> e.status() == EmailStatus.SENT);
        assertThat(receivedByMessageId()).containsEntry(before.messageId(), 1L);

        smtp.stop(); // the outage begins
        String ref = ShopApi.unique("OUTAGE");
        List<QueuedEmail> queued = IntStream.range(0, 5).mapToObj(i -> outbox.send(email(ref + "-" + i))).toList();

        // attempts 1 to 5 fail over 1 + 2 + 4 + 8 = 15 minutes; each is recorded and none gives up
        Duration outage = Duration.ZERO;
        int attempts = 5;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            int done = attempt;
            for (QueuedEmail q : queued) {
                QueuedEmail r = awaitEmail(outbox, q.id(), "attempt " + done + " failed",
                        // an attempt under way already counts but still shows the last wait: wait for its outcome
                        e -> e.status() == EmailStatus.RETRYING && e.attempts() == done
                                && e.nextAttemptAt().isAfter(clock.instant()));
                assertThat(r.lastError()).as("attempt %d of %s", done, q.messageId()).contains("Connect");
            }
            if (attempt < attempts) {
                clock.advance(retries.retryAfter(attempt));
                outage = outage.plus(retries.retryAfter(attempt));
            }
        }
        assertThat(outage).isEqualTo(Duration.ofMinutes(15));
        for (QueuedEmail q : queued) {
            assertThat(outbox.find(q.id()).orElseThrow().status()).isEqualTo(EmailStatus.RETRYING);
            List<DeliveryAttempt> history = outbox.attempts(q.id());
            assertThat(history).extracting(DeliveryAttempt::outcome).containsExactly("TRANSIENT", "TRANSIENT",
                    "TRANSIENT", "TRANSIENT", "TRANSIENT");
            assertThat(probe.failed(q.id())).isEmpty();
            assertThat(probe.sent(q.id())).isEmpty();
        }

        startSmtp(); // back, on the same port
        clock.advance(retries.retryAfter(attempts));
        queued.forEach(q -> awaitEmail(outbox, q.id(), "sent", e -> e.status() == EmailStatus.SENT));

        Map<String, Long> received = receivedByMessageId();
        List<String> expected = new ArrayList<>(queued.stream().map(QueuedEmail::messageId).toList());
        assertThat(received.keySet()).as("every email, nothing else").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(received.values()).as("none twice").allMatch(n -> n == 1L);
        for (QueuedEmail q : queued) {
            QueuedEmail sent = outbox.find(q.id()).orElseThrow();
            assertThat(sent.attempts()).isEqualTo(attempts + 1);
            assertThat(outbox.attempts(q.id())).extracting(DeliveryAttempt::outcome).last().isEqualTo("SENT");
            assertThat(probe.sent(q.id())).hasSize(1);
            assertThat(probe.failed(q.id())).isEmpty();
        }
    }

    @Test
    void aSendTheServerAcceptedButThatCouldNotBeMarkedSentIsRecordedByTheNextRunNotSentAgain() {
        // the database refuses the first SENT of an email whose reference starts with ONCE-, as a
        // connection lost at that moment would (SQL state 08006); a sequence counts, outside the
        // transaction that rolls back
        jdbc.execute("create sequence if not exists test_refused_sent");
        jdbc.execute("""
                create or replace function test_refuse_first_sent() returns trigger language plpgsql as $$
                begin
                    if new.status = 'SENT' and new.reference like 'ONCE-%' then
                        if nextval('test_refused_sent') = 1 then
                            raise exception 'connection lost (test)' using errcode = '08006';
                        end if;
                    end if;
                    return new;
                end $$""");
        jdbc.execute("drop trigger if exists test_refuse_first_sent on mail_outbox");
        jdbc.execute("create trigger test_refuse_first_sent before update on mail_outbox for each row "
                + "execute function test_refuse_first_sent()");
        try {
            startSmtp();
            QueuedEmail queued = outbox.send(email(ShopApi.unique("ONCE")));
            await("the server accepted it and its SENT was refused").atMost(MailApi.BOUND)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> Boolean.TRUE.equals(jdbc.queryForObject(
                            "select is_called from test_refused_sent", Boolean.class)));
            assertThat(receivedByMessageId()).containsEntry(queued.messageId(), 1L);
            // the failed run is over once the scheduler has put its retry on the books: moving the
            // clock before that would only push the retry further out
            await("the failed run rescheduled").atMost(MailApi.BOUND).pollInterval(Duration.ofMillis(50))
                    .until(() -> Integer.valueOf(1).equals(jdbc.query(
                            "select consecutive_failures from scheduled_tasks where task_name = ? and task_instance = ?"
                                    + " and not picked", rs -> rs.next() ? rs.getInt(1) : null,
                            MailJobs.DELIVERY_TASK, queued.id().toString())));
            QueuedEmail unrecorded = outbox.find(queued.id()).orElseThrow();
            assertThat(unrecorded.status()).isEqualTo(EmailStatus.PENDING);
            assertThat(unrecorded.attempts()).isEqualTo(1);

            // past the attempt's hold: a run that sent again would find the email free to take
            clock.advance(DeliveringEmails.HOLD.plusMinutes(1));
            QueuedEmail sent = awaitEmail(outbox, queued.id(), "sent", e -> e.status() == EmailStatus.SENT);
            assertThat(sent.attempts()).isEqualTo(1);
            assertThat(receivedByMessageId()).containsEntry(queued.messageId(), 1L);
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(outbox.attempts(queued.id())).extracting(DeliveryAttempt::outcome).containsExactly("SENT");
            assertThat(probe.sent(queued.id())).hasSize(1);
        } finally {
            jdbc.execute("drop trigger if exists test_refuse_first_sent on mail_outbox");
        }
    }
}
