package dev.zaiko.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Puts {@code buyers} concurrent requests on a strategy. A blocking strategy gets one thread
 * per buyer, as an application server would give it; an asynchronous one gets a few
 * submitting threads that keep {@code buyers} requests outstanding through a semaphore, so
 * both face the same concurrency while each runs the way it is meant to. Either way a
 * request's latency is measured from just before {@code reserve} is called to the completion
 * of its future, and covers waiting for a pooled connection.
 */
final class LoadDriver {

    /**
     * Either a fixed number of attempts (warm-up and duration zero) or a fixed measured
     * duration after a warm-up whose requests are not counted in the results.
     */
    record Plan(int buyers, int quantity, long attempts, long warmupNanos, long durationNanos,
                int asyncSubmitters) {

        static Plan attempts(int buyers, long attempts, int asyncSubmitters) {
            return new Plan(buyers, 1, attempts, 0, 0, asyncSubmitters);
        }

        static Plan duration(int buyers, long warmupNanos, long durationNanos, int asyncSubmitters) {
            return new Plan(buyers, 1, 0, warmupNanos, durationNanos, asyncSubmitters);
        }

        boolean fixedAttempts() {
            return attempts > 0;
        }
    }

    /**
     * Counts of the measured requests, plus the units reserved by every request of the run
     * (warm-up included), which is what the database must account for.
     */
    record Outcome(long attempts, long succeeded, long refused, long errors, long elapsedNanos,
                   LatencyRecorder latencies, long unitsReservedInRun, Throwable firstError) {

        double reservationsPerSecond() {
            return elapsedNanos == 0 ? 0 : succeeded * 1e9 / elapsedNanos;
        }
    }

    private static final long DRAIN_TIMEOUT_MINUTES = 5;

    Outcome run(Strategy strategy, Plan plan) throws InterruptedException {
        Run run = new Run(strategy, plan);
        return strategy.concurrency() == Strategy.Concurrency.BLOCKING
                ? run.blocking()
                : run.async();
    }

    private static final class Run {

        private final Strategy strategy;
        private final Plan plan;
        private final AtomicLong tickets = new AtomicLong();
        private final LatencyRecorder latencies = new LatencyRecorder();
        private final LongAdder attempts = new LongAdder();
        private final LongAdder succeeded = new LongAdder();
        private final LongAdder refused = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final LongAdder unitsReservedInRun = new LongAdder();
        private final LongAccumulator lastCompletion = new LongAccumulator(Math::max, Long.MIN_VALUE);
        private final AtomicReference<Throwable> firstError = new AtomicReference<>();
        private long measureFrom;
        private long stopAt;

        Run(Strategy strategy, Plan plan) {
            this.strategy = strategy;
            this.plan = plan;
        }

        private void startClock() {
            long start = System.nanoTime();
            measureFrom = start + plan.warmupNanos();
            stopAt = measureFrom + plan.durationNanos();
        }

        /** Claims the next attempt, or says the run is over. */
        private boolean nextAttempt() {
            return plan.fixedAttempts()
                    ? tickets.getAndIncrement() < plan.attempts()
                    : System.nanoTime() < stopAt;
        }

        private CompletableFuture<Boolean> submit() {
            try {
                return strategy.reserve(plan.quantity());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        private void completed(long submittedAt, Boolean reserved, Throwable failure) {
            long now = System.nanoTime();
            boolean ok = failure == null && Boolean.TRUE.equals(reserved);
            if (ok) {
                unitsReservedInRun.add(plan.quantity());
            }
            if (submittedAt < measureFrom) {
                return; // warm-up
            }
            attempts.increment();
            latencies.record(now - submittedAt);
            lastCompletion.accumulate(now);
            if (failure != null) {
                errors.increment();
                firstError.compareAndSet(null, failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            } else if (ok) {
                succeeded.increment();
            } else {
                refused.increment();
            }
        }

        Outcome blocking() throws InterruptedException {
            CountDownLatch ready = new CountDownLatch(plan.buyers());
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> buyers = new ArrayList<>();
            for (int i = 0; i < plan.buyers(); i++) {
                Thread buyer = new Thread(() -> {
                    ready.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    while (nextAttempt()) {
                        long submittedAt = System.nanoTime();
                        Boolean reserved = null;
                        Throwable failure = null;
                        try {
                            reserved = submit().join();
                        } catch (CompletionException e) {
                            failure = e.getCause() != null ? e.getCause() : e;
                        } catch (RuntimeException e) {
                            failure = e;
                        }
                        completed(submittedAt, reserved, failure);
                    }
                }, "buyer-" + i);
                buyers.add(buyer);
                buyer.start();
            }
            ready.await();
            startClock();
            go.countDown();
            for (Thread buyer : buyers) {
                buyer.join();
            }
            return outcome();
        }

        Outcome async() throws InterruptedException {
            Semaphore outstanding = new Semaphore(plan.buyers());
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> submitters = new ArrayList<>();
            for (int i = 0; i < plan.asyncSubmitters(); i++) {
                Thread submitter = new Thread(() -> {
                    try {
                        go.await();
                        while (true) {
                            outstanding.acquire();
                            if (!nextAttempt()) {
                                outstanding.release();
                                return;
                            }
                            long submittedAt = System.nanoTime();
                            submit().whenComplete((reserved, failure) -> {
                                completed(submittedAt, reserved, failure);
                                outstanding.release();
                            });
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "submitter-" + i);
                submitters.add(submitter);
                submitter.start();
            }
            startClock();
            go.countDown();
            for (Thread submitter : submitters) {
                submitter.join();
            }
            // every permit back means every future has completed and been counted
            if (!outstanding.tryAcquire(plan.buyers(), DRAIN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException(strategy.name() + " left requests outstanding for "
                        + DRAIN_TIMEOUT_MINUTES + " minutes after the run ended");
            }
            return outcome();
        }

        private Outcome outcome() {
            long last = lastCompletion.get();
            long elapsed = last == Long.MIN_VALUE ? 0 : last - measureFrom;
            return new Outcome(attempts.sum(), succeeded.sum(), refused.sum(), errors.sum(), elapsed,
                    latencies, unitsReservedInRun.sum(), firstError.get());
        }
    }
}
