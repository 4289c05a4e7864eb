package dev.zaiko.wallet;

import java.time.LocalDate;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** Staff grant points and gift balance and read a customer's wallet. */
@RestController
@RequestMapping("/api/wallets")
class WalletController {

    static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    static final String EMAIL_MESSAGE = "must be an email address like name@example.jp";

    private final Wallets wallets;
    private final WalletTexts texts;

    WalletController(Wallets wallets, WalletTexts texts) {
        this.wallets = wallets;
        this.texts = texts;
    }

    /** @param key optional: the same key again answers the first grant and grants nothing */
    record PointsIn(@NotBlank @Email(regexp = EMAIL, message = EMAIL_MESSAGE) @Size(max = 254) String customer,
                    @NotNull @Positive @Max(Wallets.MAX_YEN) Long points,
                    @NotNull LocalDate validUntil,
                    @NotBlank @Size(max = 500) String reason,
                    @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank when given")
                    String key) {
    }

    /** @param validUntil optional: without it, {@code zaiko.wallet.gift-balance-validity-days} from today */
    record GiftBalanceIn(@NotBlank @Email(regexp = EMAIL, message = EMAIL_MESSAGE) @Size(max = 254) String customer,
                         @NotNull @Positive @Max(Wallets.MAX_YEN) Long amount,
                         LocalDate validUntil,
                         @NotBlank @Size(max = 500) String reason,
                         @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank when given")
                         String key) {
    }

    /** The new lot, and what the customer can spend of its kind now. */
    record Granted(WalletTexts.LotJson lot, long balance) {
    }

    /** 201 with the lot; 400 for a validity before today or an amount that is not positive. */
    @Operation(summary = "Grant points",
            description = "Adds a lot of points to the customer's wallet (the customer is their email), valid until a date not before today. With a key the call is idempotent: the same key again answers the same lot.")
    @ApiResponse(responseCode = "201", description = "The lot and the customer's points balance.")
    @ApiResponse(responseCode = "409", description = "The key was already used for another call (key-used-for-another-call).")
    @PostMapping("/points")
    ResponseEntity<Granted> points(@Valid @RequestBody PointsIn in, Locale locale) {
        WalletView.Lot lot = wallets.grantPoints(in.customer(), in.points(), in.validUntil(), in.reason(), in.key());
        return ResponseEntity.status(HttpStatus.CREATED).body(new Granted(texts.lot(lot, locale),
                wallets.wallet(in.customer()).points()));
    }

    @Operation(summary = "Grant gift balance",
            description = "Adds a lot of gift balance in yen to the customer's wallet, valid until a date not before today. With a key the call is idempotent.")
    @ApiResponse(responseCode = "201", description = "The lot and the customer's gift balance.")
    @ApiResponse(responseCode = "409", description = "The key was already used for another call (key-used-for-another-call).")
    @PostMapping("/gift-balance")
    ResponseEntity<Granted> giftBalance(@Valid @RequestBody GiftBalanceIn in, Locale locale) {
        WalletView.Lot lot = wallets.grantGiftBalance(in.customer(), in.amount(), in.validUntil(), in.reason(),
                in.key());
        return ResponseEntity.status(HttpStatus.CREATED).body(new Granted(texts.lot(lot, locale),
                wallets.wallet(in.customer()).giftBalance()));
    }

    /** Balances today, every lot with what remains, every entry, and the customer's coupons. */
    @Operation(summary = "Read a customer's wallet",
            description = "Balances today, every lot with what remains, every entry, and the customer's coupons.")
    @GetMapping
    WalletTexts.WalletJson wallet(@RequestParam @NotBlank @Email(regexp = EMAIL, message = EMAIL_MESSAGE)
                                  String customer, Locale locale) {
        return texts.wallet(wallets.wallet(customer), locale);
    }
}
