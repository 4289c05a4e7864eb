package dev.zaiko.contact;

import dev.zaiko.shop.ShopCalendar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;

import dev.zaiko.support.ShopApi.Response;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The customer's signed link: deciding, the follow-up it brings, and links that must not work. */
class DecisionLinkApiTest extends ContactApiTestBase {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Autowired
    ShopCalendar calendar;

    void businessDayAt(LocalTime time) {
        LocalDate d = LocalDate.now(clock).plusDays(1);
        while (!calendar.isBusinessDay(d)) d = d.plusDays(1);
        clock.advance(Duration.between(clock.instant(), d.atTime(time).atZone(TOKYO).toInstant()));
    }

    record Case(String id, String number, String email, String link) {
    }

    /** A bottle short at packing with a bigger one in stock; the customer missed the call and got the link. */
    Case missedCallWithSubstitute(String locale) {
        businessDayAt(LocalTime.of(10, 30));
        String missing = api.bottle("MISS", 3000, 500);
        String bigger = api.bottle("BIG", 3500, 600);
        api.sellable(missing, shop.warehouse(), 1);
        api.sellable(bigger, shop.warehouse(), 3);
        String email = ContactApi.uniqueEmail();
        String number = api.place(ContactApi.order(shop.web(), email, "090-3333-0000", locale, missing, 1, 3000));
        String id = api.defective(number, 1);
        api.ok(api.call(id, ContactApi.outcome("VOICEMAIL")));
        return new Case(id, number, email, ContactApi.link(api.email(email, 1)));
    }

    @Test
    void theCustomerChoosesASubstituteThroughTheLinkAndGetsTheComparisonInWriting() {
        Case c = missedCallWithSubstitute("ja");
        String bigger = api.stockout(c.id()).path("options").findValues("substitutes").get(0).get(0).path("sku")
                .asString();

        Response page = api.page(c.link());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains(c.number()).contains("山用ボトル 500ml").contains("山用ボトル 600ml")
                .contains("SUBSTITUTE:" + bigger).contains("キャンセルして全額返金").contains("佐藤 健一");

        Response chosen = api.postForm(c.link() + "/decision", Map.of("choice", "SUBSTITUTE:" + bigger));
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(303);
        assertThat(chosen.location()).startsWith(c.link());

        JsonNode decided = api.stockout(c.id());
        assertThat(decided.path("decision").path("choice").asString()).isEqualTo("SUBSTITUTE");
        assertThat(decided.path("decision").path("substituteSku").asString()).isEqualTo(bigger);
        assertThat(decided.path("decision").path("decidedBy").asString()).isEqualTo("customer");

        MimeMessage followUp = api.email(c.email(), s -> s.contains("ご選択いただいた内容"));
        assertThat(ContactApi.html(followUp)).contains("<table").contains("山用ボトル 600ml").contains("volume");
        assertThat(ContactApi.text(followUp)).contains("| ").contains("山用ボトル 500ml").contains("山用ボトル 600ml");

        Response after = api.page(c.link());
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body()).contains("山用ボトル 600ml").doesNotContain("name=\"choice\"");

