package dev.zaiko.channel;

import java.util.List;
import java.util.Map;

import dev.zaiko.platform.SecretBox;
import dev.zaiko.platform.SecretsMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Migration 26.2: webhook secrets stored before secrets at rest, the current one and the one
 * replaced by a rotation, get encrypted as {@link Webhooks} now writes them. Flyway runs it once.
 */
@Component
class SealingWebhookSecrets extends SecretsMigration {

    private final SecretBox secrets;

    SealingWebhookSecrets(SecretBox secrets) {
        super("26.2", "seal webhook secrets");
        this.secrets = secrets;
    }

    @Override
    protected void migrate(JdbcTemplate jdbc) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select id, secret, previous_secret from channel_webhook for update");
        for (Map<String, Object> row : rows) {
            jdbc.update("update channel_webhook set secret = ?, previous_secret = ? where id = ?",
                    secrets.seal((String) row.get("secret"), Webhooks.TABLE, "secret"),
                    secrets.seal((String) row.get("previous_secret"), Webhooks.TABLE, "previous_secret"),
                    row.get("id"));
        }
    }
}
