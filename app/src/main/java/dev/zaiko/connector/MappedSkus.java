package dev.zaiko.connector;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which SKUs of a connected channel have a mapping ({@code connector_item}), kept in memory per
 * channel so that the channel's sender can ask for every SKU it reads without a query. {@link
 * ItemMappings} forgets a channel's set when it changes the mapping on this instance. A mapping set on
 * another instance is caught before anything is dropped: a SKU missing from the set is only called
 * unmapped after the table's stamp (rows and latest change) was read again and still matches the
 * set's, else the set is read afresh. So the common case (every SKU mapped) costs no query, and a
 * SKU is never dropped because of a stale set.
 */
@Component
class MappedSkus {

    /** How the table stood when a set was read: any insert (or delete, or change) moves it. */
    private record Stamp(long rows, Timestamp latest) {
    }

    private record Snapshot(Stamp stamp, Set<String> skus) {
    }

    private final JdbcTemplate jdbc;
    private final Map<String, Snapshot> cache = new ConcurrentHashMap<>();

    MappedSkus(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Of these SKUs, the ones with no mapping on the channel now. */
    Set<String> unmapped(String channel, Collection<String> skus) {
        Snapshot snapshot = cache.computeIfAbsent(channel, this::load);
        Set<String> missing = missing(snapshot, skus);
        if (missing.isEmpty()) return missing;
        if (!Objects.equals(stamp(channel), snapshot.stamp())) {
            snapshot = load(channel);
            cache.put(channel, snapshot);
            missing = missing(snapshot, skus);
        }
        return missing;
    }

    /** The channel's mapping changed on this instance: its set is read again at the next question. */
    void changed(String channel) {
        cache.remove(channel);
    }

    private static Set<String> missing(Snapshot snapshot, Collection<String> skus) {
        Set<String> missing = new LinkedHashSet<>();
        for (String sku : skus) if (!snapshot.skus().contains(sku)) missing.add(sku);
        return missing;
    }

    /** The stamp first: a row written between the two reads is in the set and makes the stamp stale (read again). */
    private Snapshot load(String channel) {
        Stamp stamp = stamp(channel);
        Set<String> skus = new HashSet<>(jdbc.queryForList("select sku from connector_item where channel = ?",
                String.class, channel));
        return new Snapshot(stamp, skus);
    }

    private Stamp stamp(String channel) {
        return jdbc.queryForObject("select count(*), max(updated_at) from connector_item where channel = ?",
                (rs, i) -> new Stamp(rs.getLong(1), rs.getTimestamp(2)), channel);
    }
}
