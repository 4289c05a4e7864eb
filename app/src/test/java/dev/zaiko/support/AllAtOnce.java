package dev.zaiko.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Starts calls on threads of their own, all released by one latch, and returns their answers in order. */
public final class AllAtOnce {

    private AllAtOnce() {
    }

    /** The same call on {@code times} threads at once. */
    public static <T> List<T> run(int times, Callable<T> call) throws Exception {
        return run(java.util.Collections.nCopies(times, call));
    }

    public static <T> List<T> run(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return call.call();
                }));
            }
            ready.await();
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) results.add(f.get(3, TimeUnit.MINUTES));
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
