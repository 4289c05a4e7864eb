package dev.zaiko.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.support.StoppedClock;
import dev.zaiko.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two application nodes on one PostgreSQL: a change made on one is seen there at once and on the
 * other after at most a second (its next version check), without either asking the database on
 * every read.
 */
class CalendarAcrossNodesTest {

    final HikariDataSource database = TestDatabase.fresh(4);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aChangeOnOneNodeReachesTheOtherWithinASecond() {
        StoppedClock clockA = new StoppedClock(java.time.Instant.parse("2027-05-31T00:00:00Z"), ZoneId.of("Asia/Tokyo"));
        StoppedClock clockB = new StoppedClock(java.time.Instant.parse("2027-05-31T00:00:00Z"), ZoneId.of("Asia/Tokyo"));
        ShopCalendar nodeA = new ShopCalendar(CalendarProperties.defaults(), CalendarStore.on(database), clockA);
        ShopCalendar nodeB = new ShopCalendar(CalendarProperties.defaults(), CalendarStore.on(database), clockB);
        EditingCalendar editingOnA = new EditingCalendar(CalendarStore.on(database), nodeA, clockA);
        LocalDate day = LocalDate.of(2027, 6, 1);
        assertThat(nodeA.isBusinessDay(day)).isTrue();
        assertThat(nodeB.isBusinessDay(day)).isTrue();

        editingOnA.close(day, "社内研修");

        assertThat(nodeA.isBusinessDay(day)).isFalse();
        clockB.advance(Duration.ofMillis(999));
        assertThat(nodeB.isBusinessDay(day)).as("B read the version less than a second ago").isTrue();
        clockB.advance(Duration.ofMillis(1));
        assertThat(nodeB.isBusinessDay(day)).isFalse();
        assertThat(nodeB.closedDates()).containsEntry(day, "社内研修");
    }

    @Test
    void readsBetweenChecksDoNotTouchTheDatabase() {
        StoppedClock clock = new StoppedClock(java.time.Instant.parse("2027-05-31T00:00:00Z"), ZoneId.of("Asia/Tokyo"));
        ShopCalendar node = new ShopCalendar(CalendarProperties.defaults(), CalendarStore.on(database), clock);
        assertThat(node.isBusinessDay(LocalDate.of(2027, 6, 1))).isTrue();
        database.close(); // any query now fails

        for (int i = 0; i < 1000; i++) node.nextCallSlot(clock.instant().plusSeconds(i * 97L));
        assertThat(node.isBusinessDay(LocalDate.of(2027, 6, 1))).isTrue();
        clock.advance(Duration.ofSeconds(5));
        // the version check fails: the node keeps what it knew rather than stopping the call queue
        assertThat(node.isBusinessDay(LocalDate.of(2027, 6, 1))).isTrue();
    }
}
