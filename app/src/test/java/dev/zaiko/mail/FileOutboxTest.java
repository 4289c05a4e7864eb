package dev.zaiko.mail;

import static dev.zaiko.mail.MailApi.awaitEmail;
import dev.zaiko.support.AllAtOnce;
import static dev.zaiko.mail.MailApi.email;
import static dev.zaiko.mail.MailApi.html;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.shop.ShopProperties;
import dev.zaiko.platform.ZaikoProperties;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The outbox without SMTP (the shared test configuration sets no {@code spring.mail.host}): every
 * email becomes an {@code .eml} file. Also the API, idempotency and the caller's transaction.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FileOutboxTest {

    @LocalServerPort
    int port;

    @Autowired
    Outbox outbox;
    @Autowired
    MailEventProbe probe;
    @Autowired
    ZaikoProperties zaiko;
    @Autowired
    ShopProperties shop;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    MovableClock clock;

    MailApi api;

    @BeforeEach
    void client() {
        api = new MailApi(port);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Session session() {
        return Session.getInstance(new Properties());
    }

    @Test
    void withoutSmtpAnEmailIsWrittenAsAnEmlFileThatParsesBackWithTheSameMessageIdAndParts() throws Exception {
        String ref = ShopApi.unique("SO");
        QueuedEmail queued = outbox.send(html(ref));
        assertThat(queued.messageId()).matches("<" + queued.id() + "@[^>]+>");
        assertThat(queued.status()).isEqualTo(EmailStatus.PENDING);

        QueuedEmail sent = awaitEmail(outbox, queued.id(), "sent", e -> e.status() == EmailStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sent.messageId()).isEqualTo(queued.messageId());
        assertThat(probe.sent(queued.id())).hasSize(1);

        Path dir = zaiko.dataDir().resolve("outbox");
        Path file = dir.resolve(queued.id() + ".eml");
        assertThat(file).exists();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        MimeMessage m;
        try (InputStream in = Files.newInputStream(file)) {
            m = new MimeMessage(session(), in);
        }
        assertThat(m.getMessageID()).isEqualTo(queued.messageId());
        assertThat(m.getSubject()).isEqualTo("【至急】ご注文 " + ref + " の欠品について");
        assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo(shop.email());
        assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo(shop.name());
        assertThat(((InternetAddress) m.getReplyTo()[0]).getAddress()).isEqualTo(shop.email());
        InternetAddress to = (InternetAddress) m.getAllRecipients()[0];
        assertThat(to.getAddress()).isEqualTo(queued.to());
        assertThat(to.getPersonal()).isEqualTo("山田 太郎");
        assertThat(m.getHeader("X-Zaiko-Reference", null)).isEqualTo(ref);
        assertThat(m.getHeader("Content-Language", null)).isEqualTo("ja");
        assertThat(m.getHeader("X-Priority", null)).startsWith("1");
        assertThat(m.getHeader("Importance", null)).isEqualTo("high");
        assertThat(m.getSentDate().toInstant()).isEqualTo(queued.createdAt().truncatedTo(ChronoUnit.SECONDS));
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo(queued.text());
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("utf-8");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo(queued.html());
    }

    @Test
    void aPlainEmailHasOneTextPartAndNoUrgentHeaders() throws Exception {
        OutgoingEmail e = email(ShopApi.unique("SO"));
        OutgoingEmail english = new OutgoingEmail(e.idempotencyKey(), e.to(), null, "About your order", "Hello.",
                null, e.reference(), null, "FOLLOW_UP", false, "en");
        QueuedEmail queued = outbox.send(english);
        awaitEmail(outbox, queued.id(), "sent", q -> q.status() == EmailStatus.SENT);
        MimeMessage m;
        try (InputStream in = Files.newInputStream(zaiko.dataDir().resolve("outbox").resolve(queued.id() + ".eml"))) {
            m = new MimeMessage(session(), in);
        }
        assertThat(m.getContentType()).startsWith("text/plain");
        assertThat(m.getContent()).isEqualTo("Hello.");
        assertThat(m.getHeader("X-Priority")).isNull();
        assertThat(m.getHeader("Content-Language", null)).isEqualTo("en");
        assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo(shop.nameEn());
    }

    @Test
    void theEmlDownloadIsBuiltFromTheStoredEmail() throws Exception {
        QueuedEmail queued = outbox.send(html(ShopApi.unique("SO")));
        for (String path : List.of("/api/outbox/" + queued.id() + ".eml", "/api/outbox/" + queued.id() + "/eml")) {
            ShopApi.Response r = api.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.contentType()).startsWith("message/rfc822");
            MimeMessage m = new MimeMessage(session(),
                    new ByteArrayInputStream(r.body().getBytes(StandardCharsets.US_ASCII)));
            assertThat(m.getMessageID()).isEqualTo(queued.messageId());
            assertThat(m.getSubject()).isEqualTo(queued.subject());
            assertThat(((MimeMultipart) m.getContent()).getBodyPart(1).getContent()).isEqualTo(queued.html());
        }
        assertThat(api.get("/api/outbox/" + UUID.randomUUID() + ".eml").status()).isEqualTo(404);
    }

    @Test
    void theSameKeyTwiceIsOneEmailAndOneDelivery() {
        OutgoingEmail e = email(ShopApi.unique("SO"));
        QueuedEmail first = outbox.send(e);
        QueuedEmail second = outbox.send(new OutgoingEmail(e.idempotencyKey(), "other@customer.example", null,
                "Something else", "Other text", null, e.reference(), null, "FOLLOW_UP", false, "en"));
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.subject()).isEqualTo(first.subject());
        awaitEmail(outbox, first.id(), "sent", q -> q.status() == EmailStatus.SENT);
        assertThat(outbox.list(OutboxQuery.all().withReference(e.reference()))).hasSize(1);
        assertThat(attempts(first.id())).isEqualTo(1);
        assertThat(probe.sent(first.id())).hasSize(1);
    }

    @Test
    void eightThreadsSendingTheSameKeyAtOnceMakeOneEmailAndOneDelivery() throws Exception {
        OutgoingEmail e = email(ShopApi.unique("SO"));
        Set<UUID> ids = AllAtOnce.run(8, () -> outbox.send(e).id()).stream().collect(Collectors.toSet());
        assertThat(ids).hasSize(1);
        UUID id = ids.iterator().next();
        awaitEmail(outbox, id, "sent", q -> q.status() == EmailStatus.SENT);
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where idempotency_key = ?", Integer.class,
                e.idempotencyKey())).isEqualTo(1);
        assertThat(attempts(id)).isEqualTo(1);
        assertThat(probe.sent(id)).hasSize(1);
    }

    @Test
    void anEmailSentInATransactionThatRollsBackIsNeitherRecordedNorScheduled() {
        OutgoingEmail e = email(ShopApi.unique("SO"));
        QueuedEmail inside = new TransactionTemplate(transactions).execute(t -> {
            QueuedEmail q = outbox.send(e);
            t.setRollbackOnly();
            return q;
        });
        assertThat(outbox.find(inside.id())).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = 'mail-delivery' "
                + "and task_instance = ?", Integer.class, inside.id().toString())).isZero();
        // the key is free again: the caller's next, committed attempt records the email
        QueuedEmail committed = outbox.send(e);
        assertThat(committed.id()).isNotEqualTo(inside.id());
        awaitEmail(outbox, committed.id(), "sent", q -> q.status() == EmailStatus.SENT);
    }

    @Test
    void invalidEmailsAreRefusedWithTheFieldNamedAndNothingIsRecorded() {
        OutgoingEmail ok = email(ShopApi.unique("SO"));
        record Case(String field, OutgoingEmail email) {
        }
        List<Case> cases = List.of(
                new Case("to", with(ok, "", ok.subject(), ok.text(), ok.locale())),
                new Case("to", with(ok, "not-an-address", ok.subject(), ok.text(), ok.locale())),
                new Case("to", with(ok, "Yamada <yamada@customer.example>", ok.subject(), ok.text(), ok.locale())),
                new Case("to", with(ok, "yamada@", ok.subject(), ok.text(), ok.locale())),
                new Case("subject", with(ok, ok.to(), " ", ok.text(), ok.locale())),
                new Case("subject", with(ok, ok.to(), "Hello\r\nBcc: x@evil.example", ok.text(), ok.locale())),
                new Case("text", with(ok, ok.to(), ok.subject(), "", ok.locale())),
                new Case("locale", with(ok, ok.to(), ok.subject(), ok.text(), "fr")),
                new Case("idempotencyKey", new OutgoingEmail(" ", ok.to(), null, ok.subject(), ok.text(), null,
                        ok.reference(), null, ok.kind(), false, "ja")),
                new Case("kind", new OutgoingEmail(ok.idempotencyKey(), ok.to(), null, ok.subject(), ok.text(), null,
                        ok.reference(), null, null, false, "ja")));
        for (Case c : cases) {
            assertThatThrownBy(() -> outbox.send(c.email())).as(c.field())
                    .isInstanceOfSatisfying(InvalidRequestException.class, ex -> {
                        assertThat(ex.properties()).containsEntry("field", c.field());
                        assertThat(ex.getMessage()).contains(c.field());
                    });
        }
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where reference = ?", Integer.class,
                ok.reference())).isZero();
    }

    private static OutgoingEmail with(OutgoingEmail e, String to, String subject, String text, String locale) {
        return new OutgoingEmail(e.idempotencyKey(), to, e.toName(), subject, text, e.html(), e.reference(),
                e.orderNumber(), e.kind(), e.urgent(), locale);
    }

    @Test
    void theListFiltersAndShowsTheNewestFirst() {
        String ref = ShopApi.unique("SO");
        OutgoingEmail a = email(ref);
        QueuedEmail first = outbox.send(a);
        QueuedEmail second = outbox.send(new OutgoingEmail(a.idempotencyKey() + ":2", "Other@Customer.example", null,
                "Second", "Text", null, ref, "W-000999-1", "ESCALATION", true, "en"));
        awaitEmail(outbox, second.id(), "sent", q -> q.status() == EmailStatus.SENT);
        awaitEmail(outbox, first.id(), "sent", q -> q.status() == EmailStatus.SENT);

        JsonNode all = api.ok(api.get("/api/outbox?reference=" + ref));
        assertThat(all.path("emails").findValuesAsString("id"))
                .containsExactly(second.id().toString(), first.id().toString());
        assertThat(all.path("emails").get(0).has("text")).isFalse();
        assertThat(ids(api.get("/api/outbox?reference=" + ref + "&kind=ESCALATION"))).containsExactly(second.id().toString());
        assertThat(ids(api.get("/api/outbox?order=W-000999-1"))).containsExactly(second.id().toString());
        assertThat(ids(api.get("/api/outbox?recipient=OTHER@customer.EXAMPLE&reference=" + ref)))
                .containsExactly(second.id().toString());
        assertThat(ids(api.get("/api/outbox?reference=" + ref + "&status=SENT&size=1"))).containsExactly(second.id().toString());
        assertThat(ids(api.get("/api/outbox?reference=" + ref + "&status=SENT&size=1&page=1"))).containsExactly(first.id().toString());
        assertThat(ids(api.get("/api/outbox?reference=" + ref + "&status=BOUNCED"))).isEmpty();

        JsonNode detail = api.ok(api.get("/api/outbox/" + first.id(), "en"));
        assertThat(detail.path("text").asString()).isEqualTo(first.text());
        assertThat(detail.path("messageId").asString()).isEqualTo(first.messageId());
        assertThat(detail.path("statusText").asString()).isEqualTo("Sent");
        assertThat(detail.path("history")).hasSize(1);
        assertThat(detail.path("history").get(0).path("outcome").asString()).isEqualTo("SENT");
        assertThat(detail.path("history").get(0).path("transport").asString()).isEqualTo("FILE");
        assertThat(api.ok(api.get("/api/outbox/" + first.id())).path("statusText").asString()).isEqualTo("送信済み");
    }

    private List<String> ids(ShopApi.Response r) {
        return api.ok(r).path("emails").findValuesAsString("id");
    }

    @Test
    void aReportedBounceMarksTheEmailBouncedOnceAndUnknownIdsAre404() {
        QueuedEmail queued = outbox.send(email(ShopApi.unique("SO")));
        awaitEmail(outbox, queued.id(), "sent", q -> q.status() == EmailStatus.SENT);
        String bare = queued.messageId().substring(1, queued.messageId().length() - 1);

        JsonNode bounced = api.ok(api.post("/api/outbox/bounces", ShopApi.JSON.createObjectNode()
                .put("messageId", bare).put("reason", "550 5.1.1 <" + queued.to() + ">: mailbox unknown")));
        assertThat(bounced.path("status").asString()).isEqualTo("BOUNCED");
        assertThat(bounced.path("bounceReason").asString()).contains("550 5.1.1").doesNotContain("@");
        JsonNode again = api.ok(api.post("/api/outbox/bounces", ShopApi.JSON.createObjectNode()
                .put("messageId", queued.messageId()).put("reason", "reported twice")));
        assertThat(again.path("status").asString()).isEqualTo("BOUNCED");
        assertThat(again.path("bounceReason").asString()).contains("550 5.1.1");
        assertThat(probe.bounced(queued.id())).hasSize(1);
        assertThat(probe.bounced(queued.id()).get(0).messageId()).isEqualTo(queued.messageId());
        assertThat(outbox.findByMessageId(bare)).get().extracting(QueuedEmail::status).isEqualTo(EmailStatus.BOUNCED);

        ShopApi.Response unknown = api.post("/api/outbox/bounces", ShopApi.JSON.createObjectNode()
                .put("messageId", "<" + UUID.randomUUID() + "@nowhere.example>"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        // a bounced email is not retried
        ShopApi.Response retry = api.post("/api/outbox/" + queued.id() + "/retry");
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.json().path("emailStatus").asString()).isEqualTo("BOUNCED");
    }

    @Test
    void badRequestsGetProblemDetailsAndChangeNothing() {
        QueuedEmail queued = outbox.send(email(ShopApi.unique("SO")));
        awaitEmail(outbox, queued.id(), "sent", q -> q.status() == EmailStatus.SENT);
        for (String path : List.of("/api/outbox?status=LOST", "/api/outbox?size=0", "/api/outbox?size=201",
                "/api/outbox?page=-1", "/api/outbox?page=x", "/api/outbox/not-an-id")) {
            ShopApi.Response r = api.get(path);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.contentType()).as(path).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/outbox/" + UUID.randomUUID()).status()).isEqualTo(404);
        for (String body : List.of("{}", "{\"messageId\":\"\"}", "{\"messageId\":\"x\",\"extra\":1}", "not json",
                "{\"messageId\":\"" + queued.messageId() + "\",\"reason\":\"" + "x".repeat(1001) + "\"}")) {
            ShopApi.Response r = api.post("/api/outbox/bounces", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.contentType()).as(body).startsWith("application/problem+json");
        }
        ShopApi.Response retrySent = api.post("/api/outbox/" + queued.id() + "/retry");
        assertThat(retrySent.status()).isEqualTo(409);
        assertThat(retrySent.json().path("emailStatus").asString()).isEqualTo("SENT");
        assertThat(api.post("/api/outbox/" + UUID.randomUUID() + "/retry").status()).isEqualTo(404);

        QueuedEmail after = outbox.find(queued.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(EmailStatus.SENT);
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(probe.bounced(queued.id())).isEmpty();
    }

    private int attempts(UUID id) {
        Integer n = jdbc.queryForObject("select count(*) from mail_attempt where email_id = ?", Integer.class, id);
        return n == null ? 0 : n;
    }
}
