package dev.zaiko.insight;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import dev.zaiko.platform.InvalidRequestException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The shop's own setting for reorder suggestions: the service level the safety stock is kept for
 * (share of review cycles without a stockout; 95% until a supervisor sets another) and the review
 * period (how many days one order is to last until the next is considered; 7 until set). Kept in
 * {@code insight_reorder_setting}, which a rebuild leaves alone.
 */
@Component
public class ReorderSettings {

    public static final BigDecimal DEFAULT_SERVICE_LEVEL = new BigDecimal("95.0");
    public static final int DEFAULT_REVIEW_PERIOD_DAYS = 7;
    public static final BigDecimal MIN_SERVICE_LEVEL = new BigDecimal("50.0");
    public static final BigDecimal MAX_SERVICE_LEVEL = new BigDecimal("99.9");
    public static final int MAX_REVIEW_PERIOD_DAYS = 90;

    /** @param updatedAt null while the defaults are in force */
    public record Setting(BigDecimal serviceLevelPercent, int reviewPeriodDays, Instant updatedAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ReorderSettings(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Setting current() {
        return jdbc.query("select service_level_percent, review_period_days, updated_at from insight_reorder_setting",
                        (rs, i) -> new Setting(rs.getBigDecimal(1).stripTrailingZeros().setScale(1), rs.getInt(2),
                                rs.getTimestamp(3).toInstant()))
                .stream().findFirst().orElse(new Setting(DEFAULT_SERVICE_LEVEL, DEFAULT_REVIEW_PERIOD_DAYS, null));
    }

    /**
     * @param serviceLevelPercent from 50 to 99.9 (one decimal); null keeps the current one
     * @param reviewPeriodDays    from 1 to 90; null keeps the current one
     * @throws InvalidRequestException naming the field out of range
     */
    @Transactional
    public Setting change(BigDecimal serviceLevelPercent, Integer reviewPeriodDays) {
        Setting now = current();
        BigDecimal level = serviceLevelPercent == null ? now.serviceLevelPercent() : serviceLevelPercent;
        int review = reviewPeriodDays == null ? now.reviewPeriodDays() : reviewPeriodDays;
        if (level.compareTo(MIN_SERVICE_LEVEL) < 0 || level.compareTo(MAX_SERVICE_LEVEL) > 0 || level.scale() > 1
                && level.stripTrailingZeros().scale() > 1) {
            throw new InvalidRequestException("invalid-request", "serviceLevelPercent must be from "
                    + MIN_SERVICE_LEVEL + " to " + MAX_SERVICE_LEVEL + " (at most one decimal), got "
                    + level.toPlainString() + ".", Map.of("field", "serviceLevelPercent"));
        }
        if (review < 1 || review > MAX_REVIEW_PERIOD_DAYS) {
            throw new InvalidRequestException("invalid-request", "reviewPeriodDays must be from 1 to "
                    + MAX_REVIEW_PERIOD_DAYS + ", got " + review + ".", Map.of("field", "reviewPeriodDays"));
        }
        jdbc.update("""
                insert into insight_reorder_setting (id, service_level_percent, review_period_days, updated_at)
                values (true, ?, ?, ?)
                on conflict (id) do update set service_level_percent = excluded.service_level_percent,
                    review_period_days = excluded.review_period_days, updated_at = excluded.updated_at""",
                level, review, Timestamp.from(clock.instant()));
        return current();
    }
}
