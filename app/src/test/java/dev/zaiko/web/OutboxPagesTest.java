package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import dev.zaiko.mail.EmailStatus;
import dev.zaiko.mail.OutgoingEmail;
import dev.zaiko.mail.Outbox;
import dev.zaiko.mail.QueuedEmail;
import dev.zaiko.support.Events;
import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ShopApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The console's outbox over HTTP: the list by status, one email with its HTML kept harmless, the
 * {@code .eml} download (the shared test application has no SMTP server, so emails are files) and
 * a person's retry of a failed email through the form.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OutboxPagesTest {

    @LocalServerPort
    int port;
    @Autowired
    Outbox outbox;
    @Autowired
    JdbcTemplate jdbc;

    ConsoleBrowser browser;

    @BeforeEach
    void signIn() {
        browser = ConsoleBrowser.signedIn(port);
    }

    private QueuedEmail sent(String subject) {
        String ref = ShopApi.unique("SO");
        QueuedEmail queued = outbox.send(new OutgoingEmail("console-test:" + ref, ShopApi.uniqueEmail(), "山田 花子",
                subject, "山田 花子 様\n\nご注文の件でご連絡いたします。", "<p>ご注文の件</p><script>alert(\"x\")</script>",
                ref, null, "FOLLOW_UP", false, "ja"));
        return await(queued.id(), e -> e.status() == EmailStatus.SENT);
    }

    private QueuedEmail await(UUID id, Predicate<QueuedEmail> condition) {
        QueuedEmail[] last = new QueuedEmail[1];
        org.awaitility.Awaitility.await("email " + id).atMost(Events.BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    last[0] = outbox.find(id).orElseThrow();
                    return condition.test(last[0]);
                });
        return last[0];
    }

    @Test
    void theListShowsEmailsByStatusNewestFirst() {
        String older = ShopApi.unique("古いお知らせ");
        String newer = ShopApi.unique("新しいお知らせ");
        sent(older);
        sent(newer);

        Response all = browser.page("/outbox");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains("送信メール").contains(newer).contains(older);
        assertThat(all.body().indexOf(newer)).as("newest first").isLessThan(all.body().indexOf(older));

        Response sentOnly = browser.page("/outbox?status=SENT");
        assertThat(sentOnly.body()).contains(newer).contains("aria-current=\"page\"");
        assertThat(browser.page("/outbox?status=FAILED").body()).doesNotContain(newer).doesNotContain(older);
        assertThat(browser.page("/outbox?status=sent").body()).as("any case").contains(newer);

        assertThat(browser.page("/outbox?page=1").status()).isEqualTo(200);
        assertThat(browser.page("/outbox?status=LOST").status()).isEqualTo(400);
        assertThat(browser.page("/outbox?page=-1").status()).isEqualTo(400);

        Response english = browser.page("/outbox?lang=en");
        assertThat(english.body()).contains("Outbox").contains("Newest first");
        browser.page("/outbox?lang=ja");
    }

    @Test
    void anEmailShowsItsHeadersTextAttemptsAndItsHtmlOnlyInASandbox() {
        String subject = ShopApi.unique("ご注文についてのご連絡");
        QueuedEmail email = sent(subject);

        Response page = browser.page("/outbox/" + email.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(subject).contains(email.to())
                .contains(email.messageId().replace("<", "&lt;").replace(">", "&gt;"))
                .contains("ご注文の件でご連絡いたします。")
                .contains("sandbox=\"\"").contains("srcdoc=\"&lt;p&gt;ご注文の件&lt;/p&gt;&lt;script&gt;")
                .doesNotContain("<script>alert").contains("送信済み")
                .contains("href=\"/outbox/" + email.id() + ".eml\"")
                .doesNotContain("/retry");

        assertThat(browser.page("/outbox/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(browser.page("/outbox/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void theEmlDownloadIsTheMessageAsSent() {
        String subject = ShopApi.unique("Your order");
        QueuedEmail email = sent(subject);

        Response eml = browser.page("/outbox/" + email.id() + ".eml");
        assertThat(eml.status()).isEqualTo(200);
        assertThat(eml.contentType()).startsWith("message/rfc822");
        assertThat(eml.body()).contains("Message-ID: " + email.messageId()).contains("Subject: " + subject)
                .contains("X-Zaiko-Reference: " + email.reference()).contains("multipart/alternative");
        assertThat(ConsoleBrowser.anonymous(port).page("/outbox/" + email.id() + ".eml").status())
                .as("staff only").isEqualTo(302);
    }

    @Test
    void aFailedEmailIsSentAgainWithTheFormAndOnlyWithThePagesCsrfToken() {
        QueuedEmail email = sent(ShopApi.unique("再送のテスト"));
        // The shared test application writes emails to files, which never fails: the email is set
        // to what eight failed attempts leave behind.
        jdbc.update("update mail_outbox set status = 'FAILED', last_error = 'connection refused' where id = ?",
                email.id());

        Response page = browser.page("/outbox/" + email.id());
        assertThat(page.body()).contains("もう一度送る").contains("connection refused").contains("name=\"_csrf\"");

        Response forged = browser.postFormWithoutCsrf("/outbox/" + email.id() + "/retry", Map.of());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(outbox.find(email.id()).orElseThrow().status()).isEqualTo(EmailStatus.FAILED);

        browser.page("/outbox/" + email.id());
        Response retried = browser.postForm("/outbox/" + email.id() + "/retry", Map.of());
        assertThat(retried.status()).isEqualTo(302);
        assertThat(retried.location()).endsWith("/outbox/" + email.id() + "?notice=retried");
        QueuedEmail again = await(email.id(), e -> e.status() == EmailStatus.SENT);
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(browser.page("/outbox/" + email.id() + "?notice=retried").body()).contains("再送を受け付けました");

        Response notFailed = browser.postForm("/outbox/" + email.id() + "/retry", Map.of());
        assertThat(notFailed.status()).isEqualTo(409);
        assertThat(notFailed.body()).contains("再送しませんでした");
    }
}
