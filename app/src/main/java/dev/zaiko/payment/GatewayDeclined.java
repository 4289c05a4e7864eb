package dev.zaiko.payment;

/** The provider answered no; no money moved for this call. */
public final class GatewayDeclined extends GatewayException {

    public GatewayDeclined(String code, String message, boolean retryable) {
        super(code, message, retryable, null);
    }

    public GatewayDeclined(String code, String message, boolean retryable, Throwable cause) {
        super(code, message, retryable, cause);
    }
}
