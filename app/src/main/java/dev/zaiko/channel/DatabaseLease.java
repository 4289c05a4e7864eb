package dev.zaiko.channel;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The one database lease of the channel module: who may work on a row (a webhook endpoint it
 * delivers to, a channel whose marketplace adapter it pushes), for how long, kept alive by a
 * heartbeat, and taken over by another instance once it ran out. Used by
 * {@link DeliveringWebhooks} (one lease per endpoint, in {@code channel_webhook}) and
 * {@link AdapterNode} (one per channel, in {@code channel_adapter}).
 * <p>
 * The lease is two columns of the leased row itself: its holder and the end of its lease. Taking
 * one is a conditional update (the row is free when its lease ended: {@code until is null or
 * until < now}), so the database alone says who holds what, under any race, on any number of
 * instances; giving one up clears both columns; a renewal moves the end for this holder only, so
 * a lease taken over meanwhile stays lost. Times come from the injected {@link Clock}.
 * <p>
 * Why not ShedLock: it is not in our Maven mirror, and its model is one lock per name in a table
 * of its own, made for "one instance runs this job". Ours are leases on many rows of the module's
 * own tables, and the work they guard checks them in the same statement (a webhook due and not
 * taken is one query; an adapter's pushes write only {@code where held_by = us}); a separate lock
 * table would split what one statement decides today into two, and add a table and a dependency.
 * So one small class, used by both.
 */
final class DatabaseLease {

    private static final Logger log = LoggerFactory.getLogger(DatabaseLease.class);

    /**
     * Where leases live: the table, its key column and that column's SQL type (for arrays of
     * keys), and the two lease columns.
     */
    record Table(String name, String key, String keyType, String holder, String until) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Table table;
    private final Duration length;
    private final Object holder;
    private final Signal beat = new Signal();
    private volatile boolean beating;
    private Thread heartbeat;

    /**
     * @param length how long a lease lasts from its taking or its last renewal
     * @param holder who holds, as the holder column takes it: a restarted instance is another holder
     */
    DatabaseLease(JdbcTemplate jdbc, Clock clock, Table table, Duration length, Object holder) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.table = table;
        this.length = length;
        this.holder = holder;
    }

    Object holder() {
        return holder;
    }

    /** The end of a lease taken or renewed now (for an update that renews in passing). */
    Instant until() {
        return clock.instant().plus(length);
    }

    /**
     * The SQL condition "nobody holds this row now", with one parameter: now. For a query that
     * looks for free rows ({@code alias} is the table's alias in it, or null). Like every fragment
     * here it comes with a space on each side, so it can sit between two text blocks.
     */
    String free(String alias) {
        String until = (alias == null ? "" : alias + ".") + table.until();
        return " (" + until + " is null or " + until + " < ?) ";
    }

    /**
     * The SQL assignment that renews the lease in passing, in an update of the row that does more
     * (a delivery that moves the cursor), with one parameter: {@link #until()}.
     */
    String renewing() {
        return " " + table.until() + " = ? ";
    }

    /** The SQL assignments that give the lease up in passing, in an update of the row that does more. */
    String releasing() {
        return " " + table.until() + " = null, " + table.holder() + " = null ";
    }

    /**
     * Takes the row for this holder unless another holds a lease that has not run out.
     *
     * @param condition more the row must meet, plain SQL without parameters (e.g. {@code status = 'ACTIVE'}), or null
     * @return whether this holder holds it now
     */
    boolean acquire(Object key, String condition) {
        Instant now = clock.instant();
        return jdbc.update("update " + table.name() + " set " + table.until() + " = ?, " + table.holder() + " = ? "
                        + "where " + table.key() + " = ? and " + (condition == null ? "" : "(" + condition + ") and ")
                        + free(null),
                Timestamp.from(now.plus(length)), holder, key, Timestamp.from(now)) == 1;
    }

    /**
     * Takes every row nobody holds (or whose lease ran out: its holder died) for this holder.
     *
     * @param returning the columns to answer of each row taken
     */
    void acquireFree(String returning, RowCallbackHandler taken) {
        Instant now = clock.instant();
        jdbc.query("update " + table.name() + " set " + table.holder() + " = ?, " + table.until() + " = ? where "
                        + free(null) + " returning " + returning, taken,
                holder, Timestamp.from(now.plus(length)), Timestamp.from(now));
    }

    /**
     * Renews every lease of this holder, one that ran out too (nobody took it meanwhile, so nobody
     * else worked on the row).
     *
     * @param returning the columns to answer of each row still held
     */
    void renewAll(String returning, RowCallbackHandler held) {
        jdbc.query("update " + table.name() + " set " + table.until() + " = ? where " + table.holder() + " = ? "
                + "returning " + returning, held, Timestamp.from(until()), holder);
    }

    /** Renews this holder's leases on these rows; a lease taken over meanwhile stays lost. */
    void renew(Collection<?> keys) {
        if (keys.isEmpty()) return;
        Timestamp until = Timestamp.from(until());
        Object[] array = keys.toArray();
        jdbc.update(c -> {
            PreparedStatement ps = c.prepareStatement("update " + table.name() + " set " + table.until() + " = ? "
                    + "where " + table.holder() + " = ? and " + table.key() + " = any(?)");
            ps.setTimestamp(1, until);
            ps.setObject(2, holder);
            ps.setArray(3, c.createArrayOf(table.keyType(), array));
            return ps;
        });
    }

    /** Gives the row up if this holder holds it: another may take it at once. */
    void release(Object key) {
        jdbc.update("update " + table.name() + " set " + table.until() + " = null, " + table.holder() + " = null "
                + "where " + table.key() + " = ? and " + table.holder() + " = ?", key, holder);
    }

    /** Gives up every row this holder holds. */
    void releaseAll() {
        jdbc.update("update " + table.name() + " set " + table.holder() + " = null, " + table.until() + " = null "
                + "where " + table.holder() + " = ?", holder);
    }

    /**
     * Runs {@code beat} every {@code every} on a daemon thread of its own until
     * {@link #stopHeartbeat}: it renews the leases (and whatever else its owner does with them). A
     * beat that fails is logged, and the next one tries again; meanwhile the leases last until their
     * last renewal's end, and then another instance may take them over.
     */
    synchronized void startHeartbeat(String threadName, Duration every, Runnable renew) {
        if (beating) return;
        beating = true;
        heartbeat = new Thread(() -> beat(every, renew), threadName);
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    private void beat(Duration every, Runnable renew) {
        while (beating) {
            try {
                beat.await(every.toMillis());
                if (!beating) return;
                renew.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Renewing the leases in {} failed, the next beat tries again: {}", table.name(), e.toString());
            }
        }
    }

    /** Stops the heartbeat and waits up to {@code wait} for a beat on its way. Gives nothing up. */
    void stopHeartbeat(Duration wait) {
        Thread beating;
        synchronized (this) {
            if (!this.beating) return;
            this.beating = false;
            beating = heartbeat;
            heartbeat = null;
        }
        beat.raise();
        try {
            beating.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
