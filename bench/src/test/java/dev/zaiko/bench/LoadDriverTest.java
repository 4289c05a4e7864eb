package dev.zaiko.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver on in-memory strategies: no database, so every count is exact. */
class LoadDriverTest {

    private final ExecutorService completions = Executors.newFixedThreadPool(3);

    @AfterEach
    void stopCompletions() {
        completions.shutdownNow();
    }

    @Test
    void anAsyncStrategyGetsEveryAttemptWithNeverMoreThanBuyersOutstanding() throws Exception {
        InMemoryStrategy strategy = new InMemoryStrategy(Strategy.Concurrency.ASYNC, 100, completions);

        LoadDriver.Outcome outcome = new LoadDriver().run(strategy, LoadDriver.Plan.attempts(8, 1_000, 2));

        assertThat(outcome.attempts()).isEqualTo(1_000);
        assertThat(outcome.succeeded()).isEqualTo(100);
        assertThat(outcome.refused()).isEqualTo(900);
        assertThat(outcome.errors()).isZero();
        assertThat(outcome.unitsReservedInRun()).isEqualTo(100);
        assertThat(outcome.latencies().count()).isEqualTo(1_000);
        assertThat(strategy.maxOutstanding.get()).isBetween(1, 8);
        assertThat(strategy.outstanding.get()).isZero();
    }

    @Test
    void aBlockingStrategyGetsEveryAttemptFromItsBuyerThreads() throws Exception {
        InMemoryStrategy strategy = new InMemoryStrategy(Strategy.Concurrency.BLOCKING, 100, null);

        LoadDriver.Outcome outcome = new LoadDriver().run(strategy, LoadDriver.Plan.attempts(8, 1_000, 2));

        assertThat(outcome.attempts()).isEqualTo(1_000);
        assertThat(outcome.succeeded()).isEqualTo(100);
        assertThat(outcome.refused()).isEqualTo(900);
        assertThat(outcome.latencies().count()).isEqualTo(1_000);
        assertThat(strategy.maxOutstanding.get()).isBetween(1, 8);
    }

    @Test
    void failuresAreCountedAsErrorsNotAsRefusals() throws Exception {
        Strategy failing = new InMemoryStrategy(Strategy.Concurrency.ASYNC, 0, completions) {
            @Override
            public CompletableFuture<Boolean> reserve(int quantity) {
                return CompletableFuture.failedFuture(new IllegalStateException("database gone"));
            }
        };

        LoadDriver.Outcome outcome = new LoadDriver().run(failing, LoadDriver.Plan.attempts(4, 50, 1));

        assertThat(outcome.errors()).isEqualTo(50);
        assertThat(outcome.refused()).isZero();
        assertThat(outcome.firstError()).hasMessage("database gone");
    }

    /** A correct reservation counter, completing on another thread when asynchronous. */
    private static class InMemoryStrategy implements Strategy {

        private final Concurrency concurrency;
        private final AtomicInteger stock;
        private final ExecutorService completions;
        final AtomicInteger outstanding = new AtomicInteger();
        final AtomicInteger maxOutstanding = new AtomicInteger();

        InMemoryStrategy(Concurrency concurrency, int stock, ExecutorService completions) {
            this.concurrency = concurrency;
            this.stock = new AtomicInteger(stock);
            this.completions = completions;
        }

        @Override
        public String name() {
            return "IN_MEMORY";
        }

        @Override
        public Concurrency concurrency() {
            return concurrency;
        }

        @Override
        public void setUp(BenchContext context) {
        }

        @Override
        public CompletableFuture<Boolean> reserve(int quantity) {
            maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
            if (concurrency == Concurrency.BLOCKING) {
                return CompletableFuture.completedFuture(take(quantity));
            }
            return CompletableFuture.supplyAsync(() -> take(quantity), completions);
        }

        private boolean take(int quantity) {
            try {
                return stock.getAndUpdate(left -> left >= quantity ? left - quantity : left) >= quantity;
            } finally {
                outstanding.decrementAndGet();
            }
        }
    }
}
