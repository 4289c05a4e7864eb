package dev.zaiko.order;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An order as a channel sends it ({@code POST /api/orders}). Amounts are whole yen.
 *
 * @param externalRef the channel's own order id (a marketplace order id; the web checkout's
 *                    session or cart id). Orders are idempotent on (channel, externalRef): the same
 *                    pair with the same body again returns the existing order, with a different
 *                    body it is refused ({@link RequestFingerprint}). Without externalRef nothing
 *                    is deduplicated, so an OWN checkout that may retry should send one.
 * @param express     express delivery (あす楽 / お急ぎ便)
 * @param promisedDate the delivery date the shop promised for an express order: required with
 *                    {@code express: true} on an OWN channel (the shop's own checkout made the
 *                    promise, so it knows the date), optional on a MARKETPLACE (its feed may carry
 *                    only the flag); never without {@code express: true}; not before the day the
 *                    order is placed (the shop's zone)
 * @param gift        a gift; {@code neededBy} is then the date it must arrive by
 * @param b2b         a business (contract) customer
 */
public record OrderRequest(
        @NotBlank @Size(max = 64) String channel,
        @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank when given") String externalRef,
        @NotNull @Valid Customer customer,
        @NotNull @Valid Payment payment,
        Boolean express,
        LocalDate promisedDate,
        Boolean gift,
        Boolean b2b,
        LocalDate neededBy,
        @PositiveOrZero @Max(MAX_YEN) Long shippingFee,
        @NotEmpty(message = "must list at least one line") @Size(max = MAX_LINES, message = "must not list more than "
                + MAX_LINES + " lines") List<@NotNull @Valid Line> lines) {

    public static final int MAX_LINES = 100;
    public static final int MAX_QUANTITY = 10_000;
    public static final long MAX_YEN = 1_000_000_000L;

    /**
     * @param locale  {@code ja} (default) or {@code en}: the language of what Zaiko writes to the customer
     * @param segment the buyer's member segment (say {@code PRIME}), as the channel integration knows
     *                it: the order's reservations may take units a {@code MEMBER_QUOTA} protection keeps
     *                for that segment, as {@code POST /api/reservations} may. Null: not a member.
     */
    public record Customer(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be an email address like name@example.jp")
            @Size(max = 254) String email,
            @Size(max = 32) @Pattern(regexp = "\\+?[0-9][0-9 \\-()]{5,30}",
                    message = "must be a phone number of digits, optionally with +, spaces, dashes or parentheses")
            String phone,
            @Pattern(regexp = "ja|en", message = "must be ja or en") String locale,
            @Size(max = 64)
            @Schema(description = "The buyer's member segment as the channel integration knows it (e.g. PRIME): "
                    + "the order may take units a MEMBER_QUOTA protection keeps for that segment. At most 64 "
                    + "characters; left out (or blank) for a buyer who is not a member.", maxLength = 64, example = "PRIME")
            String segment) {

        public Customer(String name, String email, String phone, String locale) {
            this(name, email, phone, locale, null);
        }
    }

    /**
     * Must add up: {@code amount + pointsUsed + giftBalanceUsed + couponDiscount} equals the sum
     * of the lines' {@code quantity * unitPrice} plus {@code shippingFee} ({@link PaymentBalance}).
     *
     * @param amount          what the customer pays in money, after points, coupon and gift balance
     * @param pointsUsed      shop or marketplace points spent on the order
     * @param couponDiscount  what the coupon took off the order, whole yen; only with a couponCode
     *                        (a code without a discount means 0)
     * @param giftBalanceUsed gift-card balance spent on the order
     * @param reference       the payment provider's id for this payment (card, debit card, PayPay
     *                        authorisation or charge id); refunds and voids name the payment by it.
     *                        Without it they name the payment by the order number.
     */
    public record Payment(
            @NotNull @Pattern(regexp = "CREDIT_CARD|DEBIT_CARD|KONBINI|BANK_TRANSFER|PAYPAY|GIFT_BALANCE|COD",
                    message = "must be one of CREDIT_CARD, DEBIT_CARD, KONBINI, BANK_TRANSFER, PAYPAY, GIFT_BALANCE, COD")
            String method,
            @NotNull @Pattern(regexp = "AUTHORIZED|CAPTURED|PAID|UNPAID",
                    message = "must be one of AUTHORIZED, CAPTURED, PAID, UNPAID")
            String status,
            @NotNull @PositiveOrZero @Max(MAX_YEN) Long amount,
            @PositiveOrZero @Max(MAX_YEN) Long pointsUsed,
            @Size(min = 1, max = 64) String couponCode,
            @PositiveOrZero @Max(MAX_YEN) Long couponDiscount,
            @PositiveOrZero @Max(MAX_YEN) Long giftBalanceUsed,
            @Size(min = 1, max = 100) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII without spaces")
            String reference) {
    }

    /**
     * @param unitPrice       whole yen per unit, after discounts on the line
     * @param externalLineRef the marketplace's own id of this line, kept with the line so that a
     *                        stock-out cancellation can name it to the platform: Amazon OrderItemId
     *                        (AmazonOrderItemCode), Rakuten itemDetailId (the basket item), Yahoo!
     *                        LineId, Shopify LineItem id. Optional; at most 100 characters; a line
     *                        id given twice in one order is refused.
     * @param deal            the deal the line buys from ({@link DealLines}); null for regular stock
     * @param reservationId   a held reservation the buyer made before (a cart hold, {@code POST
     *                        /api/reservations}) that this line takes over instead of reserving again:
     *                        same SKU, channel and quantity, still open and held. The order claims it in
     *                        its transaction; refused, the order leaves it held for its owner.
     */
    public record Line(
            @NotBlank @Size(max = 64) String sku,
            @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity,
            @NotNull @PositiveOrZero @Max(MAX_YEN) Long unitPrice,
            @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank when given")
            @Schema(description = "The marketplace's own id of this line: Amazon OrderItemId (AmazonOrderItemCode), "
                    + "Rakuten itemDetailId (the basket item), Yahoo! LineId, Shopify LineItem id. Kept with the "
                    + "line so that a stock-out cancellation names the line to the platform. Optional, at most 100 "
                    + "characters, no control characters, unique within the order.", maxLength = 100,
                    example = "25959136016214")
            String externalLineRef,
            @Size(min = 1, max = 64) @Pattern(regexp = ".*\\S.*", message = "must not be blank when given")
            @Schema(description = "The code of the deal (time sale) this line buys from, on an OWN channel: its "
                    + "units come out of the deal's quantity and unitPrice must be the deal price. Left out, the line "
                    + "is sold from regular stock at whatever price the channel sends.", maxLength = 64,
                    example = "SUMMER-TENT")
            String deal,
            @Schema(description = "A held reservation (POST /api/reservations, a cart hold) this line takes over "
                    + "instead of reserving again: the same SKU, channel and quantity, still open and held. The "
                    + "order claims it; an order that is refused leaves it held.")
            java.util.UUID reservationId) {

        public Line(String sku, Integer quantity, Long unitPrice, String externalLineRef, String deal) {
            this(sku, quantity, unitPrice, externalLineRef, deal, null);
        }

        public Line(String sku, Integer quantity, Long unitPrice, String externalLineRef) {
            this(sku, quantity, unitPrice, externalLineRef, null, null);
        }

        public Line(String sku, Integer quantity, Long unitPrice) {
            this(sku, quantity, unitPrice, null, null, null);
        }
    }
}
