package dev.zaiko.payment;

import java.util.List;
import java.util.Map;

import dev.zaiko.platform.SecretBox;
import dev.zaiko.platform.SecretsMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Migration 26.3: payout digests stored before secrets at rest were a bare SHA-256 of the account
 * (with bank and branch known, 10^7 numbers to try); they become the keyed digest of that hash, the
 * form {@link BuiltInGateway#digest} now computes, so a repeated idempotency key of an earlier payout
 * is still recognised. Digests already keyed are left as they are.
 */
@Component
class KeyingPayoutDigests extends SecretsMigration {

    private final SecretBox secrets;

    KeyingPayoutDigests(SecretBox secrets) {
        super("26.3", "key payout digests");
        this.secrets = secrets;
    }

    @Override
    protected void migrate(JdbcTemplate jdbc) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select id, payout_digest from gateway_operation where payout_digest is not null for update");
        for (Map<String, Object> row : rows) {
            String digest = (String) row.get("payout_digest");
            if (SecretBox.isKeyedDigest(digest)) continue;
            jdbc.update("update gateway_operation set payout_digest = ? where id = ?",
                    secrets.digest(BuiltInGateway.DIGEST_PURPOSE, digest), row.get("id"));
        }
    }
}
