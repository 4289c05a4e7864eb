package dev.zaiko.connector;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import dev.zaiko.platform.AfterCommit;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.refund.MarketplaceCancellationAsked;
import dev.zaiko.refund.SettlingMarketplaceRefunds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells a connected marketplace that an order line is cancelled because the item is out of stock
 * ({@link PlatformClient#cancelForStockout}, the adapter names the platform's stock-out reason),
 * and carries the platform's answer back to the refunds waiting for it
 * ({@link SettlingMarketplaceRefunds}).
 * <p>
 * One cancellation per (order, line) in {@code connector_cancellation}, however often it is
 * asked: a request heard again adds its refunds to the row and, when the platform has answered
 * already, gets that answer at once. Every call to the platform is one run of the durable job
 * {@value #TASK} (one execution per cancellation, db-scheduler: one instance at a time, again after
 * a crash), outside any transaction; its answer is recorded in one. CONFIRMED completes the
 * refunds; PENDING is looked at again ({@link PlatformClient#followCancellation}) after a wait
 * doubling from {@code zaiko.connector.cancel-retry}; REFUSED, refused credentials, a channel
 * whose connector went, or {@code zaiko.connector.cancel-max-attempts} calls without a final
 * answer flag the refunds for a person. The same idempotency key goes with every call.
 */
@Service
class CancellingOnThePlatform {

    static final String TASK = "connector-cancellation";
    static final TaskDescriptor<Void> JOB = TaskDescriptor.of(TASK);

    private static final Logger log = LoggerFactory.getLogger(CancellingOnThePlatform.class);

    /** What the job does next: nothing (null) or run again at that time. */
    record Next(Instant at) {
        static final Next DONE = new Next(null);
    }

    private record Row(String orderNumber, int lineNo, String channel, String platform, String orderId,
                       String lineId, String sku, int quantity, List<String> refundIds, String status,
                       String reference, String message, int attempts, int unitsKept) {

        Row withReference(String newReference) {
            return new Row(orderNumber, lineNo, channel, platform, orderId, lineId, sku, quantity, refundIds, status,
                    newReference, message, attempts, unitsKept);
        }

        PlatformClient.CancellationRequest request() {
            return new PlatformClient.CancellationRequest(orderId, lineId, sku, quantity,
                    "zaiko-cancel:" + orderNumber + ":" + lineNo, unitsKept);
        }
    }

    private final ConnectorAccounts accounts;
    private final SettlingMarketplaceRefunds refunds;
    private final ConnectorProperties properties;
    private final SchedulerClient scheduler;
    private final ObjectProvider<JobScheduler> jobs;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    CancellingOnThePlatform(ConnectorAccounts accounts, SettlingMarketplaceRefunds refunds,
                            ConnectorProperties properties, SchedulerClient scheduler,
                            ObjectProvider<JobScheduler> jobs, JdbcTemplate jdbc,
                            PlatformTransactionManager transactions, Clock clock) {
        this.accounts = accounts;
        this.refunds = refunds;
        this.properties = properties;
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    static String instanceId(String orderNumber, int lineNo) {
        return orderNumber + "/" + lineNo;
    }

    /** The refund module asks; the event registry runs this again until it completes. */
    @ApplicationModuleListener(id = "connector.cancel-on-the-platform")
    void on(MarketplaceCancellationAsked event) {
        ask(event);
    }

    void ask(MarketplaceCancellationAsked e) {
        tx.executeWithoutResult(t -> {
            Instant now = clock.instant();
            String platform = accounts.connectorOf(e.channel()).map(c -> c.platform().name()).orElse(null);
            jdbc.update("""
                    insert into connector_cancellation (order_number, line_no, channel, platform, platform_order_id,
                        platform_line_id, units_kept, sku, quantity, cause, refund_ids, status, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SENDING', ?, ?)
                    on conflict (order_number, line_no) do update set
                        refund_ids = array(select distinct unnest(connector_cancellation.refund_ids || excluded.refund_ids)),
                        updated_at = excluded.updated_at
                    """, e.orderNumber(), e.lineNo(), e.channel(), platform == null ? "NONE" : platform,
                    e.externalRef(), e.externalLineRef(), e.unitsKept(), e.sku(), e.quantity(), e.cause(),
                    e.refundIds().toArray(String[]::new),
                    Timestamp.from(now), Timestamp.from(now));
            Row row = lock(e.orderNumber(), e.lineNo()).orElseThrow();
            switch (row.status()) {
                // answered before: the refunds asked now get the same answer
                case "CONFIRMED" -> refunds.confirmed(e.refundIds(), row.platform(), row.reference());
                case "REFUSED" -> refunds.refused(e.refundIds(), row.platform(), row.message());
                default -> {
                    scheduler.scheduleIfNotExists(JOB.instance(instanceId(e.orderNumber(), e.lineNo()))
                            .scheduledTo(now));
                    AfterCommit.run(() -> jobs.ifAvailable(JobScheduler::checkForDueExecutions));
                    log.info("Order {} line {}: the cancellation goes to {} on channel {}", e.orderNumber(),
                            e.lineNo(), row.platform(), e.channel());
                }
            }
        });
    }

    /** One call to the platform for the cancellation, run by the job {@value #TASK}. */
    Next attempt(String orderNumber, int lineNo) {
        Optional<Row> found = jdbc.query("select * from connector_cancellation where order_number = ? and line_no = ?",
                this::row, orderNumber, lineNo).stream().findFirst();
        if (found.isEmpty()) return Next.DONE;
        Row row = found.get();
        if (!row.status().equals("SENDING") && !row.status().equals("PENDING")) return Next.DONE;
        Optional<ConnectorAccounts.Session> session = accounts.session(row.channel());
        if (session.isEmpty()) {
            return record(row, null, null, "the channel " + row.channel() + " has no connector any more");
        }
        if (row.orderId() == null || row.orderId().isBlank()) {
            return record(row, null, null, "the order was placed without the platform's order id (externalRef)");
        }
        PlatformClient client = session.get().client();
        try {
            PlatformClient.CancellationOutcome outcome = row.status().equals("PENDING")
                    ? client.followCancellation(row.request(), row.reference())
                    : client.cancelForStockout(row.request());
            return record(row, outcome, null, null);
        } catch (ConnectorException.Throttled e) {
            return record(row, null, e, null);
        } catch (ConnectorException.Unauthorized e) {
            accounts.failed(row.channel(), e.getMessage());
            return record(row, null, null, "the platform refused the credentials: " + e.getMessage());
        } catch (ConnectorException e) {
            accounts.failed(row.channel(), e.getMessage());
            return record(row, null, e, null);
        } catch (RuntimeException e) {
            log.warn("Order {} line {}: the cancellation call failed: {}", orderNumber, lineNo, e.toString());
            return record(row, null, new ConnectorException.Failed(e.getClass().getSimpleName(), e), null);
        }
    }

    /**
     * Records what the call came to: the platform's outcome, or a failure that may pass, or why the
     * platform cannot be told (then a person looks).
     */
    private Next record(Row before, PlatformClient.CancellationOutcome outcome, ConnectorException failure,
                        String hopeless) {
        return tx.execute(t -> {
            Row row = lock(before.orderNumber(), before.lineNo()).orElseThrow();
            if (!row.status().equals("SENDING") && !row.status().equals("PENDING")) return Next.DONE;
            Instant now = clock.instant();
            int attempts = row.attempts() + (hopeless != null && outcome == null && failure == null ? 0 : 1);
            if (hopeless != null) return refused(row, attempts, hopeless, now);
            if (outcome != null) {
                String reference = outcome.reference() != null ? outcome.reference() : row.reference();
                switch (outcome.status()) {
                    case CONFIRMED -> {
                        update(row, "CONFIRMED", reference, null, attempts, null, now);
                        refunds.confirmed(row.refundIds(), row.platform(), reference);
                        accounts.succeeded(row.channel());
                        log.info("Order {} line {}: {} confirmed the cancellation", row.orderNumber(),
                                row.lineNo(), row.platform());
                        return Next.DONE;
                    }
                    case REFUSED -> {
                        String why = outcome.message() == null ? "refused" : outcome.message();
                        return refused(row.withReference(reference), attempts, why, now);
                    }
                    case PENDING -> {
                        if (attempts >= properties.cancelMaxAttempts()) {
                            return refused(row, attempts, "still pending after " + attempts + " attempts", now);
                        }
                        Instant next = now.plus(properties.cancelRetryAfter(attempts));
                        update(row, "PENDING", reference, null, attempts, next, now);
                        return new Next(next);
                    }
                }
            }
            String message = failure.getMessage();
            if (attempts >= properties.cancelMaxAttempts()) {
                return refused(row, attempts, "still failing after " + attempts + " attempts: " + message, now);
            }
            Instant next = now.plus(failure instanceof ConnectorException.Throttled th && th.retryAfter() != null
                    ? th.retryAfter() : properties.cancelRetryAfter(attempts));
            update(row, row.status(), row.reference(), message, attempts, next, now);
            log.info("Order {} line {}: cancellation attempt {} on {} failed ({}), next at {}", row.orderNumber(),
                    row.lineNo(), attempts, row.platform(), message, next);
            return new Next(next);
        });
    }

    private Next refused(Row row, int attempts, String why, Instant now) {
        update(row, "REFUSED", row.reference(), why, attempts, null, now);
        refunds.refused(row.refundIds(), row.platform(), why);
        log.warn("Order {} line {}: {} did not cancel the line ({}); its refunds need a person", row.orderNumber(),
                row.lineNo(), row.platform(), why);
        return Next.DONE;
    }

    private void update(Row row, String status, String reference, String message, int attempts, Instant next,
                        Instant now) {
        String m = message == null ? null : message.length() > 500 ? message.substring(0, 500) : message;
        jdbc.update("""
                update connector_cancellation set status = ?, reference = ?, message = ?, attempts = ?,
                    next_attempt_at = ?, updated_at = ? where order_number = ? and line_no = ?
                """, status, reference, m, attempts, next == null ? null : Timestamp.from(next), Timestamp.from(now),
                row.orderNumber(), row.lineNo());
    }

    private Optional<Row> lock(String orderNumber, int lineNo) {
        return jdbc.query("select * from connector_cancellation where order_number = ? and line_no = ? for update",
                this::row, orderNumber, lineNo).stream().findFirst();
    }

    private Row row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Row(rs.getString("order_number"), rs.getInt("line_no"), rs.getString("channel"),
                rs.getString("platform"), rs.getString("platform_order_id"), rs.getString("platform_line_id"),
                rs.getString("sku"), rs.getInt("quantity"),
                List.of((String[]) rs.getArray("refund_ids").getArray()), rs.getString("status"),
                rs.getString("reference"), rs.getString("message"), rs.getInt("attempts"), rs.getInt("units_kept"));
    }
}
