package dev.zaiko.stockout;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shop's policy for the options it offers when an item is missing.
 *
 * @param absorbLimit         whole yen per line: a dearer substitute is sold at the price the customer
 *                            paid when the difference for the line is at most this (default 1,000 yen);
 *                            a dearer one beyond it is not offered
 * @param dropShip            whether suppliers may ship straight to customers (default false)
 * @param dropShipExtraDays   days added to the supplier's lead time for the delivery (default 1)
 * @param transfer            whether another store or warehouse outside the channel's pool may send
 *                            the item (default false)
 * @param transferDays        business days a transfer takes to reach the customer (default 2)
 * @param maxSubstitutes      how many ranked substitutes are offered at most (default 3)
 * @param decisionLimit       how long the customer has to answer, counted from when they were given
 *                            the options (or from the case's opening when nobody reached them); default 7 days
 * @param defaultDecision     what the shop does when the customer does not answer in time (default
 *                            CANCEL; WAIT when offered is the other sensible choice)
 * @param defaultCheckEvery   how often the durable job looks for cases whose time ran out (default 1 minute)
 * @param attributes          per category, the attributes that matter for a substitute and how:
 *                            {@code tent=capacity:AT_LEAST,weight:AT_MOST,season:SAME}
 */
@ConfigurationProperties("zaiko.stockout.options")
public record StockoutOptionsProperties(Long absorbLimit, Boolean dropShip, Integer dropShipExtraDays,
                                        Boolean transfer, Integer transferDays, Integer maxSubstitutes,
                                        Duration decisionLimit, Choice defaultDecision, Duration defaultCheckEvery,
                                        Map<String, String> attributes) {

    public StockoutOptionsProperties {
        if (absorbLimit == null) absorbLimit = 1_000L;
        if (dropShip == null) dropShip = false;
        if (dropShipExtraDays == null) dropShipExtraDays = 1;
        if (transfer == null) transfer = false;
        if (transferDays == null) transferDays = 2;
        if (maxSubstitutes == null) maxSubstitutes = 3;
        if (decisionLimit == null) decisionLimit = Duration.ofDays(7);
        if (defaultDecision == null) defaultDecision = Choice.CANCEL;
        if (defaultCheckEvery == null) defaultCheckEvery = Duration.ofMinutes(1);
        if (defaultCheckEvery.isNegative() || defaultCheckEvery.isZero()) {
            throw new IllegalArgumentException("zaiko.stockout.options.default-check-every must be positive");
        }
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        if (absorbLimit < 0 || dropShipExtraDays < 0 || transferDays < 0 || maxSubstitutes < 0) {
            throw new IllegalArgumentException("zaiko.stockout.options: limits and days must be 0 or more");
        }
        if (decisionLimit.isNegative() || decisionLimit.isZero()) {
            throw new IllegalArgumentException("zaiko.stockout.options.decision-limit must be positive");
        }
        if (defaultDecision != Choice.CANCEL && defaultDecision != Choice.WAIT) {
            throw new IllegalArgumentException("zaiko.stockout.options.default-decision must be CANCEL or WAIT "
                    + "(a default cannot pick a substitute or a route for the customer), got " + defaultDecision);
        }
        attributes.forEach(AttributeRules::parse); // fail at startup, not at the first stockout
    }

    public static StockoutOptionsProperties defaults() {
        return new StockoutOptionsProperties(null, null, null, null, null, null, null, null, null, null);
    }
}
