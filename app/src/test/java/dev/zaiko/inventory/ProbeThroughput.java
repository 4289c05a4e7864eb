package dev.zaiko.inventory;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.support.TestDatabase;

public class ProbeThroughput {
    public static void main(String[] args) throws Exception {
        HikariDataSource ds = TestDatabase.fresh(16);
        InventoryFixture f = new InventoryFixture(ds);
        f.network.addLocation(new Location("WH", LocationKind.WAREHOUSE, "w"));
        f.network.addChannel(new Channel("WEB", ChannelKind.OWN, "w", true, java.util.List.of("WH")));
        f.product("HOT", false);
        f.sellable("HOT", "WH", 5_000_000);
        int outstanding = Integer.parseInt(args.length > 0 ? args[0] : "8000");
        int batch = Integer.parseInt(args.length > 1 ? args[1] : "4096");
        try (ReservationEngine engine = f.engine(batch)) {
            for (int round = 0; round < 3; round++) {
                Semaphore permits = new Semaphore(outstanding);
                AtomicLong ok = new AtomicLong();
                long end = System.nanoTime() + 5_000_000_000L;
                long start = System.nanoTime();
                long n = 0;
                while (System.nanoTime() < end) {
                    permits.acquire();
                    n++;
                    engine.reserve(new ReserveRequest("WEB", "HOT", 1, "o" + n, null)).whenComplete((r, e) -> {
                        if (r != null && r.reserved()) ok.incrementAndGet();
                        permits.release();
                    });
                }
                permits.acquire(outstanding);
                double secs = (System.nanoTime() - start) / 1e9;
                System.out.printf("round %d: %d reserved in %.1fs = %.0f/s%n", round, ok.get(), secs, ok.get() / secs);
            }
        }
        System.out.println(f.ledger.mismatches("HOT").isEmpty() ? "consistent" : "MISMATCH");
        System.exit(0);
    }
}
