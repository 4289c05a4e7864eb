package dev.zaiko.inventory;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;

final class Displacements {

    private Displacements() {
    }

    /** Only reservations no other location could cover concern the order module. */
    static void publish(ApplicationEventPublisher events, List<Displacement> displacements) {
        displacements.stream().filter(Displacement::displaced)
                .map(d -> new ReservationDisplaced(d.reservationId(), d.holder(), d.channel(), d.sku(), d.location(),
                        d.quantity()))
                .forEach(events::publishEvent);
    }
}
