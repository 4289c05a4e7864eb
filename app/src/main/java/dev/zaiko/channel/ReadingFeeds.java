package dev.zaiko.channel;

import java.time.Duration;
import java.util.List;

import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.InvalidRequestException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** A channel's feed after a cursor, optionally waiting for the next entry (a long poll). */
@Service
public class ReadingFeeds {

    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    static final int MAX_LIMIT = 1000;

    private final JdbcTemplate jdbc;
    private final StockNetwork network;
    private final FeedWriter writer;

    ReadingFeeds(JdbcTemplate jdbc, StockNetwork network, FeedWriter writer) {
        this.jdbc = jdbc;
        this.network = network;
        this.writer = writer;
    }

    public List<FeedEntry> after(String channel, long after, int limit, Duration wait) {
        network.requireChannel(channel);
        if (after < 0) throw new InvalidRequestException("after must be 0 or a seq from the feed, not " + after + ".");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit + ".");
        }
        if (wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
            throw new InvalidRequestException("wait must be between 0s and " + MAX_WAIT.toSeconds() + "s.");
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long round = writer.written().count();
            List<FeedEntry> entries = read(channel, after, limit);
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (!entries.isEmpty() || left <= 0) return entries;
            try {
                writer.written().awaitAfter(round, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }

    /**
     * What the channel's feed holds now, by SKU: each SKU's latest entry (the value the channel's sender
     * pushes), for a connector that compares or resends the channel's values.
     */
    public java.util.Map<String, FeedEntry> current(String channel) {
        network.requireChannel(channel);
        java.util.Map<String, FeedEntry> bySku = new java.util.HashMap<>();
        jdbc.query("select sku, channel, ats, level, seq, changed_at from channel_feed where channel = ?", rs -> {
            bySku.put(rs.getString(1), new FeedEntry(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                    rs.getLong(5), rs.getTimestamp(6).toInstant()));
        }, channel);
        return bySku;
    }

    /** Without the checks and the wait: for the webhook workers. */
    List<FeedEntry> read(String channel, long after, int limit) {
        return jdbc.query("""
                select sku, channel, ats, level, seq, changed_at from channel_feed
                where channel = ? and seq > ? order by seq limit ?
                """, (rs, i) -> new FeedEntry(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                rs.getLong(5), rs.getTimestamp(6).toInstant()), channel, after, limit);
    }
}
