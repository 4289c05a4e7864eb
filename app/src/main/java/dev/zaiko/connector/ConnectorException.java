package dev.zaiko.connector;

import java.time.Duration;

/** A platform call that did not finish with the platform's answer. Messages never hold credentials. */
public abstract sealed class ConnectorException extends Exception {

    protected ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The platform asked to slow down; {@link #retryAfter()} is its wait (or a sensible one when it named none). */
    public static final class Throttled extends ConnectorException {
        private final Duration retryAfter;

        public Throttled(String message, Duration retryAfter) {
            super(message, null);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The credentials were refused, also after a token refresh: a person must renew them. */
    public static final class Unauthorized extends ConnectorException {
        public Unauthorized(String message) {
            super(message, null);
        }
    }

    /** Any other failure: a 4xx/5xx with the platform's message, a timeout, a refused target. */
    public static final class Failed extends ConnectorException {
        public Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
