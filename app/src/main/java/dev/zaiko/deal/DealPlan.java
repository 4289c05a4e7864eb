package dev.zaiko.deal;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A deal as planned ({@code POST /api/deals}, {@code PUT /api/deals/{code}} while PLANNED). Rules
 * no annotation can express are checked by {@link PlanningDeals}: the SKU exists, every channel
 * exists and is OWN, the price is at most the product's regular price, the end is after the start
 * and not in the past.
 *
 * @param channels         the own channels it sells on; its units are set aside from the first one's pool
 * @param price            whole yen per unit
 * @param memberSegment    only buyers of this member segment may buy
 * @param perCustomerLimit the most units one customer may hold or buy from it
 */
public record DealPlan(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]*",
                message = "must be letters, digits, '_', '.' or '-', starting with a letter or digit") String code,
        @NotBlank @Size(max = 64) String sku,
        @NotEmpty(message = "must list at least one own channel") @Size(max = 20) List<@NotBlank @Size(max = 64) String> channels,
        @NotNull @PositiveOrZero @Max(1_000_000_000L) Long price,
        @NotNull @Positive @Max(1_000_000) Integer quantity,
        @NotNull Instant startsAt,
        @NotNull Instant endsAt,
        @Size(min = 1, max = 64) String memberSegment,
        @Positive @Max(10_000) Integer perCustomerLimit) {
}
