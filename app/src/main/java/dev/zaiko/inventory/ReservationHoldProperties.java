package dev.zaiko.inventory;

import java.time.Duration;

import dev.zaiko.platform.Durations;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long an unclaimed reservation is held (docs/reservations.md, "Holds").
 *
 * @param reservationHold       an API reservation without {@code holdFor}, and an order's reservation
 *                              until the order that made it is recorded, are released this long
 *                              after they were made (default 15 minutes)
 * @param reservationSweepEvery how often the sweep releases the reservations whose hold ran out
 *                              (default 30 seconds): a hold ends at most this much (plus the job
 *                              poller's interval) after it ran out
 */
@ConfigurationProperties("zaiko.inventory")
public record ReservationHoldProperties(Duration reservationHold, Duration reservationSweepEvery) {

    /** The longest hold an API client may ask for or extend to. */
    public static final Duration MAX_HOLD = Duration.ofDays(7);

    public ReservationHoldProperties {
        if (reservationHold == null) reservationHold = Duration.ofMinutes(15);
        if (reservationSweepEvery == null) reservationSweepEvery = Duration.ofSeconds(30);
        if (!Durations.positive(reservationHold) || !Durations.positive(reservationSweepEvery)) {
            throw new IllegalArgumentException("zaiko.inventory.reservation-hold and reservation-sweep-every must be "
                    + "positive");
        }
    }

    public static ReservationHoldProperties defaults() {
        return new ReservationHoldProperties(null, null);
    }
}
