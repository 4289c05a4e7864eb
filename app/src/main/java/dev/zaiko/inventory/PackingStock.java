package dev.zaiko.inventory;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The stock side of packing an order: units that passed the packer's inspection ship (their
 * reservation is committed), units found defective are set aside as DEFECTIVE and replaced from
 * the channel's pool when it can. Both are stock changes of the SKU, so they take its lock like
 * every other writer, and they join the caller's transaction: the order's new status and the
 * stock change commit together or not at all.
 */
@Component
public class PackingStock {

    private final LockedStock stock;
    private final JdbcTemplate jdbc;
    private final ReservationStore reservations = new ReservationStore();

    PackingStock(LockedStock stock, JdbcTemplate jdbc) {
        this.stock = stock;
        this.jdbc = jdbc;
    }

    /**
     * @param replacement the parts reserved in place of the defective units, at the locations
     *                    they were taken from; empty when the channel's pool could not cover them
     * @param reservation the reservation after the change (same id: the replacement joins it)
     */
    public record DefectOutcome(Reservation reservation, List<ReservationPart> replacement) {
        public boolean replaced() {
            return !replacement.isEmpty();
        }
    }

    /**
     * Commits the reservation: its units leave the building.
     *
     * @throws NotFoundException no such reservation
     * @throws ConflictException {@code reservation-not-open} when it is no longer open
     */
    public Reservation ship(UUID reservationId) {
        Reservation r = require(reservationId);
        stock.changeReservation(r.sku(), reservationId, picture -> {
            String refusal = picture.commit(reservationId);
            if (refusal != null) throw notOpen(reservationId, refusal);
            return null;
        });
        return require(reservationId);
    }

    /**
     * Moves {@code units} of the reservation from RESERVED to DEFECTIVE and tries to reserve as
     * many replacement units from the reservation's channel pool into the same reservation.
     *
     * @param reason written on the ledger's movements, e.g. the order line
     * @throws NotFoundException no such reservation
     * @throws ConflictException {@code reservation-not-open} when it holds fewer open units
     */
    public DefectOutcome defective(UUID reservationId, int units, String reason) {
        Reservation r = require(reservationId);
        List<ReservationPart> replacement = stock.changeReservation(r.sku(), reservationId,
                picture -> picture.defectAtPacking(reservationId, units, reason));
        return new DefectOutcome(require(reservationId), replacement);
    }

    private Reservation require(UUID id) {
        return reservations.find(jdbc, id)
                .orElseThrow(() -> new NotFoundException("No reservation " + id + "."));
    }

    private static ConflictException notOpen(UUID id, String why) {
        return new ConflictException("reservation-not-open", "Cannot ship reservation " + id + ": " + why + ".",
                Map.of("reservationId", id.toString()));
    }
}
