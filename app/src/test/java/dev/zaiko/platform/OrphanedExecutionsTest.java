package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

/** Which executions a starting instance may release at once: only those of a gone process of this host. */
class OrphanedExecutionsTest {

    static final String HOST = "zaiko-host";
    static final String SELF = ProcessHandle.current().pid() + "@" + HOST;

    static long goneProcess() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void anExecutionOfAProcessOfThisHostThatIsGoneIsReleased() throws Exception {
        assertThat(OrphanedExecutions.orphaned(goneProcess() + "@" + HOST, SELF)).isTrue();
    }

    @Test
    void anExecutionOfAProcessOfThisHostThatStillRunsIsLeftToTheHeartbeat() {
        long alive = ProcessHandle.current().parent().orElseThrow().pid();
        assertThat(OrphanedExecutions.orphaned(alive + "@" + HOST, SELF)).isFalse();
        assertThat(OrphanedExecutions.orphaned(SELF, SELF)).as("this very process").isFalse();
    }

    @Test
    void anExecutionOfAnotherHostOrUnderAnotherKindOfNameIsLeftToTheHeartbeat() throws Exception {
        long gone = goneProcess();
        assertThat(OrphanedExecutions.orphaned(gone + "@other-host", SELF)).isFalse();
        assertThat(OrphanedExecutions.orphaned("instance-a", SELF)).as("a name a test gave").isFalse();
        assertThat(OrphanedExecutions.orphaned("x@" + HOST, SELF)).isFalse();
    }
}
