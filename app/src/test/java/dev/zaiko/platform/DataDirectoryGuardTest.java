package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the embedded database's start makes of what a previous run left in the data directory. */
class DataDirectoryGuardTest {

    @TempDir
    Path dataDir;

    @Test
    void aDataDirectoryAlreadyClaimedIsRefusedWithWhoHoldsItAndFreedWhenTheClaimEnds() {
        try (DataDirectoryGuard.Claim first = DataDirectoryGuard.claim(dataDir)) {
            assertThatThrownBy(() -> DataDirectoryGuard.claim(dataDir))
                    .isInstanceOf(DataDirectoryGuard.Refused.class)
                    .hasMessageContaining("Another Zaiko is using the data directory")
                    .hasMessageContaining(String.valueOf(ProcessHandle.current().pid()));
        }
        DataDirectoryGuard.claim(dataDir).close();
    }

    @Test
    void aPostmasterPidOfAProcessThatIsGoneIsRemoved() throws Exception {
        Path pg = Files.createDirectories(dataDir.resolve("postgres"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(pg.resolve("postmaster.pid"), gone.pid() + "\n" + pg + "\n");

        assertThat(DataDirectoryGuard.recover(pg)).isFalse();
        assertThat(pg.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void aPostmasterPidNamingALiveProcessThatIsNotOurPostgresIsRemovedAndTheProcessLeftAlone() throws Exception {
        Path pg = Files.createDirectories(dataDir.resolve("postgres"));
        // this very JVM: alive, and no PostgreSQL on the directory
        Files.writeString(pg.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + pg + "\n");

        assertThat(DataDirectoryGuard.recover(pg)).isFalse();
        assertThat(pg.resolve("postmaster.pid")).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
        assertThat(DataDirectoryGuard.isPostgresOn(ProcessHandle.current(), pg)).isFalse();
    }

    @Test
    void aDataDirectoryOfAnotherMajorVersionIsRefusedWithTheWayOutAndLeftAsItIs() throws Exception {
        Path pg = Files.createDirectories(dataDir.resolve("postgres"));
        Files.writeString(pg.resolve("PG_VERSION"), "17\n");

        assertThatThrownBy(() -> DataDirectoryGuard.checkVersion(pg))
                .isInstanceOf(DataDirectoryGuard.Refused.class)
                .hasMessageContaining("PostgreSQL 17").hasMessageContaining("pg_upgrade").hasMessageContaining("pg_dump");
        assertThat(Files.readString(pg.resolve("PG_VERSION"))).isEqualTo("17\n");

        Files.writeString(pg.resolve("PG_VERSION"), DataDirectoryGuard.BUNDLED_MAJOR + "\n");
        DataDirectoryGuard.checkVersion(pg);
        DataDirectoryGuard.checkVersion(dataDir.resolve("not-made-yet"));
    }
}
