package dev.zaiko.shop;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import dev.zaiko.platform.VersionedCache;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code shop_calling_hours} and {@code shop_closed_days} tables: the staff's changes
 * to the configured calendar. Every change bumps the calendar's version in the same transaction.
 */
@Repository
class CalendarStore implements VersionedCache.Source<CalendarStore.Overrides> {

    /**
     * @param hours      weekdays whose hours staff set (empty: closed); others keep the configuration's
     * @param closedDays closed dates staff entered, with their reason
     */
    record Overrides(Map<DayOfWeek, Optional<CallingHours>> hours, Map<LocalDate, String> closedDays) {
        static final Overrides NONE = new Overrides(Map.of(), Map.of());
    }

    record ClosedDay(LocalDate date, String reason, Instant createdAt) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    @Autowired
    CalendarStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    /** For tests that play a second node on the same database. */
    static CalendarStore on(DataSource dataSource) {
        return new CalendarStore(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource));
    }

    @Override
    public long version() {
        Long version = jdbc.queryForObject("select version from shop_settings_version where name = 'calendar'",
                Long.class);
        return version == null ? 0 : version;
    }

    @Override
    public Overrides load() {
        Map<DayOfWeek, Optional<CallingHours>> hours = new EnumMap<>(DayOfWeek.class);
        jdbc.query("select weekday, opens, closes from shop_calling_hours", rs -> {
            Time opens = rs.getTime("opens");
            hours.put(DayOfWeek.valueOf(rs.getString("weekday")), opens == null ? Optional.empty()
                    : Optional.of(new CallingHours(opens.toLocalTime(), rs.getTime("closes").toLocalTime())));
        });
        Map<LocalDate, String> closed = new TreeMap<>();
        for (ClosedDay day : closedDays()) closed.put(day.date(), day.reason());
        return new Overrides(Map.copyOf(hours), Map.copyOf(closed));
    }

    List<ClosedDay> closedDays() {
        return jdbc.query("select day, reason, created_at from shop_closed_days order by day",
                (rs, i) -> new ClosedDay(rs.getObject("day", LocalDate.class), rs.getString("reason"),
                        rs.getTimestamp("created_at").toInstant()));
    }

    /** Sets the named weekdays' hours (empty: closed), all or none. */
    void setHours(Map<DayOfWeek, Optional<CallingHours>> hours, Instant now) {
        transactions.executeWithoutResult(tx -> {
            hours.forEach((day, h) -> jdbc.update("""
                    insert into shop_calling_hours (weekday, opens, closes, updated_at) values (?, ?, ?, ?)
                    on conflict (weekday) do update
                        set opens = excluded.opens, closes = excluded.closes, updated_at = excluded.updated_at""",
                    day.name(), h.map(c -> Time.valueOf(c.opens())).orElse(null),
                    h.map(c -> Time.valueOf(c.closes())).orElse(null), Timestamp.from(now)));
            bump();
        });
    }

    /** Back to the configured hours for every weekday. */
    void resetHours() {
        transactions.executeWithoutResult(tx -> {
            jdbc.update("delete from shop_calling_hours");
            bump();
        });
    }

    /** False (and nothing written) when the date is already closed. */
    boolean addClosedDay(LocalDate date, String reason, Instant now) {
        Boolean added = transactions.execute(tx -> {
            int rows = jdbc.update("insert into shop_closed_days (day, reason, created_at) values (?, ?, ?) "
                    + "on conflict (day) do nothing", date, reason, Timestamp.from(now));
            if (rows == 1) bump();
            return rows == 1;
        });
        return Boolean.TRUE.equals(added);
    }

    /** False when the date was not closed by staff. */
    boolean removeClosedDay(LocalDate date) {
        Boolean removed = transactions.execute(tx -> {
            int rows = jdbc.update("delete from shop_closed_days where day = ?", date);
            if (rows == 1) bump();
            return rows == 1;
        });
        return Boolean.TRUE.equals(removed);
    }

    private void bump() {
        jdbc.update("update shop_settings_version set version = version + 1 where name = 'calendar'");
    }
}
