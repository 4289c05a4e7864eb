package dev.zaiko.platform;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A Flyway migration written in Java because it needs the {@link SecretBox}: a module declares one
 * as a bean (Spring Boot hands Java migration beans to Flyway) to encrypt the plaintext secrets its
 * tables held before. Flyway runs it exactly once per database, in one transaction with its row in
 * {@code flyway_schema_history}, under Flyway's lock (one instance migrates, the others wait), and
 * before the application reads anything.
 */
public abstract class SecretsMigration implements JavaMigration {

    private final MigrationVersion version;
    private final String description;

    /** @param version e.g. {@code 26.1} */
    protected SecretsMigration(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    /** Runs in the migration's transaction, on its connection (and its schema). */
    protected abstract void migrate(JdbcTemplate jdbc);

    @Override
    public final void migrate(Context context) {
        migrate(new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true)));
    }

    @Override
    public MigrationVersion getVersion() {
        return version;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}
