package dev.zaiko.payment;

/**
 * No answer in time: the money may or may not have moved. Always retryable, and only with the
 * SAME idempotency key: the provider then answers the first outcome if the money did move, and a
 * new key could move it a second time.
 */
public final class GatewayTimeout extends GatewayException {

    public static final String CODE = "timeout";

    public GatewayTimeout(String message) {
        super(CODE, message, true, null);
    }

    public GatewayTimeout(String message, Throwable cause) {
        super(CODE, message, true, cause);
    }
}
