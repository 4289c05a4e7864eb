package dev.zaiko.order;

import java.time.LocalDate;

import dev.zaiko.inventory.ChannelKind;
import dev.zaiko.platform.InvalidRequestException;

/**
 * The delivery date promised for an express order. The shop's own checkout (OWN) made the
 * promise, so it must say which date; a marketplace decides its delivery promise itself and its
 * feed may carry only the express flag, and a marketplace order is never refused for something
 * the shop cannot ask the marketplace to fix, so there the date is optional. A date without
 * express promises nothing the shop offered, and a date before the day of ordering cannot be kept.
 */
final class ExpressPromise {

    private ExpressPromise() {
    }

    /**
     * @param placedOn the day the order is placed, in the shop's zone
     * @throws InvalidRequestException a rule the request breaks (400, nothing written)
     */
    static void check(OrderRequest r, ChannelKind channelKind, LocalDate placedOn) {
        boolean express = Boolean.TRUE.equals(r.express());
        LocalDate promised = r.promisedDate();
        if (promised != null && !express) {
            throw new InvalidRequestException("promisedDate " + promised + " is given but express is not true; a "
                    + "promised delivery date belongs to an express order only. Send express: true, or leave "
                    + "promisedDate out.");
        }
        if (express && promised == null && channelKind == ChannelKind.OWN) {
            throw new InvalidRequestException("promisedDate is required for an express order on an own channel ("
                    + r.channel() + "): send the delivery date the shop promised the customer (YYYY-MM-DD).");
        }
        if (promised != null && promised.isBefore(placedOn)) {
            throw new InvalidRequestException("promisedDate " + promised + " is before the day the order is placed ("
                    + placedOn + "); the promised delivery date must be that day or later.");
        }
    }
}
