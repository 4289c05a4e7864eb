package dev.zaiko.deal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts every PLANNED deal whose start has come and ends every running deal whose end has come,
 * whatever became of their timers. Each deal is decided under its own row lock, so this job, the
 * timers and other instances never start or end a deal twice.
 */
@Service
class CatchingUpOnDealWindows {

    private static final Logger log = LoggerFactory.getLogger(CatchingUpOnDealWindows.class);

    private final DealStore store;
    private final StartingDeals starting;
    private final EndingDeals ending;
    private final Clock clock;

    CatchingUpOnDealWindows(DealStore store, StartingDeals starting, EndingDeals ending, Clock clock) {
        this.store = store;
        this.starting = starting;
        this.ending = ending;
        this.clock = clock;
    }

    /** @return deals started or ended by this run */
    int catchUp(int limit) {
        int done = 0;
        for (String code : store.dueToStart(clock.instant(), limit)) {
            if (starting.startIfDue(code)) done++;
        }
        for (String code : store.dueToEnd(clock.instant(), limit)) {
            if (ending.endIfDue(code)) done++;
        }
        if (done > 0) log.info("Deal windows caught up: {} deal(s) started or ended", done);
        return done;
    }
}
