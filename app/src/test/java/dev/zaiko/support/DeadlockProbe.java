package dev.zaiko.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A request that runs into a real PostgreSQL deadlock (test profile only), so that the API's
 * answer to one can be tested. The request takes row 1 then row 2; a second transaction takes
 * row 2 then row 1. The request's session detects the deadlock first (a short deadlock_timeout
 * against the other's long one), so it is always the one PostgreSQL rolls back.
 */
@RestController
@Profile("test")
class DeadlockProbe {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    DeadlockProbe(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    @PostMapping("/api/test/deadlock")
    String deadlock() throws Exception {
        jdbc.execute("create table if not exists test_deadlock (id int primary key, value text)");
        jdbc.execute("insert into test_deadlock values (1, 'initial'), (2, 'initial') on conflict (id) do update "
                + "set value = 'initial'");
        CountDownLatch otherHoldsRow2 = new CountDownLatch(1);
        CountDownLatch requestHoldsRow1 = new CountDownLatch(1);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> tx.executeWithoutResult(t -> {
            jdbc.execute("set local deadlock_timeout = '10s'");
            jdbc.update("update test_deadlock set value = 'other' where id = 2");
            otherHoldsRow2.countDown();
            await(requestHoldsRow1);
            jdbc.update("update test_deadlock set value = 'other' where id = 1");
        }));
        try {
            tx.executeWithoutResult(t -> {
                jdbc.execute("set local deadlock_timeout = '100ms'");
                jdbc.update("update test_deadlock set value = 'request' where id = 1");
                requestHoldsRow1.countDown();
                await(otherHoldsRow2);
                jdbc.update("update test_deadlock set value = 'request' where id = 2");
            });
            return "no deadlock";
        } finally {
            other.get(30, TimeUnit.SECONDS);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the other side never came");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
