package dev.zaiko.connector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import dev.zaiko.connector.shopify.ShopifyConnector;
import dev.zaiko.platform.AfterCommit;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shopify's order webhooks ({@code orders/create}, {@code orders/cancelled}, {@code orders/updated})
 * posted to {@link ShopifyConnector#WEBHOOK_PATH}{@code {channel}}: <b>recorded, then processed</b>.
 * <p>
 * Receiving does no more than check and store: the delivery must be signed for the channel's
 * Shopify account ({@link ShopifyConnector#signedFor}); a channel without a Shopify connector, a
 * missing or forged signature, or another shop's delivery are all answered alike, "not found", and
 * nothing is stored. A signed delivery is stored once per {@code X-Shopify-Webhook-Id}
 * ({@code connector_shopify_webhook}) together with one execution of the durable job {@value #TASK}
 * in the same transaction, and answered 200 at once: Shopify waits 5 seconds at most. The same
 * delivery again (Shopify retries, a replay) finds its row and records nothing new.
 * <p>
 * The job (db-scheduler: one instance at a time, again after a crash or restart until it completes)
 * reads the stored body, turns it into the port's order and hands it to
 * {@link ImportingOrders#take}: recorded once per Shopify order, cancelled when the body says
 * {@code cancelled_at}, kept in the inbox when it cannot be recorded; the outcome is written on the
 * delivery. Taking an order twice changes nothing, so a job run again after a crash is harmless.
 */
@Service
class ReceivingShopifyWebhooks {

    static final String TASK = "connector-shopify-webhook";
    static final TaskDescriptor<Void> JOB = TaskDescriptor.of(TASK);

    private static final Logger log = LoggerFactory.getLogger(ReceivingShopifyWebhooks.class);
    private static final String NOT_FOUND = "Nothing awaits a notice at this address.";

    private final ConnectorAccounts accounts;
    private final ImportingOrders importing;
    private final SchedulerClient scheduler;
    private final ObjectProvider<JobScheduler> jobs;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    ReceivingShopifyWebhooks(ConnectorAccounts accounts, ImportingOrders importing, SchedulerClient scheduler,
                             ObjectProvider<JobScheduler> jobs, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                             Clock clock) {
        this.accounts = accounts;
        this.importing = importing;
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The headers of a delivery that count (https://shopify.dev/docs/apps/build/webhooks/delivery-structure). */
    record Delivery(String topic, String hmac, String webhookId, String shopDomain) {
    }

    /** @param received false when nothing new was stored (a delivery heard before, a topic not taken) */
    record Receipt(boolean received) {
    }

    /**
     * Checks and stores one delivery; processing comes after the answer.
     *
     * @throws NotFoundException when the delivery is not signed for this channel's Shopify account
     */
    Receipt receive(String channel, Delivery delivery, byte[] body) {
        Optional<ShopifyConnector> connector = accounts.connectorOf(channel)
                .filter(ShopifyConnector.class::isInstance).map(ShopifyConnector.class::cast);
        boolean signed = connector.isPresent() && accounts.account(channel)
                .map(a -> connector.get().signedFor(a, body, delivery.hmac(), delivery.shopDomain())).orElse(false);
        if (!signed) {
            log.info("A Shopify webhook for channel {} was refused: not signed for the channel's Shopify account", channel);
            throw new NotFoundException(NOT_FOUND);
        }
        String topic = delivery.topic() == null ? "" : delivery.topic().strip();
        if (!ShopifyConnector.ORDER_TOPICS.contains(topic)) {
            log.info("Channel {}: a Shopify webhook of topic '{}' is not one Zaiko takes: left alone", channel, topic);
            return new Receipt(false);
        }
        String webhookId = delivery.webhookId() == null || delivery.webhookId().isBlank()
                ? "sha256:" + sha256(body) : delivery.webhookId().strip();
        Long id = tx.execute(t -> {
            Instant now = clock.instant();
            List<Long> ids = jdbc.queryForList("""
                    insert into connector_shopify_webhook (channel, webhook_id, topic, received_at, body)
                    values (?, ?, ?, ?, ?) on conflict (channel, webhook_id) do nothing returning id
                    """, Long.class, channel, webhookId, topic, Timestamp.from(now),
                    new String(body, StandardCharsets.UTF_8));
            if (ids.isEmpty()) return null;
            scheduler.scheduleIfNotExists(JOB.instance(String.valueOf(ids.get(0))).scheduledTo(now));
            AfterCommit.run(() -> jobs.ifAvailable(JobScheduler::checkForDueExecutions));
            return ids.get(0);
        });
        if (id == null) {
            log.info("Channel {}: Shopify webhook {} came again: nothing new recorded", channel, webhookId);
            return new Receipt(false);
        }
        log.info("Channel {}: Shopify webhook {} ({}) recorded as delivery {}", channel, webhookId, topic, id);
        return new Receipt(true);
    }

    /** One stored delivery taken into the core, by the job {@value #TASK}; a processed one is left alone. */
    void process(long id) {
        record Row(String channel, String body) {
        }
        Optional<Row> found = jdbc.query("""
                select channel, body from connector_shopify_webhook where id = ? and processed_at is null
                """, (rs, i) -> new Row(rs.getString(1), rs.getString(2)), id).stream().findFirst();
        if (found.isEmpty()) return;
        String channel = found.get().channel();
        String outcome;
        if (accounts.connectorOf(channel).filter(ShopifyConnector.class::isInstance).isEmpty()) {
            outcome = "NO_CONNECTOR";
        } else {
            PlatformOrder order = null;
            try {
                order = ShopifyConnector.webhookOrder(found.get().body().getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                log.warn("Channel {}: Shopify webhook delivery {} holds no order Zaiko can read", channel, id);
            }
            outcome = order == null ? "UNREADABLE" : importing.take(channel, order, importing.mapping(channel)).name();
        }
        jdbc.update("update connector_shopify_webhook set processed_at = ?, outcome = ? where id = ? and processed_at is null",
                Timestamp.from(clock.instant()), outcome, id);
        log.info("Channel {}: Shopify webhook delivery {} processed: {}", channel, id, outcome);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
