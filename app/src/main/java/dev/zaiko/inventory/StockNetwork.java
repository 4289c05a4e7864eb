package dev.zaiko.inventory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The shop's locations and the channels that sell from them. */
@Component
public class StockNetwork {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    StockNetwork(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public Location addLocation(Location location) {
        if (findLocation(location.code()).isPresent()) {
            throw new ConflictException("location-exists", "A location '" + location.code() + "' already exists.");
        }
        jdbc.update("insert into inventory_location (code, kind, name, created_at) values (?, ?, ?, ?)",
                location.code(), location.kind().name(), location.name(), Timestamp.from(clock.instant()));
        return location;
    }

    @Transactional
    public Channel addChannel(Channel channel) {
        if (findChannel(channel.code()).isPresent()) {
            throw new ConflictException("channel-exists", "A channel '" + channel.code() + "' already exists.");
        }
        if (channel.locations().stream().distinct().count() != channel.locations().size()) {
            throw new InvalidRequestException("A channel's locations must not repeat.");
        }
        for (String code : channel.locations()) requireLocation(code);
        checkCartHold(channel.cartHold());
        jdbc.update("insert into inventory_channel (code, kind, name, online, created_at, cart_hold) "
                        + "values (?, ?, ?, ?, ?, ? * interval '1 millisecond')",
                channel.code(), channel.kind().name(), channel.name(), channel.online(), Timestamp.from(clock.instant()),
                channel.cartHold() == null ? null : channel.cartHold().toMillis());
        List<Object[]> pool = new ArrayList<>();
        for (int i = 0; i < channel.locations().size(); i++) {
            pool.add(new Object[] {channel.code(), channel.locations().get(i), i});
        }
        jdbc.batchUpdate("insert into inventory_channel_location (channel, location, position) values (?, ?, ?)", pool);
        return channel;
    }

    /**
     * Sets how long a cart's reservation on the channel is held when it does not say (null: the
     * shop's default, {@code zaiko.inventory.reservation-hold}).
     *
     * @throws NotFoundException       unknown channel
     * @throws InvalidRequestException {@code invalid-hold} outside PT1S to P7D, naming {@code cartHold}
     */
    public Channel setCartHold(String code, Duration cartHold) {
        checkCartHold(cartHold);
        int updated = jdbc.update("update inventory_channel set cart_hold = ? * interval '1 millisecond' where code = ?",
                cartHold == null ? null : cartHold.toMillis(), code);
        if (updated == 0) throw new NotFoundException("No channel '" + code + "'.");
        return requireChannel(code);
    }

    private static void checkCartHold(Duration cartHold) {
        if (cartHold != null && (cartHold.compareTo(Duration.ofSeconds(1)) < 0
                || cartHold.compareTo(ReservationHoldProperties.MAX_HOLD) > 0)) {
            throw new InvalidRequestException("invalid-hold", "cartHold must be an ISO-8601 duration from PT1S to P7D "
                    + "(for example PT15M), or null for the shop's default hold.", Map.of("field", "cartHold"));
        }
    }

    public Optional<Location> findLocation(String code) {
        return jdbc.query("select code, kind, name from inventory_location where code = ?",
                (rs, i) -> new Location(rs.getString(1), LocationKind.valueOf(rs.getString(2)), rs.getString(3)), code)
                .stream().findFirst();
    }

    public Location requireLocation(String code) {
        return findLocation(code).orElseThrow(() -> new NotFoundException("No location '" + code + "'."));
    }

    /** Whether any location the channel sells from is a store's shelf (one query, not one per location). */
    public boolean sellsFromAStore(String channelCode) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from inventory_channel_location cl join inventory_location l "
                        + "on l.code = cl.location where cl.channel = ? and l.kind = 'STORE')",
                Boolean.class, channelCode));
    }

    public List<Location> locations() {
        return jdbc.query("select code, kind, name from inventory_location order by code",
                (rs, i) -> new Location(rs.getString(1), LocationKind.valueOf(rs.getString(2)), rs.getString(3)));
    }

    public Optional<Channel> findChannel(String code) {
        return channels(code).stream().findFirst();
    }

    public Channel requireChannel(String code) {
        return findChannel(code).orElseThrow(() -> new NotFoundException("No channel '" + code + "'."));
    }

    public List<Channel> channels() {
        return channels(null);
    }

    private List<Channel> channels(String onlyCode) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select c.code, c.kind, c.name, c.online,
                       (extract(epoch from c.cart_hold) * 1000)::bigint as cart_hold_ms,
                       coalesce(array_agg(cl.location order by cl.position) filter (where cl.location is not null), '{}') as pool
                from inventory_channel c left join inventory_channel_location cl on cl.channel = c.code
                where ?::text is null or c.code = ?
                group by c.code order by c.code
                """, onlyCode, onlyCode);
        List<Channel> result = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String[] pool;
            try {
                pool = (String[]) ((java.sql.Array) row.get("pool")).getArray();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            result.add(new Channel((String) row.get("code"), ChannelKind.valueOf((String) row.get("kind")),
                    (String) row.get("name"), (Boolean) row.get("online"), List.of(pool),
                    row.get("cart_hold_ms") == null ? null : Duration.ofMillis(((Number) row.get("cart_hold_ms")).longValue())));
        }
        return result;
    }
}
