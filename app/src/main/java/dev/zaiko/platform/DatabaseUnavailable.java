package dev.zaiko.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The database cannot be reached right now: it is down, restarting, refusing connections, or the
 * pool waited in vain for a connection. Answered with 503 {@code database-unavailable} and a
 * {@code Retry-After} of {@link #RETRY_AFTER_SECONDS} seconds (platform.ProblemDetailsAdvice, and
 * platform.DatabaseOutageFilter for what fails before a controller runs); see docs/reliability.md.
 * <p>
 * A module throws this one when it has to hide the database's own exception (whose message may
 * quote personal data) but the cause was an outage; {@link #isCause} recognises it and the
 * database's exceptions alike, anywhere in a chain of causes (a {@code CompletableFuture}'s
 * {@code CompletionException}, a transaction manager's {@code CannotCreateTransactionException}).
 */
public class DatabaseUnavailable extends RuntimeException {

    /** What a client is asked to wait before sending again; a restarted PostgreSQL is usually back by then. */
    public static final int RETRY_AFTER_SECONDS = 5;

    public DatabaseUnavailable(String message) {
        super(message);
    }

    /**
     * Whether the database being unreachable is why {@code error} happened: Spring's
     * {@code CannotGetJdbcConnectionException} and other {@link DataAccessResourceFailureException}s,
     * {@link TransientDataAccessResourceException}, the pool's connection timeout (a
     * {@link SQLTransientConnectionException}), a connection refused or broken (SQL state class
     * 08), and the server shutting down or starting up (57P01 admin shutdown, 57P02 crash shutdown,
     * 57P03 cannot connect now).
     */
    public static boolean isCause(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof DatabaseUnavailable
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && outage(sql.getSQLState())) return true;
            if (t instanceof SQLException sql && sql.getNextException() != null && isCause(sql.getNextException())) {
                return true;
            }
            // a rollback that failed after the work failed: Spring throws the rollback's exception and keeps the first
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null
                    && isCause(tx.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /** The SQL state of the first {@link SQLException} among the causes, for a log line; null when none has one. */
    public static String sqlState(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) return sql.getSQLState();
        }
        return null;
    }

    static boolean outage(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }
}
