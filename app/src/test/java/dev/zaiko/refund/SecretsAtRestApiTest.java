package dev.zaiko.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bank account registered for a refund and a webhook's secrets are stored encrypted: read back
 * row by row through JDBC, no table of the database holds them in plain text, while the refund
 * still goes to that account and the API still shows the account masked.
 */
class SecretsAtRestApiTest extends RefundApiTestBase {

    static final SecureRandom RANDOM = new SecureRandom();
    static final String KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRegisteredBankAccountAndAWebhookSecretAppearInNoTableInPlainText() {
        // values no table holds yet, so that finding one afterwards can only be this test's doing
        String accountNumber = unused(() -> String.valueOf(1_000_000 + RANDOM.nextInt(8_000_000)));
        String holder = unused(() -> "ミナミ " + randomKana(5));
        String secret = "whsec-" + UUID.randomUUID();
        String newSecret = "whsec-" + UUID.randomUUID();
        String url = "https://example.invalid/hooks/" + UUID.randomUUID();

        // cash paid at a convenience store, the line cancelled: the refund waits for a bank account
        String email = RefundApi.email();
        String sku = api.product(shop, 5500, 1);
        ObjectNode body = RefundApi.body(shop.web(), email, sku, 1, 5500);
        body.withObject("payment").put("method", "KONBINI").put("status", "PAID");
        String order = api.place(body);
        api.cancelLine(order, 1, 1);
        String refundId = RefundApi.only(api.settled(order, 1), "PAYMENT").path("id").asString();
        api.ok(api.post("/api/refunds/" + refundId + "/bank-account", RefundApi.JSON.createObjectNode()
                .put("bankCode", "0005").put("branchCode", "123").put("accountType", "ORDINARY")
                .put("accountNumber", accountNumber).put("holderName", holder)));

        // a webhook whose secret was rotated: the new one and the replaced one are both kept
        String hooks = "/api/channels/" + shop.marketplace() + "/webhooks";
        String hookId = api.ok(api.post(hooks, ShopApi.JSON.createObjectNode().put("url", url).put("secret", secret)))
                .path("id").asString();
        JsonNode rotated = api.ok(api.post(hooks + "/" + hookId + "/secret",
                ShopApi.JSON.createObjectNode().put("secret", newSecret)));
        assertThat(rotated.path("previousSecretValidUntil").isNull()).as("the old secret overlaps").isFalse();

        // the transfer reads the account back: it goes out and the API shows it masked
        JsonNode done = RefundApi.only(api.until(order, r -> RefundApi.all(r,
                x -> x.path("status").asString().equals("COMPLETED"))), "PAYMENT");
        assertThat(done.path("route").asString()).isEqualTo("BANK_TRANSFER");
        String masked = "0005-123 ORDINARY ****" + accountNumber.substring(4);
        assertThat(done.path("bankAccount").asString()).isEqualTo(masked);

        try {
            assertThat(tablesHolding(accountNumber)).as("the account number").isEmpty();
            assertThat(tablesHolding(hex(accountNumber))).as("the account number as bytes").isEmpty();
            assertThat(tablesHolding(holder)).as("the holder's name").isEmpty();
            assertThat(tablesHolding(halfWidth(holder))).as("the holder's name as banks write it").isEmpty();
            assertThat(tablesHolding(secret)).as("the replaced webhook secret").isEmpty();
            assertThat(tablesHolding(newSecret)).as("the webhook secret").isEmpty();
            assertThat(tablesHolding(hex(newSecret))).as("the webhook secret as bytes").isEmpty();
            // the same reading finds what is stored in plain text on purpose
            assertThat(tablesHolding(masked)).as("the masked account in the refund's history").contains("refund_history");
            assertThat(tablesHolding(url)).contains("channel_webhook");
            assertThat(tablesHolding(order)).contains("refund_bank_account");
        } finally {
            api.delete(hooks + "/" + hookId);
        }
    }

    /** Every table of the application's schema whose rows, read as text through JDBC, contain the value. */
    List<String> tablesHolding(String value) {
        List<String> tables = jdbc.queryForList("""
                select distinct table_name from information_schema.columns
                where table_schema = current_schema() order by table_name
                """, String.class);
        assertThat(tables).contains("refund_bank_account", "channel_webhook", "event_publication", "mail_outbox");
        List<String> found = new ArrayList<>();
        for (String table : tables) {
            Boolean holds = jdbc.queryForObject("select exists (select 1 from \"" + table + "\" t "
                    + "where strpos(t::text, ?) > 0)", Boolean.class, value);
            if (Boolean.TRUE.equals(holds)) found.add(table);
        }
        return found;
    }

    String unused(java.util.function.Supplier<String> candidates) {
        for (int i = 0; i < 20; i++) {
            String candidate = candidates.get();
            if (tablesHolding(candidate).isEmpty() && tablesHolding(hex(candidate)).isEmpty()) return candidate;
        }
        throw new IllegalStateException("no unused value found");
    }

    static String randomKana(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) out.append(KATAKANA.charAt(RANDOM.nextInt(KATAKANA.length())));
        return out.toString();
    }

    static String halfWidth(String katakana) {
        return dev.zaiko.payment.BankAccount.of("0005", "123", "ORDINARY", "1", katakana).holderName();
    }

    static String hex(String value) {
        return HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
    }
}
