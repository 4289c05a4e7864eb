package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.zaiko.payment.BankAccount;
import dev.zaiko.payment.GatewayDeclined;
import dev.zaiko.payment.GatewayReceipt;
import dev.zaiko.payment.PaymentGateway;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Secrets stored in plain text before secrets at rest: the migrations 26.1 to 26.5 encrypt them
 * once, and what was compared by digest is still recognised. The pre-V26 database is a schema of
 * its own on the test database, migrated by Flyway to V25 and filled the way the old code wrote.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecretsMigrationTest {

    static final String NUMBER = "7654321";
    static final String HOLDER = "ﾀｶﾊｼ ﾐｻｷ";
    static final String SECRET = "whsec-before-encryption-000001";
    static final String PREVIOUS = "whsec-before-rotation-0000002";

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SecretBox box;

    @Autowired
    List<JavaMigration> migrations;

    @Autowired
    List<Callback> callbacks;

    @Autowired
    PaymentGateway gateway;

    @Test
    void secretsStoredInPlainTextBeforeAreEncryptedExactlyOnceByTheMigration() throws Exception {
        String schema = "pre_v26_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration")
                    .target("25").load().migrate();
            UUID webhook = UUID.randomUUID();
            byte[] linkKey = "the decision links' 32-byte key!".getBytes(StandardCharsets.US_ASCII);
            byte[] statusKey = "the status links' 32-byte key!!!".getBytes(StandardCharsets.US_ASCII);
            String legacyDigest = sha256("0005|123|ORDINARY|" + NUMBER + "|" + HOLDER);
            Timestamp now = Timestamp.from(Instant.parse("2026-11-20T01:00:00Z"));
            jdbc.update("insert into " + schema + ".refund_order (order_number) values ('20261120000000017')");
            jdbc.update("insert into " + schema + ".refund_bank_account (order_number, bank_code, branch_code, "
                    + "account_type, number, holder_name, registered_at) values ('20261120000000017', '0005', '123', "
                    + "'ORDINARY', ?, ?, ?)", NUMBER, HOLDER, now);
            jdbc.update("insert into " + schema + ".channel_webhook (id, channel, url, secret, previous_secret, "
                    + "previous_secret_until, created_at) values (?, 'AMAZON', 'https://example.invalid/hook', ?, ?, ?, ?)",
                    webhook, SECRET, PREVIOUS, now, now);
            jdbc.update("insert into " + schema + ".gateway_operation (transaction_id, idempotency_key, operation, "
                    + "payout_to, payout_digest, amount, at) values ('tx-1', 'payout-key-1', 'PAYOUT', "
                    + "'0005-123 ORDINARY ****321', ?, 4400, ?)", legacyDigest, now);
            jdbc.update("insert into " + schema + ".contact_secret (name, value, created_at) values ('decision-links', ?, ?)",
                    linkKey, now);
            jdbc.update("insert into " + schema + ".orders_secret (name, value, created_at) values ('status-links', ?, ?)",
                    statusKey, now);

            migrate(schema);

            assertThat(jdbc.queryForList("select version from " + schema + ".flyway_schema_history where success "
                    + "and version like '26%' order by installed_rank", String.class))
                    .containsExactly("26", "26.1", "26.2", "26.3", "26.4", "26.5");
            String number = jdbc.queryForObject("select number from " + schema + ".refund_bank_account", String.class);
            String holder = jdbc.queryForObject("select holder_name from " + schema + ".refund_bank_account", String.class);
            assertThat(number).startsWith("v1:").doesNotContain(NUMBER);
            assertThat(box.open(number, "refund_bank_account", "number")).isEqualTo(NUMBER);
            assertThat(box.open(holder, "refund_bank_account", "holder_name")).isEqualTo(HOLDER);
            String secret = jdbc.queryForObject("select secret from " + schema + ".channel_webhook", String.class);
            String previous = jdbc.queryForObject("select previous_secret from " + schema + ".channel_webhook", String.class);
            assertThat(box.open(secret, "channel_webhook", "secret")).isEqualTo(SECRET);
            assertThat(box.open(previous, "channel_webhook", "previous_secret")).isEqualTo(PREVIOUS);
            assertThat(jdbc.queryForObject("select payout_digest from " + schema + ".gateway_operation", String.class))
                    .isEqualTo(box.digest("gateway_operation.payout_digest", legacyDigest));
            assertThat(box.openBytes(jdbc.queryForObject("select value from " + schema + ".contact_secret",
                    String.class), "contact_secret", "value")).isEqualTo(linkKey);
            assertThat(box.openBytes(jdbc.queryForObject("select value from " + schema + ".orders_secret",
                    String.class), "orders_secret", "value")).isEqualTo(statusKey);
            assertThat(jdbc.queryForObject("select count(*) from " + schema + ".platform_secrets_key", Integer.class))
                    .as("the key check is stored").isOne();

            migrate(schema); // a second start: nothing runs again, nothing is sealed twice
            assertThat(jdbc.queryForObject("select number from " + schema + ".refund_bank_account", String.class))
                    .isEqualTo(number);
            assertThat(jdbc.queryForObject("select secret from " + schema + ".channel_webhook", String.class))
                    .isEqualTo(secret);
        } finally {
            jdbc.execute("drop schema if exists " + schema + " cascade");
        }
    }

    @Test
    void aPayoutRecordedBeforeIsStillRecognisedWhenItsIdempotencyKeyIsRepeated() throws Exception {
        BankAccount account = BankAccount.of("0005", "123", "ORDINARY", "2345678", "タカハシ ミサキ");
        String key = "payout-" + UUID.randomUUID();
        GatewayReceipt first = gateway.payout(account, 3300, key);
        // what the gateway kept before secrets at rest: the bare SHA-256 of the whole account
        jdbc.update("update gateway_operation set payout_digest = ? where idempotency_key = ?",
                sha256(String.join("|", account.bankCode(), account.branchCode(), account.type().name(),
                        account.number(), account.holderName())), key);
        assertThatThrownBy(() -> gateway.payout(account, 3300, key)).as("a bare hash no longer matches")
                .isInstanceOf(GatewayDeclined.class);

        JavaMigration keying = migrations.stream().filter(m -> m.getVersion().getVersion().equals("26.3"))
                .findFirst().orElseThrow();
        try (Connection c = dataSource.getConnection()) {
            keying.migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return c;
                }
            });
        }

        GatewayReceipt again = gateway.payout(account, 3300, key);
        assertThat(again.replayed()).isTrue();
        assertThat(again.transactionId()).isEqualTo(first.transactionId());
        BankAccount another = BankAccount.of("0005", "123", "ORDINARY", "2345679", "タカハシ ミサキ");
        assertThatThrownBy(() -> gateway.payout(another, 3300, key)).as("another account under the same key")
                .isInstanceOf(GatewayDeclined.class).hasMessageContaining("different request");
    }

    private void migrate(String schema) {
        Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration")
                .javaMigrations(migrations.toArray(JavaMigration[]::new)).callbacks(callbacks.toArray(Callback[]::new))
                .load().migrate();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
