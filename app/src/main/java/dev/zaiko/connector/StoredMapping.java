package dev.zaiko.connector;

import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/** A channel's SKU mapping as {@code connector_item} holds it, read when a client asks (a change counts at once). */
final class StoredMapping implements ConnectorAccount.ItemMapping {

    private final JdbcTemplate jdbc;
    private final String channel;

    StoredMapping(JdbcTemplate jdbc, String channel) {
        this.jdbc = jdbc;
        this.channel = channel;
    }

    @Override
    public Optional<Map<String, String>> identifiers(String sku) {
        return jdbc.queryForList("select identifiers::text from connector_item where channel = ? and sku = ?",
                String.class, channel, sku).stream().findFirst()
                .map(json -> Map.copyOf(ConnectorAccounts.JSON.readValue(json, ConnectorAccounts.STRINGS)));
    }

    @Override
    public Optional<String> sku(String name, String value) {
        return jdbc.queryForList("select sku from connector_item where channel = ? and identifiers ->> ? = ? order by sku",
                String.class, channel, name, value).stream().findFirst();
    }
}
