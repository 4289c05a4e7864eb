package dev.zaiko.wallet;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;

import dev.zaiko.platform.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** Staff issue coupons and look them up. */
@RestController
@RequestMapping("/api/coupons")
class CouponController {

    private final Wallets wallets;
    private final WalletTexts texts;

    CouponController(Wallets wallets, WalletTexts texts) {
        this.wallets = wallets;
        this.texts = texts;
    }

    /**
     * @param code     optional: a new random code without it
     * @param value    yen for FIXED, percent (1 to 100) for PERCENT
     * @param customer optional: only this customer may use it; without it, anyone may, once
     */
    record CouponIn(@Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+",
                            message = "must be letters, digits, - or _") String code,
                    @NotBlank @Size(max = 200) String campaign,
                    @NotNull @Pattern(regexp = "FIXED|PERCENT", message = "must be FIXED or PERCENT") String kind,
                    @NotNull @Positive @Max(Wallets.MAX_YEN) Long value,
                    @NotNull LocalDate campaignEnds,
                    @Email(regexp = WalletController.EMAIL, message = WalletController.EMAIL_MESSAGE) @Size(max = 254)
                    String customer) {
    }

    /** 201 with the coupon; 409 {@code coupon-code-taken}; 400 for PERCENT outside 1..100 or a campaign that ended. */
    @Operation(summary = "Issue a coupon",
            description = "A single-use coupon of a campaign: FIXED yen or PERCENT (1 to 100) off, valid until the campaign ends, optionally only for one customer (email). Without a code, a random one is chosen.")
    @ApiResponse(responseCode = "201", description = "The coupon; Location names it.")
    @ApiResponse(responseCode = "409", description = "A coupon with this code already exists (coupon-code-taken).")
    @PostMapping
    ResponseEntity<WalletTexts.CouponJson> issue(@Valid @RequestBody CouponIn in, Locale locale) {
        Coupon coupon = wallets.createCoupon(in.code(), in.campaign(), DiscountKind.valueOf(in.kind()), in.value(),
                in.campaignEnds(), in.customer());
        return ResponseEntity.created(URI.create("/api/coupons/" + URLEncoder.encode(coupon.code(), StandardCharsets.UTF_8)))
                .body(texts.coupon(coupon, locale));
    }

    @Operation(summary = "Read a coupon")
    @GetMapping("/{code}")
    WalletTexts.CouponJson coupon(@PathVariable String code, Locale locale) {
        return texts.coupon(wallets.coupon(code).orElseThrow(() -> new NotFoundException("No coupon " + code + ".")),
                locale);
    }
}
