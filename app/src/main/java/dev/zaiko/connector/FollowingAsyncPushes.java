package dev.zaiko.connector;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.channel.MarketplaceAdapters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes a platform took for processing and answers later (Smaregi's bulk stock update: 202 with a
 * {@code requestId}, then a notice to the signed callback URL handed out with the push), kept in
 * {@code connector_async_push} from the 202 until the answer: which SKUs each request carried, with
 * the feed seq of the value it carried, and the callback URL's nonce.
 * <ul>
 * <li>An answer is taken once per nonce ({@link #answer}): the row is claimed by setting
 * {@code answered_at}, so the same notice again (a replay, or Smaregi delivering twice) finds it
 * answered and changes nothing.</li>
 * <li>A failed request's SKUs are pushed again through the channel's own sender
 * ({@link MarketplaceAdapters#pushAgainUnlessSuperseded}): each SKU whose value was not superseded
 * meanwhile, in the same transaction as the claim, so a failure is never recorded without its
 * retry.</li>
 * <li>A request never answered within {@link ConnectorProperties#asyncAnswerWithin} is treated as
 * failed by the {@link #TASK} job ({@link #sweep}), and answered rows are purged after
 * {@link ConnectorProperties#asyncKeep}.</li>
 * </ul>
 */
@Service
class FollowingAsyncPushes {

    static final String TASK = "connector-async-answers";
    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";
    static final String UNANSWERED = "UNANSWERED";

    private static final Logger log = LoggerFactory.getLogger(FollowingAsyncPushes.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Long>> ITEMS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final MarketplaceAdapters adapters;
    private final ConnectorAccounts accounts;
    private final ConnectorProperties properties;
    private final Clock clock;

    FollowingAsyncPushes(JdbcTemplate jdbc, PlatformTransactionManager transactions, MarketplaceAdapters adapters,
                         ConnectorAccounts accounts, ConnectorProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.adapters = adapters;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The platform took a push for processing and answers at the callback URL with this nonce.
     *
     * @param items SKU -> the feed seq of the value the push carried, for the SKUs the platform took
     */
    void pushed(String channel, String nonce, String requestId, Map<String, Long> items, Instant at) {
        jdbc.update("""
                insert into connector_async_push (channel, nonce, request_id, items, pushed_at)
                values (?, ?, ?, ?::jsonb, ?) on conflict do nothing
                """, channel, nonce, requestId, JSON.writeValueAsString(items), Timestamp.from(at));
    }

    /** A push awaiting its answer, or answered already. */
    record Awaiting(String requestId, boolean answered) {
    }

    /** The push handed out with this nonce on this channel, if Zaiko has it. */
    Optional<Awaiting> find(String channel, String nonce) {
        return jdbc.query("select request_id, answered_at from connector_async_push where channel = ? and nonce = ?",
                (rs, i) -> new Awaiting(rs.getString(1), rs.getTimestamp(2) != null), channel, nonce)
                .stream().findFirst();
    }

    /**
     * Takes the platform's answer for the push with this nonce, once: false when it was answered
     * already (by another delivery of the same notice, or by the sweep), then nothing changed. A
     * failure pushes again each SKU of the request whose value was not superseded meanwhile.
     */
    boolean answer(String channel, String nonce, boolean succeeded) {
        Boolean taken = tx.execute(t -> {
            List<Map<String, Long>> claimed = jdbc.query("""
                    update connector_async_push set answered_at = ?, outcome = ?
                    where channel = ? and nonce = ? and answered_at is null returning items
                    """, (rs, i) -> JSON.readValue(rs.getString(1), ITEMS), Timestamp.from(clock.instant()),
                    succeeded ? SUCCEEDED : FAILED, channel, nonce);
            if (claimed.isEmpty()) return false;
            if (!succeeded) {
                Map<String, Long> again = adapters.pushAgainUnlessSuperseded(channel, claimed.get(0));
                log.info("Channel {}: {} of {} SKUs of a failed asynchronous push are pushed again", channel,
                        again.size(), claimed.get(0).size());
            }
            return true;
        });
        return Boolean.TRUE.equals(taken);
    }

    /**
     * The job: every push unanswered for {@link ConnectorProperties#asyncAnswerWithin} is taken as
     * failed (its SKUs not superseded pushed again, the connector's last error says so); answered
     * rows older than {@link ConnectorProperties#asyncKeep} are purged.
     *
     * @return the pushes given up on
     */
    int sweep() {
        Instant now = clock.instant();
        record Late(String channel, String requestId, Map<String, Long> items) {
        }
        List<Late> late = new ArrayList<>();
        tx.executeWithoutResult(t -> {
            late.addAll(jdbc.query("""
                    update connector_async_push set answered_at = ?, outcome = ?
                    where answered_at is null and pushed_at <= ? returning channel, request_id, items
                    """, (rs, i) -> new Late(rs.getString(1), rs.getString(2), JSON.readValue(rs.getString(3), ITEMS)),
                    Timestamp.from(now), UNANSWERED, Timestamp.from(now.minus(properties.asyncAnswerWithin()))));
            for (Late l : late) {
                try {
                    adapters.pushAgainUnlessSuperseded(l.channel(), l.items());
                } catch (RuntimeException gone) { // the channel was removed meanwhile: nothing to push
                    log.info("Channel {}: an unanswered asynchronous push could not be pushed again: {}",
                            l.channel(), gone.toString());
                }
            }
        });
        for (Late l : late) {
            String message = "The platform never answered the asynchronous stock update " + l.requestId()
                    + " within " + properties.asyncAnswerWithin() + ": its SKUs were pushed again";
            accounts.failed(l.channel(), message);
            log.warn("Channel {}: {}", l.channel(), message);
        }
        jdbc.update("delete from connector_async_push where answered_at is not null and answered_at < ?",
                Timestamp.from(now.minus(properties.asyncKeep())));
        return late.size();
    }
}
