package dev.zaiko.inventory;

import java.util.Collection;
import java.util.Map;

/**
 * How many units of each inbound are already promised to waiting lines. The inventory does not
 * keep promises (the order module does, on its backordered lines); it asks whoever implements
 * this to show them next to its inbounds. Without an implementation nothing is promised.
 */
public interface InboundPromises {

    /** Units promised each of these inbounds; an inbound absent from the answer has none promised. */
    Map<Long, Integer> promisedUnits(Collection<Long> inboundIds);
}
