package dev.zaiko.inventory;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The inventory module's durable jobs (db-scheduler; the platform runs every task bean). */
@Configuration(proxyBeanMethods = false)
class InventoryJobs {

    @Bean
    ReleasingExpiredReservations releasingExpiredReservations(JdbcTemplate jdbc, ReservingStock reserving,
                                                              Clock clock) {
        return new ReleasingExpiredReservations(jdbc, reserving.engine(), clock);
    }

    @Bean
    RecurringTask<Void> expiredReservations(ReleasingExpiredReservations releasing,
                                            ReservationHoldProperties properties) {
        return Tasks.recurring(ReleasingExpiredReservations.TASK, FixedDelay.of(properties.reservationSweepEvery()))
                .execute((instance, context) -> releasing.releaseExpired());
    }

    @Bean
    RecurringTask<Void> stockChangesCleanup(ForgettingStockChanges forgetting, StockChangesProperties properties) {
        return Tasks.recurring(ForgettingStockChanges.TASK, FixedDelay.of(properties.forgetEvery()))
                .execute((instance, context) -> forgetting.forget());
    }
}
