package dev.zaiko.stockout;

import java.util.Map;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;

/**
 * SUBSTITUTE is offered when at least one product serving the same purpose is in stock and priced
 * within the rules. Chosen, the missing units are replaced by the customer's pick among the
 * offered candidates, reserved now and sold at the candidate's price; a cheaper substitute's
 * difference goes back ({@code CHEAPER_SUBSTITUTE}), a dearer one's is absorbed by the shop.
 */
class OfferSubstitutes implements StockoutChoice {

    @Override
    public Choice choice() {
        return Choice.SUBSTITUTE;
    }

    @Override
    public Verdict evaluate(OptionContext c) {
        if (c.agedBackorder()) return Verdict.withhold(Choice.SUBSTITUTE, "agedBackorder");
        if (c.product() == null) return Verdict.withhold(Choice.SUBSTITUTE, "unknownProduct");
        if (c.substitutes().isEmpty()) return Verdict.withhold(Choice.SUBSTITUTE, "noSubstitute");
        SubstituteCandidate best = c.substitutes().get(0);
        return Verdict.offer(Choice.SUBSTITUTE, best.shipsOn(), null, c.shortUnits(), null, null, c.substitutes(),
                "stockout.option.SUBSTITUTE", c.substitutes().size());
    }

    /** A cheaper substitute's difference goes back. */
    @Override
    public String refundCause() {
        return RefundRequested.CHEAPER_SUBSTITUTE;
    }

    /**
     * @throws InvalidRequestException {@code substitute-missing}: no substituteSku
     * @throws ConflictException       {@code substitute-not-offered}, or the order's {@code substitute-unavailable}
     */
    @Override
    public Outcome carryOut(Carrying c) {
        SubstituteCandidate candidate = candidate(c.option(), c.substituteSku());
        var change = c.lines().substitute(c.order(), c.lineNo(), candidate.sku(), candidate.quantity(),
                candidate.price().chargedUnitPrice(), c.actor(), c.why());
        return new Outcome(change, candidate.sku(), candidate.price().refundAmount(),
                candidate.price().absorbedAmount());
    }

    private static SubstituteCandidate candidate(StockoutOption option, String sku) {
        if (sku == null || sku.isBlank()) {
            throw new InvalidRequestException("substitute-missing", "substituteSku is required for SUBSTITUTE: one of "
                    + option.substitutes().stream().map(SubstituteCandidate::sku).toList() + ".",
                    Map.of("field", "substituteSku"));
        }
        return option.substitutes().stream().filter(s -> s.sku().equals(sku.strip())).findFirst()
                .orElseThrow(() -> new ConflictException("substitute-not-offered", sku + " is not an offered "
                        + "substitute now; offered: " + option.substitutes().stream().map(SubstituteCandidate::sku)
                        .toList() + ".", Map.of("sku", sku, "field", "substituteSku")));
    }
}
