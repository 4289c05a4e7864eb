package dev.zaiko.stockout;

import java.util.Map;

import dev.zaiko.platform.InvalidRequestException;

/** A lead-time request naming a SKU or channel Zaiko does not know: 404 naming the field. */
class UnknownLeadTimeSubject extends InvalidRequestException {

    UnknownLeadTimeSubject(String field, String detail) {
        super(404, "not-found", detail, Map.of("field", field));
    }
}
