package dev.zaiko.payment;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import dev.zaiko.platform.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The checkout's part against the built-in gateway, for development: authorise (and capture) a
 * payment, and look at a payment's books. Off (404) when a provider's adapter replaced the gateway.
 */
@RestController
@RequestMapping("/api/gateway/payments")
class GatewayController {

    private final ObjectProvider<BuiltInGateway> builtIn;
    private final ObjectProvider<PaymentGateway> active;

    GatewayController(ObjectProvider<BuiltInGateway> builtIn, ObjectProvider<PaymentGateway> active) {
        this.builtIn = builtIn;
        this.active = active;
    }

    /**
     * @param reference   left out for a generated one
     * @param capture     capture the whole amount at once (a payment taken at checkout, like PayPay)
     * @param orderNumber the order it pays for, for the books only
     */
    record PaymentRequest(@Size(max = BuiltInGateway.MAX_REFERENCE_LENGTH) String reference,
                          @NotNull String method, @NotNull @Positive Long amount, Boolean capture,
                          @Size(max = 40) String orderNumber) {
    }

    /** @param amount left out to capture all that is still authorised */
    record CaptureRequest(@Positive Long amount) {
    }

    /** 201 with the payment's books; 400 for a method other than CREDIT_CARD, DEBIT_CARD, PAYPAY; 409 {@code payment-exists}. */
    @Operation(summary = "Authorise a payment at the built-in gateway",
            description = "For development and tests: the checkout's authorisation of a payment by CREDIT_CARD, DEBIT_CARD or PAYPAY against the simulator. Answers 404 when a provider's adapter replaced the built-in gateway.")
    @ApiResponse(responseCode = "201", description = "The payment's books; Location names it.")
    @ApiResponse(responseCode = "409", description = "A payment with this reference already exists (payment-exists).")
    @PostMapping
    ResponseEntity<BuiltInGateway.Books> authorize(@Valid @RequestBody PaymentRequest request) {
        BuiltInGateway gateway = gateway();
        BuiltInGateway.Books books = gateway.authorize(request.reference(), request.method(), request.amount(),
                request.orderNumber());
        if (Boolean.TRUE.equals(request.capture())) books = gateway.capture(books.reference(), null);
        return ResponseEntity.created(URI.create("/api/gateway/payments/"
                + URLEncoder.encode(books.reference(), StandardCharsets.UTF_8))).body(books);
    }

    /** 200 with the books after the capture; 409 {@code already-captured} or {@code amount-exceeds-remaining}. */
    @Operation(summary = "Capture a payment at the built-in gateway",
            description = "Captures the amount (default: all that is left) of an authorised payment.")
    @ApiResponse(responseCode = "200", description = "The payment's books after the capture.")
    @ApiResponse(responseCode = "409", description = "The payment was already captured or the amount exceeds what is left (already-captured, amount-exceeds-remaining).")
    @PostMapping("/{reference}/capture")
    BuiltInGateway.Books capture(@PathVariable String reference, @Valid @RequestBody(required = false) CaptureRequest request) {
        return gateway().capture(reference, request == null ? null : request.amount());
    }

    /** Authorised, captured, voided and refunded, what is left, and every operation. */
    @Operation(summary = "Read a payment's books at the built-in gateway",
            description = "Authorised, captured, voided and refunded, what is left, and every operation.")
    @GetMapping("/{reference}")
    BuiltInGateway.Books payment(@PathVariable String reference) {
        return gateway().books(reference)
                .orElseThrow(() -> new NotFoundException("The built-in gateway knows no payment " + reference + "."));
    }

    private BuiltInGateway gateway() {
        BuiltInGateway gateway = builtIn.getIfAvailable();
        if (gateway == null) {
            PaymentGateway other = active.getIfUnique();
            throw new NotFoundException("The built-in payment gateway is not in use"
                    + (other == null ? "" : " (payments go through the " + other.name() + " gateway)")
                    + ", so its development endpoints are off.");
        }
        return gateway;
    }
}
