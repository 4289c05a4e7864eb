package dev.zaiko.contact.customer;

import dev.zaiko.contact.desk.ContactStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.zaiko.platform.SecretBox;
import dev.zaiko.platform.SecretsMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Migration 26.4: the decision links' signing key stored before secrets at rest (raw bytes, base64
 * text since V26) gets encrypted, as {@link ContactStore#secret} now keeps it; links already sent
 * still open. Flyway runs it once.
 */
@Component
class SealingLinkKey extends SecretsMigration {

    private final SecretBox secrets;

    SealingLinkKey(SecretBox secrets) {
        super("26.4", "seal the decision link key");
        this.secrets = secrets;
    }

    @Override
    protected void migrate(JdbcTemplate jdbc) {
        List<Map<String, Object>> rows = jdbc.queryForList("select name, value from contact_secret for update");
        for (Map<String, Object> row : rows) {
            byte[] key = Base64.getDecoder().decode((String) row.get("value"));
            jdbc.update("update contact_secret set value = ? where name = ?",
                    secrets.seal(key, ContactStore.SECRET_TABLE, "value"), row.get("name"));
        }
    }
}
