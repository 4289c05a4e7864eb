package dev.zaiko.connector;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where each connected channel's pulls from its platform go on from, and how the last one went: one
 * row per channel in a cursor table of the pull's own (orders in, till sales in). The cursor is the
 * platform's own text and moves only when the page it came with was recorded.
 */
final class PullCursors {

    /** The pulls that keep a cursor, each in its own table (a constant: never from a request). */
    enum Table {
        ORDERS("connector_order_cursor"), TILL_SALES("connector_till_sale_cursor");

        private final String name;

        Table(String name) {
            this.name = name;
        }
    }

    /** A channel's pull state. */
    record Pulling(String cursor, Instant nextPullAt, Instant lastPullAt, Instant lastSuccessAt, String lastError,
                   Instant lastErrorAt) {
    }

    private final JdbcTemplate jdbc;
    private final String table;

    PullCursors(JdbcTemplate jdbc, Table table) {
        this.jdbc = jdbc;
        this.table = table.name;
    }

    Optional<Pulling> pulling(String channel) {
        return jdbc.query("select cursor, next_pull_at, last_pull_at, last_success_at, last_error, last_error_at from "
                        + table + " where channel = ?",
                (rs, i) -> new Pulling(rs.getString(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4)), rs.getString(5), instant(rs.getTimestamp(6))), channel)
                .stream().findFirst();
    }

    /** The page was recorded: the cursor moves on. */
    void moved(String channel, String cursor, Instant at) {
        jdbc.update("insert into " + table + " (channel, cursor, last_pull_at, last_success_at) values (?, ?, ?, ?) "
                + """
                on conflict (channel) do update set cursor = excluded.cursor, last_pull_at = excluded.last_pull_at,
                    last_success_at = excluded.last_success_at, last_error = null, last_error_at = null
                """, channel, cursor, Timestamp.from(at), Timestamp.from(at));
    }

    void pullFailed(String channel, String message, Instant at, Instant nextPullAt) {
        String m = message == null ? "failed" : message.length() > 500 ? message.substring(0, 500) : message;
        jdbc.update("insert into " + table + " (channel, last_pull_at, last_error, last_error_at, next_pull_at) "
                + """
                values (?, ?, ?, ?, ?)
                on conflict (channel) do update set last_pull_at = excluded.last_pull_at, last_error = excluded.last_error,
                    last_error_at = excluded.last_error_at, next_pull_at = excluded.next_pull_at
                """, channel, Timestamp.from(at), m, Timestamp.from(at), nextPullAt == null ? null : Timestamp.from(nextPullAt));
    }

    void nextPullAt(String channel, Instant at) {
        jdbc.update("insert into " + table + " (channel, next_pull_at) values (?, ?) "
                + "on conflict (channel) do update set next_pull_at = excluded.next_pull_at", channel, Timestamp.from(at));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
