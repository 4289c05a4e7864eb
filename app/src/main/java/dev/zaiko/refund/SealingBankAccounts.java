package dev.zaiko.refund;

import java.util.List;
import java.util.Map;

import dev.zaiko.platform.SecretBox;
import dev.zaiko.platform.SecretsMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Migration 26.1: the bank accounts registered before secrets at rest get their number and
 * holder's name encrypted, as {@link RefundStore} now writes them. Flyway runs it once.
 */
@Component
class SealingBankAccounts extends SecretsMigration {

    private final SecretBox secrets;

    SealingBankAccounts(SecretBox secrets) {
        super("26.1", "seal refund bank accounts");
        this.secrets = secrets;
    }

    @Override
    protected void migrate(JdbcTemplate jdbc) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select order_number, number, holder_name from refund_bank_account for update");
        for (Map<String, Object> row : rows) {
            jdbc.update("update refund_bank_account set number = ?, holder_name = ? where order_number = ?",
                    secrets.seal((String) row.get("number"), RefundStore.ACCOUNTS, "number"),
                    secrets.seal((String) row.get("holder_name"), RefundStore.ACCOUNTS, "holder_name"),
                    row.get("order_number"));
        }
    }
}
