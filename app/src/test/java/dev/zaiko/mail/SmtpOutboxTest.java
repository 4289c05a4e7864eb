package dev.zaiko.mail;

import static dev.zaiko.mail.MailApi.awaitEmail;
import static dev.zaiko.mail.MailApi.email;
import static dev.zaiko.mail.MailApi.html;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.zaiko.shop.ShopProperties;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The outbox through a real SMTP server (GreenMail on a free loopback port; stopped to play an
 * SMTP server that is down). Its own application context, since the transport is chosen by
 * {@code spring.mail.host}; three attempts before giving up, so that limit is reached quickly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.mail.host=127.0.0.1",
        "spring.mail.properties.mail.smtp.connectiontimeout=5000",
        "spring.mail.properties.mail.smtp.timeout=5000",
        "zaiko.mail.max-attempts=3"})
@ActiveProfiles("test")
class SmtpOutboxTest {

    static final int SMTP_PORT = freePort();

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @LocalServerPort
    int port;
    @Autowired
    Outbox outbox;
    @Autowired
    MailEventProbe probe;
    @Autowired
    MovableClock clock;
    @Autowired
    ShopProperties shop;

    MailApi api;
    GreenMail smtp;

    @BeforeEach
    void client() {
        api = new MailApi(port);
    }

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

    private void startSmtp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    /** What the SMTP server received with this Message-ID (other tests' emails may arrive too). */
    private List<MimeMessage> received(String messageId) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return messageId.equals(m.getMessageID());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void anEmailArrivesWithItsHeadersPartsAndRecordedMessageId() throws Exception {
        startSmtp();
        String ref = ShopApi.unique("SO");
        QueuedEmail queued = outbox.send(html(ref));
        QueuedEmail sent = awaitEmail(outbox, queued.id(), "sent", e -> e.status() == EmailStatus.SENT);
        assertThat(sent.sentAt()).isNotNull();
        assertThat(probe.sent(queued.id())).hasSize(1);

        List<MimeMessage> got = received(queued.messageId());
        assertThat(got).hasSize(1);
        MimeMessage m = got.get(0);
        assertThat(m.getSubject()).isEqualTo("【至急】ご注文 " + ref + " の欠品について");
        assertThat(m.getHeader("Subject", null)).startsWith("=?UTF-8?");
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo(shop.email());
        assertThat(from.getPersonal()).isEqualTo(shop.name());
        assertThat(((InternetAddress) m.getReplyTo()[0]).getAddress()).isEqualTo(shop.email());
        InternetAddress to = (InternetAddress) m.getAllRecipients()[0];
        assertThat(to.getAddress()).isEqualTo(queued.to());
        assertThat(to.getPersonal()).isEqualTo("山田 太郎");
        assertThat(m.getHeader("X-Priority", null)).startsWith("1");
        assertThat(m.getHeader("Importance", null)).isEqualTo("high");
        assertThat(m.getHeader("X-Zaiko-Reference", null)).isEqualTo(ref);
        assertThat(m.getHeader("Content-Language", null)).isEqualTo("ja");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo(queued.text());
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo(queued.html());

        JsonNode detail = api.ok(api.get("/api/outbox/" + queued.id()));
        assertThat(detail.path("history").get(0).path("transport").asString()).isEqualTo("SMTP");
    }

    @Test
    void aRetryDeliversTheMessageIdRecordedAtSend() throws Exception {
        QueuedEmail queued = outbox.send(email(ShopApi.unique("SO"))); // no SMTP server yet
        QueuedEmail retrying = awaitEmail(outbox, queued.id(), "retrying", e -> e.status() == EmailStatus.RETRYING);
        assertThat(retrying.attempts()).isEqualTo(1);
        assertThat(retrying.lastError()).isNotBlank().doesNotContain(queued.to());
        assertThat(retrying.nextAttemptAt()).isAfter(retrying.createdAt());
        assertThat(probe.sent(queued.id())).isEmpty();

        startSmtp();
        clock.advance(Duration.ofMinutes(2));
        QueuedEmail sent = awaitEmail(outbox, queued.id(), "sent", e -> e.status() == EmailStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.messageId()).isEqualTo(queued.messageId());
        assertThat(received(queued.messageId())).hasSize(1);
        assertThat(probe.sent(queued.id())).hasSize(1);
    }

