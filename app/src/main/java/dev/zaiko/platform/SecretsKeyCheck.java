package dev.zaiko.platform;

import java.sql.Timestamp;
import java.time.Clock;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * After every migration run (so at every start, before anything reads a secret): the first start
 * with a key stores a known text sealed with it in {@code platform_secrets_key}; every later start
 * opens it. A start with another key then stops at once with a message naming the setting, instead
 * of failing later on the first bank transfer or webhook delivery.
 */
final class SecretsKeyCheck implements Callback {

    static final String TABLE = "platform_secrets_key";
    static final String COLUMN = "check_value";
    private static final String KNOWN = "zaiko secrets key check";

    private final SecretBox box;
    private final Clock clock;

    SecretsKeyCheck(SecretBox box, Clock clock) {
        this.box = box;
        this.clock = clock;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        if (!Boolean.TRUE.equals(jdbc.queryForObject("select to_regclass(?) is not null", Boolean.class, TABLE))) {
            return; // a migration run that stopped before V26
        }
        check(jdbc, box, clock);
    }

    static void check(JdbcTemplate jdbc, SecretBox box, Clock clock) {
        jdbc.update("insert into platform_secrets_key (key_id, check_value, created_at) values (?, ?, ?) "
                + "on conflict (key_id) do nothing", SecretBox.V1, box.seal(KNOWN, TABLE, COLUMN),
                Timestamp.from(clock.instant()));
        String stored = jdbc.queryForObject("select check_value from platform_secrets_key where key_id = ?",
                String.class, SecretBox.V1);
        String opened;
        try {
            opened = box.open(stored, TABLE, COLUMN);
        } catch (SecretBox.Unreadable e) {
            opened = null;
        }
        if (!KNOWN.equals(opened)) {
            throw new IllegalStateException("The secrets key (zaiko.secrets.key, ZAIKO_SECRETS_KEY or "
                    + "zaiko.secrets.key-file; with the embedded database by default <zaiko.data-dir>/secrets.key) "
                    + "is not the key this database's secrets were encrypted with. Configure the key it was "
                    + "started with before; see docs/security.md, \"Secrets at rest\".");
        }
    }

    @Override
    public String getCallbackName() {
        return "zaiko-secrets-key-check";
    }
}