        // the same link again: a clear page, and the decision stays as it was
        Response reused = api.postForm(c.link() + "/decision", Map.of("choice", "CANCEL"));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.body()).contains("すでに決まっています");
        assertThat(api.stockout(c.id()).path("decision").path("choice").asString()).isEqualTo("SUBSTITUTE");
    }

    @Test
    void theLinkSpeaksTheCustomersLanguage() {
        Case c = missedCallWithSubstitute("en");
        MimeMessage mail = api.email(c.email(), 1);
        assertThat(ContactApi.subject(mail)).contains("could not reach you");
        Response page = api.page(c.link());
        assertThat(page.body()).contains("Your options").contains("Trail bottle 600 ml")
                .contains("<a href=\"" + c.link() + "?lang=ja\" lang=\"ja\">日本語</a>") // the customers' layout
                .contains("<meta name=\"referrer\" content=\"no-referrer\">");
        assertThat(api.page(c.link() + "?lang=ja").body()).contains("お選びいただける対応");
    }

    @Test
    void aTamperedLinkShowsAPlainPageAndChangesNothing() {
        Case c = missedCallWithSubstitute("ja");
        api.page(c.link()); // a browser that has the page's CSRF token: the link itself is what fails
        String token = c.link().substring("/c/".length());
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);

        String flipped = signature.charAt(0) == 'A' ? "B" + signature.substring(1) : "A" + signature.substring(1);
        String otherCase = new String(Base64.getUrlDecoder().decode(payload)).replace(c.id(), "SO-000001");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(otherCase.getBytes()) + "." + signature;

        for (String bad : new String[] {"/c/" + payload + "." + flipped, "/c/" + forged, "/c/nonsense",
                "/c/" + payload}) {
            Response shown = api.page(bad);
            assertThat(shown.status()).as(bad).isEqualTo(403);
            assertThat(shown.body()).contains("このリンクは開けません").doesNotContain(c.number())
                    .doesNotContain("佐藤");
            Response posted = api.postForm(bad + "/decision", Map.of("choice", "CANCEL"));
            assertThat(posted.status()).isEqualTo(403);
        }
        assertThat(api.stockout(c.id()).path("status").asString()).isEqualTo("AWAITING_DECISION");
    }

    @Test
    void aLinkShowsOnlyItsOwnOrderWhateverTheUrlSaysAndItsFormsNeedTheirCsrfToken() {
        Case mine = missedCallWithSubstitute("ja");
        Case other = missedCallWithSubstitute("ja");

        Response asked = api.page(mine.link() + "?order=" + other.number() + "&case=" + other.id() + "&lang=ja");
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains(mine.number()).doesNotContain(other.number()).doesNotContain(other.id());

        String token = mine.link().substring("/c/".length());
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        String swapped = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace(mine.id(), other.id()).getBytes()) + token.substring(token.indexOf('.'));
        Response forged = api.page("/c/" + swapped);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).doesNotContain(other.number()).doesNotContain(mine.number());

        Response crossSite = api.postFormWithoutCsrf(mine.link() + "/decision", Map.of("choice", "CANCEL"));
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(api.stockout(mine.id()).path("status").asString()).isEqualTo("AWAITING_DECISION");
        assertThat(api.stockout(other.id()).path("status").asString()).isEqualTo("AWAITING_DECISION");
    }

    @Test
    void anExpiredLinkShowsAPlainPageAndChangesNothing() {
        Case c = missedCallWithSubstitute("ja");
        api.page(c.link()); // the customer opened the page while the link worked, then left it open
        clock.advance(Duration.ofDays(31));

        Response shown = api.page(c.link());
        assertThat(shown.status()).isEqualTo(410);
        assertThat(shown.body()).contains("有効期限").doesNotContain(c.number());
        assertThat(api.postForm(c.link() + "/decision", Map.of("choice", "CANCEL")).status()).isEqualTo(410);
        JsonNode stockout = api.stockout(c.id());
        assertThat(stockout.path("decision").isNull() || stockout.path("decision").isMissingNode()).isTrue();
    }

    @Test
    void aKonbiniCustomerRegistersTheBankAccountOnTheSamePage() {
        businessDayAt(LocalTime.of(11, 0));
        String sku = api.tent(shop, 1);
        String email = ContactApi.uniqueEmail();
        ObjectNode body = ContactApi.order(shop.web(), email, "090-4444-0000", "ja", sku, 1, 19800);
        body.withObject("payment").put("method", "KONBINI").put("status", "PAID");
        String number = api.place(body);
        String id = api.defective(number, 1);
        api.ok(api.call(id, ContactApi.outcome("CONNECTED").put("choice", "CANCEL")));

        MimeMessage request = api.email(email, s -> s.contains("返金先の口座"));
        String link = ContactApi.link(request);
        await().atMost(ContactApi.BOUND).until(() -> api.page(link).body().contains("bankCode"));

        Response wrong = api.postForm(link + "/bank-account", Map.of("bankCode", "12", "branchCode", "001",
                "accountType", "ORDINARY", "accountNumber", "1234567", "holderName", "サトウ ケンイチ"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("金融機関コードは4桁");
        for (JsonNode r : api.ok(api.get("/api/refunds?order=" + number)).path("refunds")) {
            assertThat(r.path("status").asString()).isEqualTo("AWAITING_ACCOUNT");
        }

        Response right = api.postForm(link + "/bank-account", Map.of("bankCode", "0005", "branchCode", "123",
                "accountType", "ORDINARY", "accountNumber", "1234567", "holderName", "サトウ ケンイチ"));
        assertThat(right.status()).as(right.body()).isEqualTo(303);
        await().atMost(ContactApi.BOUND).untilAsserted(() -> {
            JsonNode refunds = api.ok(api.get("/api/refunds?order=" + number)).path("refunds");
            assertThat(refunds.size()).isPositive();
            for (JsonNode r : refunds) assertThat(r.path("route").asString()).isEqualTo("BANK_TRANSFER");
        });
        assertThat(api.page(link).body()).doesNotContain("name=\"bankCode\"");
    }

}