    @Test
    void emailsQueuedWhileSmtpIsDownAreEachDeliveredOnceWhenItIsBack() {
        String ref = ShopApi.unique("SO");
        List<QueuedEmail> queued = IntStream.range(0, 5).mapToObj(i -> outbox.send(email(ref + "-" + i))).toList();
        queued.forEach(q -> awaitEmail(outbox, q.id(), "retrying", e -> e.status() == EmailStatus.RETRYING));

        startSmtp();
        clock.advance(Duration.ofMinutes(2));
        queued.forEach(q -> awaitEmail(outbox, q.id(), "sent", e -> e.status() == EmailStatus.SENT));
        for (QueuedEmail q : queued) {
            assertThat(received(q.messageId())).as(q.messageId()).hasSize(1);
            assertThat(probe.sent(q.id())).hasSize(1);
            assertThat(outbox.find(q.id()).orElseThrow().status()).isEqualTo(EmailStatus.SENT);
        }
    }

    @Test
    void aRecipientRefusedForGoodBouncesAtOnce() throws Exception {
        QueuedEmail queued;
        try (RejectingSmtpServer server = new RejectingSmtpServer(SMTP_PORT,
                "550 5.1.1 <nobody@customer.example>: Recipient address rejected: User unknown")) {
            queued = outbox.send(email(ShopApi.unique("SO")));
            QueuedEmail bounced = awaitEmail(outbox, queued.id(), "bounced", e -> e.status() == EmailStatus.BOUNCED);
            assertThat(bounced.attempts()).isEqualTo(1);
            assertThat(bounced.bounceReason()).contains("550 5.1.1").contains("User unknown").doesNotContain("@");
            assertThat(server.refused()).isPositive();
        }
        assertThat(probe.bounced(queued.id())).hasSize(1);
        assertThat(probe.bounced(queued.id()).get(0).reason()).contains("550");
        assertThat(probe.sent(queued.id())).isEmpty();

        // a server that accepts again later does not get it: a bounced email is never retried
        startSmtp();
        ShopApi.Response retry = api.post("/api/outbox/" + queued.id() + "/retry");
        assertThat(retry.status()).isEqualTo(409);
        assertThat(outbox.find(queued.id()).orElseThrow().attempts()).isEqualTo(1);
        assertThat(received(queued.messageId())).isEmpty();
    }

    @Test
    void aBusyMailboxIsRetriedNotBounced() throws Exception {
        QueuedEmail queued;
        try (RejectingSmtpServer server = new RejectingSmtpServer(SMTP_PORT, "450 4.2.1 Mailbox busy, try later")) {
            queued = outbox.send(email(ShopApi.unique("SO")));
            QueuedEmail retrying = awaitEmail(outbox, queued.id(), "retrying", e -> e.status() == EmailStatus.RETRYING);
            assertThat(retrying.lastError()).contains("450");
            assertThat(server.refused()).isPositive();
        }
        assertThat(probe.bounced(queued.id())).isEmpty();
        startSmtp();
        clock.advance(Duration.ofMinutes(2));
        awaitEmail(outbox, queued.id(), "sent", e -> e.status() == EmailStatus.SENT);
        assertThat(received(queued.messageId())).hasSize(1);
    }

    @Test
    void afterMaxAttemptsTheEmailFailsOnceAndAPersonCanRetryIt() {
        QueuedEmail queued = outbox.send(email(ShopApi.unique("SO")));
        for (int attempt = 1; attempt < 3; attempt++) {
            int done = attempt;
            QueuedEmail r = awaitEmail(outbox, queued.id(), "attempt " + done + " failed",
                    // an attempt under way already counts but still shows the last wait: wait for its outcome
                    e -> e.status() == EmailStatus.RETRYING && e.attempts() == done
                            && e.nextAttemptAt().isAfter(clock.instant()));
            // waits double: 1 minute after the first attempt, 2 after the second
            assertThat(Duration.between(r.createdAt(), r.nextAttemptAt())).isGreaterThanOrEqualTo(
                    Duration.ofMinutes(done == 1 ? 1 : 2));
            clock.advance(Duration.ofMinutes(5));
        }
        QueuedEmail failed = awaitEmail(outbox, queued.id(), "failed", e -> e.status() == EmailStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.nextAttemptAt()).isNull();
        assertThat(probe.failed(queued.id())).hasSize(1);
        assertThat(probe.failed(queued.id()).get(0).lastError()).isEqualTo(failed.lastError());

        startSmtp();
        JsonNode retried = api.ok(api.post("/api/outbox/" + queued.id() + "/retry"));
        assertThat(retried.path("status").asString()).isEqualTo("RETRYING");
        QueuedEmail sent = awaitEmail(outbox, queued.id(), "sent", e -> e.status() == EmailStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(4);
        assertThat(received(queued.messageId())).hasSize(1);
        assertThat(probe.failed(queued.id())).hasSize(1);
        assertThat(probe.sent(queued.id())).hasSize(1);
    }

    @Test
    void unknownIdsAre404() {
        assertThat(api.post("/api/outbox/" + UUID.randomUUID() + "/retry").status()).isEqualTo(404);
    }
}
