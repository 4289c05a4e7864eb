package dev.zaiko.order;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.zaiko.deal.BuyingFromDeals;
import dev.zaiko.deal.Deal;
import dev.zaiko.deal.DealPurchase;
import dev.zaiko.deal.Deals;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.ChannelKind;
import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.inventory.ReservingStock;
import dev.zaiko.platform.InvalidRequestException;
import org.springframework.stereotype.Component;

/**
 * Order lines that name a deal ({@code lines[i].deal}): the line must be the deal's SKU on one of
 * its channels at the deal price, and its units come out of the deal's quantity
 * ({@link BuyingFromDeals#reserve}, which also applies the deal's member segment, per-customer
 * limit and waitlist) as a held reservation that the order claims like any other line's. A line
 * naming no deal is sold from regular stock at whatever price the channel sends.
 */
@Component
class DealLines {

    private final BuyingFromDeals deals;
    private final Deals reading;
    private final ReservingStock reserving;

    DealLines(BuyingFromDeals deals, Deals reading, ReservingStock reserving) {
        this.deals = deals;
        this.reading = reading;
        this.reserving = reserving;
    }

    /** The code of the deal whose units the set-aside holds (a held reservation drawn from it), if any. */
    java.util.Optional<String> ofSetAside(java.util.UUID setAside) {
        return reading.bySetAside(setAside).map(Deal::code);
    }

    /**
     * @throws InvalidRequestException a deal line on a marketplace, or one the deal refuses
     *                                 ({@code deal-price-mismatch} naming {@code lines[i].unitPrice}, …)
     */
    void check(OrderRequest request, Channel channel) {
        for (int i = 0; i < request.lines().size(); i++) {
            OrderRequest.Line line = request.lines().get(i);
            if (line.deal() == null) continue;
            if (channel.kind() != ChannelKind.OWN) {
                String field = "lines[" + i + "].deal";
                throw new InvalidRequestException("invalid-request", field + ": channel " + channel.code() + " is a "
                        + "marketplace; a marketplace runs its own time sales and its orders never name a Zaiko deal.",
                        Map.of("field", field));
            }
            deals.checkLine(line.deal().strip(), channel.code(), line.sku(), line.unitPrice(),
                    "lines[" + i + "].unitPrice");
        }
    }

    /**
     * Draws the line's units from its deal, held until the order's transaction claims them. A
     * refusal by exception (the deal not live, the limit reached, …) is the future's failure, so
     * the order releases what its other lines reserved.
     */
    CompletableFuture<ReservationOutcome> reserve(OrderRequest request, Channel channel, OrderNumber number, int lineNo) {
        OrderRequest.Line line = request.lines().get(lineNo - 1);
        try {
            // the order's member segment (customer.segment): a member-only deal sells to it
            return CompletableFuture.completedFuture(deals.reserve(new DealPurchase(line.deal().strip(), channel.code(),
                    line.sku(), line.quantity(), request.customer().email(), PlacingOrders.segment(request),
                    Order.Line.holder(number, lineNo),
                    reserving.defaultHold(), false)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
