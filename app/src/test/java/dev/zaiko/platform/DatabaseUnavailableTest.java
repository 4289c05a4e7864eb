package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean "the database is away" (503 database-unavailable) and which do not. */
class DatabaseUnavailableTest {

    private static SQLException state(String sqlState) {
        return new SQLException("server said so", sqlState);
    }

    @Test
    void springsConnectionAndResourceFailuresAreAnOutage() {
        assertThat(DatabaseUnavailable.isCause(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new DataAccessResourceFailureException("gone"))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new TransientDataAccessResourceException("gone for now"))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new DatabaseUnavailable("order not recorded"))).isTrue();
    }

    @Test
    void thePoolsTimeoutAndPostgresConnectionAndShutdownStatesAreAnOutage() {
        // HikariCP: "Connection is not available, request timed out after 2000ms"
        assertThat(DatabaseUnavailable.isCause(new SQLTransientConnectionException("pool timed out", "08001"))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new SQLTransientConnectionException("pool timed out"))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new PSQLException("refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE))).isTrue();
        for (String shutdown : new String[]{"57P01", "57P02", "57P03"}) {
            assertThat(DatabaseUnavailable.isCause(state(shutdown))).as(shutdown).isTrue();
        }
    }

    @Test
    void anOutageIsFoundBehindAFutureATransactionManagerAndAFailedRollback() {
        assertThat(DatabaseUnavailable.isCause(new CompletionException(state("08006")))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new CannotCreateTransactionException("could not open",
                new CannotGetJdbcConnectionException("no connection")))).isTrue();
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new UncategorizedSQLException("update", "update x", state("57P01")));
        assertThat(DatabaseUnavailable.isCause(rollback)).isTrue();
    }

    @Test
    void badDataConflictsDeadlocksAndBugsAreNot() {
        assertThat(DatabaseUnavailable.isCause(new DataIntegrityViolationException("dup", state("23505")))).isFalse();
        assertThat(DatabaseUnavailable.isCause(state("22001"))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new PessimisticLockingFailureException("deadlock", state("40P01"))))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new CompletionException(new IllegalStateException("bug")))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new TransactionSystemException("commit failed", state("40001"))))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(null)).isFalse();
    }
}
