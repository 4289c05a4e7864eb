package dev.zaiko.payment;

/**
 * The provider did not confirm the operation. {@link GatewayDeclined}: it said no and moved no
 * money. {@link GatewayTimeout}: no answer, so the money may or may not have moved.
 */
public sealed class GatewayException extends Exception permits GatewayDeclined, GatewayTimeout {

    private final String code;
    private final boolean retryable;

    GatewayException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        if (code == null || code.isBlank()) throw new IllegalArgumentException("a gateway failure needs a code");
        this.code = code;
        this.retryable = retryable;
    }

    /**
     * True when a later attempt may succeed (issuer unavailable, timeout); false when it never
     * will (no such payment, amount exceeds what is left, account closed). Retry with the same key.
     */
    public boolean retryable() {
        return retryable;
    }

    /** Machine code, e.g. {@code issuer-unavailable}, {@code no-such-payment}, {@code amount-exceeds-remaining}, {@code timeout}. */
    public String code() {
        return code;
    }
}
