package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

class EmbeddedDatabaseConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ZaikoProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, EmbeddedDatabaseConfiguration.class);

    @Test
    void withoutConfigurationItStartsItsOwnPostgresWhoseDataSurvivesARestart(@TempDir Path dataDir) {
        runner.withPropertyValues("zaiko.data-dir=" + dataDir).run(context -> {
            assertThat(context).hasSingleBean(EmbeddedPostgres.class);
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            jdbc.execute("create table kept (note text)");
            jdbc.update("insert into kept values ('still here')");
        });
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();
        runner.withPropertyValues("zaiko.data-dir=" + dataDir).run(context -> {
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("select note from kept", String.class)).isEqualTo("still here");
            assertThat(jdbc.queryForObject("select current_setting('server_version_num')::int / 10000", Integer.class))
                    .as("the bundled server's major version, which DataDirectoryGuard checks data directories against")
                    .isEqualTo(DataDirectoryGuard.BUNDLED_MAJOR);
        });
    }

    @Test
    void withADatasourceUrlItStartsNothing(@TempDir Path dataDir) {
        try (HikariDataSource external = TestDatabase.fresh(1)) {
            runner.withPropertyValues("zaiko.data-dir=" + dataDir, "spring.datasource.url=" + external.getJdbcUrl())
                    .run(context -> {
                        assertThat(context).doesNotHaveBean(EmbeddedPostgres.class);
                        assertThat(context).doesNotHaveBean(DataSource.class);
                    });
        }
        assertThat(dataDir).isEmptyDirectory();
    }
}
